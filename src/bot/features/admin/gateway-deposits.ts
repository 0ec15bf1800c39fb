import { methodLabel } from "../../../../conversations/gateway-deposit.js";
import { parseAmount, splitAmount } from "../../../billing/amount.js";
import { formatDateTimeWib, formatEcho, formatRupiah, type Translate } from "../../../billing/format.js";
import type { Deposit, Deposits } from "../../../db/deposits.js";
import type { HandVerdict } from "../../../payments/deposits.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { labelById } from "../../user-label.js";
import type { AdminResult } from "./guard.js";

/** Open gateway deposits /deposits lists, then this many of the latest settled ones. */
const OPEN_SHOWN = 10;
const SETTLED_SHOWN = 5;

const VERDICTS = { lunas: "paid", gagal: "failed" } as const;

type Deps = Pick<BotDeps, "deposits" | "users">;

/** One gateway deposit on one line: id, user, method, amount, state (and a short payment), when. */
export function gatewayDepositLine(users: BotDeps["users"], d: Deposit, t: Translate): string {
  const state = t(`admin-gdep-state-${d.state}`);
  const short = d.shortPaid === null ? "" : ` ${t("admin-gdep-short-mark", { paid: formatRupiah(d.shortPaid) })}`;
  return t("admin-gdep-line", {
    id: d.id,
    user: labelById(users, d.userId),
    method: methodLabel(d.method),
    amount: formatRupiah(d.amount),
    state: `${state}${short}`,
    time: formatDateTimeWib(d.settledAt ?? d.createdAt, t),
  });
}

/** The gateway deposits under /deposits' manual requests: the open ones, then the latest settled; none when there never was one. */
export function gatewayDepositsSection(deps: Deps, deposits: Deposits, t: Translate): string[] {
  const recent = deposits.recent(OPEN_SHOWN + SETTLED_SHOWN);
  if (recent.length === 0) return [];
  const open = deposits.recent(OPEN_SHOWN, "open");
  const settled = recent.filter((d) => d.state !== "open").slice(0, SETTLED_SHOWN);
  return [
    "",
    t("admin-gdep-title", { open: deposits.countOpen() }),
    ...open.map((d) => gatewayDepositLine(deps.users, d, t)),
    ...(settled.length ? [t("admin-gdep-settled-title"), ...settled.map((d) => gatewayDepositLine(deps.users, d, t))] : []),
    t("admin-gdep-hint"),
  ];
}

/** /deposits <id>: one gateway deposit in full, and how to settle it when it is open. */
export function lookUpDeposit(deps: Deps, deposits: Deposits, ctx: BotContext, ref: string): AdminResult {
  const d = deposits.get(ref) ?? deposits.get(ref.toUpperCase());
  if (!d) return { reply: ctx.t("admin-gdep-not-found", { id: formatEcho(ref) }), outcome: "unknown-deposit" };
  const lines = [
    ctx.t("admin-gdep-detail", {
      id: d.id,
      user: labelById(deps.users, d.userId),
      method: methodLabel(d.method),
      gateway: d.gateway,
      ref: d.gatewayRef ?? ctx.t("admin-none"),
      amount: formatRupiah(d.amount),
      fee: formatRupiah(d.fee),
      payer: ctx.t(`admin-gdep-payer-${d.feePayer}`),
      pay: formatRupiah(d.payAmount),
      state: ctx.t(`admin-gdep-state-${d.state}`),
      created: formatDateTimeWib(d.createdAt, ctx.t),
      expires: formatDateTimeWib(d.expiresAt, ctx.t),
    }),
  ];
  if (d.state !== "open") {
    const by = d.settledBy === null ? ctx.t("admin-gdep-by-gateway") : labelById(deps.users, d.settledBy);
    lines.push(ctx.t("admin-gdep-settled", { time: formatDateTimeWib(d.settledAt ?? d.createdAt, ctx.t), by }));
    if (d.reason) lines.push(ctx.t("admin-note-line", { note: d.reason }));
  } else {
    if (d.shortPaid !== null) lines.push(ctx.t("admin-gdep-short", { paid: formatRupiah(d.shortPaid), pay: formatRupiah(d.payAmount) }));
    lines.push(ctx.t("admin-gdep-settle-hint", { id: d.id }));
  }
  return { reply: lines.join("\n"), outcome: "done", targetUserId: d.userId, detail: { deposit: d.id, state: d.state } };
}

/** Reads "lunas [jumlah] [catatan]" or "gagal [catatan]"; a short-paid deposit is only credited with an amount the admin names. */
function readVerdict(words: string[], d: Deposit): HandVerdict | "usage" | "needs-amount" | "bad-amount" {
  const [word = "", ...rest] = words;
  const state = VERDICTS[word.toLowerCase() as keyof typeof VERDICTS];
  if (!state) return "usage";
  if (state === "failed") return { state, note: rest.join(" ") };
  const { amountText, note } = splitAmount(rest.join(" "));
  if (!/^(rp\.?\s*)?\d/i.test(amountText)) return d.shortPaid === null ? { state, note: rest.join(" ") } : "needs-amount";
  const credit = parseAmount(amountText);
  return credit === undefined ? "bad-amount" : { state, credit, note };
}

/**
 * /deposits <id> lunas [jumlah] [catatan] | gagal [catatan]: an admin settles an open deposit by
 * hand through DepositService.settleByHand, inside adminWrite's transaction with its audit row.
 */
export function settleDeposit(deps: Deps & Pick<BotDeps, "notifyUser">, deposits: Deposits, ctx: BotContext, args: string): AdminResult {
  const [ref = "", ...words] = args.split(/\s+/).filter(Boolean);
  const service = deps.deposits;
  if (!service) return { reply: ctx.t("admin-gdep-no-gateway"), outcome: "no-gateway" };
  const found = deposits.get(ref) ?? deposits.get(ref.toUpperCase());
  if (!found) return { reply: ctx.t("admin-gdep-not-found", { id: formatEcho(ref) }), outcome: "unknown-deposit" };
  const audit = { targetUserId: found.userId };
  const verdict = readVerdict(words, found);
  if (verdict === "usage") return { reply: ctx.t("admin-gdep-usage"), outcome: "usage", ...audit };
  const amounts = {
    amount: formatRupiah(found.amount),
    pay: formatRupiah(found.payAmount),
    paid: found.shortPaid === null ? "" : formatRupiah(found.shortPaid),
  };
  if (verdict === "needs-amount") return { reply: ctx.t("admin-gdep-needs-amount", { id: found.id, ...amounts }), outcome: "needs-amount", ...audit };
  if (verdict === "bad-amount") return { reply: ctx.t("admin-gdep-bad-amount", { id: found.id, ...amounts }), outcome: "bad-amount", ...audit };
  const detail = {
    deposit: found.id,
    verdict: verdict.state,
    note: verdict.note,
    ...(verdict.state === "paid" && verdict.credit !== undefined && { credit: verdict.credit }),
  };
  const result = service.settleByHand(found.id, ctx.from!.id, verdict);
  switch (result.kind) {
    case "missing":
      return { reply: ctx.t("admin-gdep-not-found", { id: found.id }), outcome: "unknown-deposit" };
    case "bad-amount":
      return { reply: ctx.t("admin-gdep-bad-amount", { id: found.id, ...amounts }), outcome: "bad-amount", ...audit, detail };
    case "not-open":
      return {
        reply: ctx.t("admin-gdep-not-open", { id: found.id, state: ctx.t(`admin-gdep-state-${result.deposit.state}`) }),
        outcome: "wrong-state",
        ...audit,
        detail: { ...detail, state: result.deposit.state },
      };
    case "settled": {
      const d = result.deposit;
      const vars = { id: d.id, user: labelById(deps.users, d.userId), amount: formatRupiah(d.amount), balance: formatRupiah(result.balance) };
      return {
        reply: ctx.t(d.state === "paid" ? "admin-gdep-paid" : "admin-gdep-failed", vars),
        outcome: "done",
        ...audit,
        detail: { ...detail, ...(d.state === "paid" && { amount: d.amount, balance: result.balance }) },
        after: () => service.announce(d.id),
      };
    }
  }
}
