import { Composer } from "grammy";
import { formatRupiah, type Translate } from "../../../billing/format.js";
import { writeAudit } from "../../../db/audit.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { announceTopup } from "./balance.js";
import { refuseNonAdmin, replyDone } from "./guard.js";
import { labelById, userLabel } from "./lookup.js";

/** Records a user's top-up request and sends every admin a one-tap button to credit it. */
export async function requestDeposit(deps: BotDeps, userId: number, amount: number | undefined): Promise<void> {
  const request = deps.depositRequests.open(userId, amount, deps.now());
  const user = labelById(deps.users, userId);
  const shown = amount === undefined ? undefined : formatRupiah(amount);
  await deps.notifyAdmins((t) => ({
    text: shown ? t("admin-deposit-request", { id: request.id, user, amount: shown }) : t("admin-deposit-request-no-amount", { id: request.id, user }),
    buttons: [[{ text: shown ? t("admin-deposit-button", { amount: shown }) : t("admin-deposit-button-ask"), data: `dreq:${request.id}` }]],
  }));
}

/**
 * Credits a deposit request (with `amount` when the user gave none) and returns the admin's
 * reply. The credit and its audit row are one SQLite transaction; a request already handled
 * credits nothing.
 */
export async function creditDepositRequest(deps: BotDeps, t: Translate, adminId: number, id: number, amount?: number): Promise<string> {
  const now = deps.now();
  const result = deps.db.transaction(() => {
    const r = deps.depositRequests.credit(id, adminId, amount, now);
    writeAudit(
      deps.db,
      {
        actorId: adminId,
        action: "deposit-credit",
        allowed: true,
        targetUserId: r.kind === "missing" ? undefined : r.request.userId,
        detail: { request: id, outcome: r.kind === "credited" ? "done" : r.kind, amount: r.kind === "credited" ? r.amount : null },
      },
      now,
    );
    return r;
  }).immediate();
  if (result.kind === "missing") return t("admin-deposit-missing", { id });
  const user = deps.users.get(result.request.userId)!;
  if (result.kind === "handled") {
    const by = result.request.handledBy;
    return t("admin-deposit-handled", { id, admin: by === null ? t("admin-unknown-user") : labelById(deps.users, by) });
  }
  await announceTopup(deps, { user, adminId, amount: result.amount, balance: result.balance });
  return t("topup-done", { user: userLabel(user), amount: formatRupiah(result.amount), balance: formatRupiah(result.balance) });
}

/**
 * The one-tap top-up on a deposit request. A request without an amount is handed on to the
 * conversation that asks the admin for one (depositFlowFeature).
 */
export function adminDepositFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.callbackQuery(/^dreq:(\d+)$/, async (ctx, next) => {
    // A tap Telegram no longer knows how to answer (after downtime) still credits.
    await ctx.answerCallbackQuery().catch(() => {});
    if (await refuseNonAdmin(ctx, deps, "deposit-credit")) return;
    const id = Number(ctx.match[1]);
    const request = deps.depositRequests.get(id);
    if (request?.state === "open" && request.amount === null) {
      await ctx.conversation.exitAll();
      return next();
    }
    await ctx.editMessageReplyMarkup().catch(() => {});
    await replyDone(ctx, deps, await creditDepositRequest(deps, ctx.t, ctx.from.id, id));
  });
  return c;
}
