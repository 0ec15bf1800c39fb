import type { Composer } from "grammy";
import { LeanComposer } from "../../composer.js";
import { formatDateTimeWib, formatRupiah } from "../../../billing/format.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { paymentNotifier } from "../../notifier.js";
import { adminOnly, adminWrite } from "./guard.js";
import { labelById } from "../../user-label.js";
import { findTx, isRefusal } from "./lookup.js";
import { formatAge, txLine } from "./render.js";
import { attemptLines } from "./routes.js";

/** Enough to act on without passing Telegram's message size. */
const PENDING_SHOWN = 20;

const VERDICTS = { sukses: "success", gagal: "failed" } as const;

const stateLabel = (ctx: BotContext, state: string) => ctx.t(`admin-state-${state}`);

/** Payments in flight: /pending lists them, /cek asks the provider now, /selesaikan settles one by hand. */
export function adminPaymentsFeature(
  deps: Pick<
    BotDeps,
    "catalog" | "checkPayment" | "db" | "favorites" | "isAdmin" | "log" | "logger" | "notifyUser" | "now" | "payments" | "struk" | "users" | "wallet"
  >,
): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const notifyPayer = paymentNotifier(deps);

  c.command(
    "pending",
    adminOnly(deps, "pending", async (ctx) => {
      const txs = deps.payments.txs.inStates(["confirmed", "sending", "pending"]);
      if (txs.length === 0) return { reply: ctx.t("admin-pending-none"), outcome: "done", detail: { count: 0 } };
      const locale = await ctx.i18n.getLocale();
      const now = deps.now();
      const lines = [ctx.t("admin-pending-title", { count: txs.length })];
      for (const tx of txs.slice(0, PENDING_SHOWN)) {
        lines.push(
          txLine(deps, tx, locale, ctx.t),
          ctx.t("admin-pending-age", { age: formatAge(now - (tx.confirmedAt ?? tx.createdAt), ctx.t), user: labelById(deps.users, tx.userId) }),
          ...attemptLines(deps, tx.id, ctx.t),
        );
      }
      if (txs.length > PENDING_SHOWN) lines.push(ctx.t("admin-pending-more", { count: txs.length - PENDING_SHOWN }));
      return { reply: lines.join("\n"), outcome: "done", detail: { count: txs.length } };
    }),
  );

  c.command(
    "cek",
    adminOnly(deps, "cek", async (ctx, args) => {
      if (!args) return { reply: ctx.t("admin-check-usage"), outcome: "usage" };
      const tx = findTx(deps, ctx, args);
      if (isRefusal(tx)) return tx;
      const audit = { txId: tx.id, targetUserId: tx.userId };
      // The worker asks the provider and, if the payment settled, tells the user.
      const result = await deps.checkPayment(tx.id);
      switch (result.kind) {
        case "checked":
          return {
            reply: [ctx.t("admin-check-done", { ref: tx.id, state: stateLabel(ctx, result.tx.state) }), ...attemptLines(deps, tx.id, ctx.t)].join("\n"),
            outcome: "done",
            ...audit,
            detail: { state: result.tx.state },
          };
        case "scheduled":
          return { reply: ctx.t("admin-check-scheduled", { ref: tx.id, time: formatDateTimeWib(result.at, ctx.t) }), outcome: "scheduled", ...audit };
        case "not-pending":
          return {
            reply: [ctx.t("admin-check-not-pending", { ref: tx.id, state: stateLabel(ctx, result.state) }), ...attemptLines(deps, tx.id, ctx.t)].join("\n"),
            outcome: "wrong-state",
            ...audit,
            detail: { state: result.state },
          };
        case "error":
          return { reply: ctx.t("admin-check-error", { ref: tx.id }), outcome: "error", ...audit };
      }
    }),
  );

  c.command(
    "selesaikan",
    // A refund and its audit row are one SQLite transaction.
    adminWrite(deps, "selesaikan", (ctx, args) => {
      const [ref, verdictText, ...noteWords] = args.split(/\s+/).filter(Boolean);
      const verdict = VERDICTS[verdictText?.toLowerCase() as keyof typeof VERDICTS];
      if (!ref || !verdict) return { reply: ctx.t("admin-resolve-usage"), outcome: "usage" };
      const tx = findTx(deps, ctx, ref);
      if (isRefusal(tx)) return tx;
      const note = noteWords.join(" ");
      const result = deps.payments.resolveManually(tx.id, verdict, ctx.from!.id, note || undefined);
      const audit = { txId: tx.id, targetUserId: tx.userId };
      if (result.kind === "not-pending") {
        return {
          reply: ctx.t("admin-resolve-wrong-state", { ref: tx.id, state: stateLabel(ctx, result.state) }),
          outcome: "wrong-state",
          ...audit,
          detail: { verdict, state: result.state },
        };
      }
      return {
        reply: ctx.t(verdict === "success" ? "admin-resolve-success" : "admin-resolve-failed", {
          ref: tx.id,
          amount: formatRupiah(tx.price),
          user: labelById(deps.users, tx.userId),
        }),
        outcome: "done",
        ...audit,
        detail: { verdict, note, amount: tx.price },
        after: () => notifyPayer(result.tx),
      };
    }),
  );
  return c;
}
