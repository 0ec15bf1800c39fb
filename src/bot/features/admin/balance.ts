import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../../composer.js";
import { parseAmount, splitAmount } from "../../../billing/amount.js";
import { formatDateTimeWib, formatEcho, formatRupiah } from "../../../billing/format.js";
import { BalanceRepeats, REPEAT_WINDOW_MS, type AdminChangeKind } from "../../../db/balance-repeats.js";
import type { User } from "../../../db/users.js";
import { changeBalance } from "../../../payments/balance-change.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { adminOnly, adminWrite, type AdminResult } from "./guard.js";
import { announceTopup } from "../../balance-notices.js";
import { userLabel } from "../../user-label.js";
import { findUser, isRefusal, splitUserRef } from "./lookup.js";

/**
 * The command message as a ledger request key: Telegram redelivers an update after a crash, and
 * a message id never repeats in its chat, so a second run of the same /topup moves nothing. The
 * emulated channels (terminal, WhatsApp) may hand out a message id again after a restart, where
 * the same key would name a new command: none there.
 */
const requestKey = (
  deps: Pick<BotDeps, "channel" | "db" | "isAdmin" | "log" | "logger" | "notifyAdmins" | "notifyUser" | "now" | "payments" | "users" | "wallet">,
  ctx: BotContext,
) => (deps.channel === "telegram" ? `${ctx.chat!.id}:${ctx.msg!.message_id}` : undefined);

/** A /topup or /potong as read from the command, or as confirmed after the repeat question. */
interface BalanceChange {
  kind: AdminChangeKind;
  user: User;
  /** Positive; a deduction is posted negated. */
  amount: number;
  note: string;
  requestKey: string | undefined;
}

/** The reply to a command that was carried out already: nothing moved this time. */
const duplicate = (ctx: BotContext, user: User, balance: number, detail: AdminResult["detail"]): AdminResult => ({
  reply: ctx.t("admin-command-duplicate", { user: userLabel(user), balance: formatRupiah(balance) }),
  outcome: "duplicate",
  targetUserId: user.id,
  detail,
});

/** A note goes into the user's notice, which must stay one deliverable message. */
export const NOTE_MAX = 200;

/** Reads "<user> <amount> [note]", or the refusal: usage, unknown user, an amount that is not one, or a note too long. */
function readUserAmount(
  deps: Pick<BotDeps, "channel" | "db" | "isAdmin" | "log" | "logger" | "notifyAdmins" | "notifyUser" | "now" | "payments" | "users" | "wallet">,
  ctx: BotContext,
  args: string,
  usageKey: string,
): { user: User; amount: number; note: string } | AdminResult {
  const { who, rest } = splitUserRef(deps.users, args.split(/\s+/).filter(Boolean));
  if (!who || rest.length === 0) return { reply: ctx.t(usageKey), outcome: "usage" };
  const { amountText, note } = splitAmount(rest.join(" "));
  const amount = parseAmount(amountText);
  if (amount === undefined) return { reply: ctx.t("admin-amount-invalid", { input: formatEcho(amountText) }), outcome: "bad-amount" };
  if (note.length > NOTE_MAX) return { reply: ctx.t("admin-note-too-long", { max: NOTE_MAX, length: note.length }), outcome: "note-too-long" };
  const user = findUser(deps, ctx, who);
  return isRefusal(user) ? user : { user, amount, note };
}

/** Moves the money (a ledger row with the admin, the note and the request key) and says what happened. */
function applyChange(
  deps: Pick<BotDeps, "channel" | "db" | "isAdmin" | "log" | "logger" | "notifyAdmins" | "notifyUser" | "now" | "payments" | "users" | "wallet">,
  ctx: BotContext,
  change: BalanceChange,
): AdminResult {
  const { user, amount, note, kind } = change;
  const adminId = ctx.from!.id;
  const posted = changeBalance(deps.wallet, { kind, userId: user.id, amount, adminId, note, requestKey: change.requestKey, now: deps.now() });
  const detail = { amount, note };
  if (posted.kind === "no-user") return { reply: ctx.t("admin-user-not-found", { user: userLabel(user) }), outcome: "unknown-user" };
  if (posted.kind === "duplicate") return duplicate(ctx, user, posted.balance, detail);
  const vars = { user: userLabel(user), amount: formatRupiah(amount), balance: formatRupiah(posted.balance) };
  const result = { targetUserId: user.id, detail: { ...detail, balance: posted.balance } };
  if (posted.kind === "insufficient") return { reply: ctx.t("admin-deduct-insufficient", vars), outcome: "insufficient", ...result };
  if (kind === "topup") {
    return {
      reply: ctx.t("topup-done", vars),
      outcome: "done",
      ...result,
      after: () => announceTopup(deps, { user, adminId, amount, balance: posted.balance }),
    };
  }
  return {
    reply: ctx.t("admin-deduct-done", vars),
    outcome: "done",
    ...result,
    after: async () => {
      if (user.id === adminId) return;
      await deps.notifyUser(user.id, (t) => [t("admin-deduct-received", vars), ...(note ? [t("admin-note-line", { note })] : [])].join("\n"));
    },
  };
}

/**
 * When the same admin moved the same amount for the same user within REPEAT_WINDOW_MS, nothing
 * moves yet: the admin is shown the first change and asked to confirm (a reply that never arrived
 * made an admin repeat a /topup that had gone through). Undefined when the change may go ahead,
 * including a redelivered command already carried out (applyChange answers that one).
 */
function askIfRepeat(
  deps: Pick<BotDeps, "channel" | "db" | "isAdmin" | "log" | "logger" | "notifyAdmins" | "notifyUser" | "now" | "payments" | "users" | "wallet">,
  repeats: BalanceRepeats,
  ctx: BotContext,
  change: BalanceChange,
): AdminResult | undefined {
  if (change.requestKey !== undefined && deps.wallet.hasRequest(change.requestKey)) return undefined;
  const adminId = ctx.from!.id;
  const now = deps.now();
  const earlier = repeats.earlier(adminId, change.user.id, change.kind, change.amount, now - REPEAT_WINDOW_MS);
  const known = change.requestKey === undefined ? undefined : repeats.byRequestKey(change.requestKey);
  if (!earlier && !known) return undefined;
  const repeat = repeats.ask(
    { adminId, userId: change.user.id, kind: change.kind, amount: change.amount, note: change.note || null, requestKey: change.requestKey ?? null },
    now,
  );
  const amount = formatRupiah(change.amount);
  const vars = {
    user: userLabel(change.user),
    amount,
    time: earlier ? formatDateTimeWib(earlier.createdAt, ctx.t) : "-",
    balance: earlier ? formatRupiah(earlier.balanceAfter) : "-",
  };
  return {
    reply: ctx.t(change.kind === "topup" ? "admin-repeat-topup" : "admin-repeat-deduct", vars),
    keyboard: new InlineKeyboard()
      .text(ctx.t(change.kind === "topup" ? "admin-repeat-confirm-topup" : "admin-repeat-confirm-deduct", { amount }), `rpt:${repeat.id}:ok`)
      .text(ctx.t("admin-repeat-cancel"), `rpt:${repeat.id}:no`),
    outcome: "repeat-asked",
    targetUserId: change.user.id,
    detail: { amount: change.amount, note: change.note, repeat: repeat.id },
  };
}

/** /topup and /potong move a user's balance (each a ledger row with the admin and the note); /saldo <user> reads it. */
export function adminBalanceFeature(
  deps: Pick<BotDeps, "channel" | "db" | "isAdmin" | "log" | "logger" | "notifyAdmins" | "notifyUser" | "now" | "payments" | "users" | "wallet">,
): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const repeats = new BalanceRepeats(deps.db);

  const balanceCommand = (command: string, kind: AdminChangeKind, usageKey: string) =>
    adminWrite(deps, command, (ctx, args) => {
      const read = readUserAmount(deps, ctx, args, usageKey);
      if (isRefusal(read)) return read;
      const change: BalanceChange = { kind, ...read, requestKey: requestKey(deps, ctx) };
      return askIfRepeat(deps, repeats, ctx, change) ?? applyChange(deps, ctx, change);
    });
  c.command("topup", balanceCommand("topup", "topup", "topup-usage"));
  c.command("potong", balanceCommand("potong", "deduct", "admin-deduct-usage"));

  // The answer to the repeat question: belongs to the admin who was asked, and counts once.
  const answerRepeat = adminWrite(deps, "repeat", (ctx) => {
    const [, id, decision] = /^rpt:(\d+):(ok|no)$/.exec(ctx.callbackQuery!.data!)!;
    const repeat = repeats.get(Number(id));
    const user = repeat && deps.users.get(repeat.userId);
    if (!repeat || !user) return { reply: ctx.t("menu-expired"), outcome: "missing" };
    const detail = { repeat: repeat.id, amount: repeat.amount };
    if (repeat.adminId !== ctx.from!.id) return { reply: ctx.t("button-not-yours"), outcome: "not-owner", targetUserId: user.id, detail };
    if (!repeats.settle(repeat.id, decision === "ok" ? "confirmed" : "cancelled", deps.now())) {
      return { reply: ctx.t("admin-repeat-answered"), outcome: "answered", targetUserId: user.id, detail };
    }
    if (decision === "no") return { reply: ctx.t("admin-repeat-cancelled", { user: userLabel(user) }), outcome: "cancelled", targetUserId: user.id, detail };
    const change = { kind: repeat.kind, user, amount: repeat.amount, note: repeat.note ?? "", requestKey: repeat.requestKey ?? `repeat:${repeat.id}` };
    const result = applyChange(deps, ctx, change);
    return { ...result, detail: { ...result.detail, repeat: repeat.id } };
  });
  c.callbackQuery(/^rpt:\d+:(ok|no)$/, async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => {});
    await ctx.editMessageReplyMarkup().catch(() => {});
    await answerRepeat(ctx);
  });

  // Without an argument /saldo is the user's own balance (menu.ts); with one, an admin's look-up.
  const lookup = adminOnly(deps, "saldo", (ctx, args) => {
    const user = findUser(deps, ctx, args);
    if (isRefusal(user)) return user;
    return {
      reply: ctx.t("admin-balance-of", { user: userLabel(user), name: user.firstName, balance: formatRupiah(user.balance) }),
      outcome: "done",
      targetUserId: user.id,
      detail: { balance: user.balance },
    };
  });
  c.command(["saldo", "balance"], (ctx, next) => (ctx.match.trim() ? lookup(ctx) : next()));
  return c;
}
