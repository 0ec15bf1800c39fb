import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../../composer.js";
import { formatDateTimeWib, formatRupiah, type Translate } from "../../../billing/format.js";
import { writeAudit } from "../../../db/audit.js";
import type { DepositRequest, SubmitResult } from "../../../db/deposit-requests.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { announceTopup } from "./balance.js";
import { adminOnly, refuseNonAdmin, replyDone } from "./guard.js";
import { labelById, userLabel } from "./lookup.js";

/** How many open requests /deposits lists (each with its button). */
const DEPOSITS_SHOWN = 20;

/**
 * The one-tap top-up of a request. It carries the amount the admin sees, so a button left from
 * before the user changed the request credits nothing (see DepositRequests.credit).
 */
const buttonData = (request: DepositRequest) => (request.amount === null ? `dreq:${request.id}` : `dreq:${request.id}:${request.amount}`);

/** A request's text and button as the admins see it. */
function requestMessage(deps: BotDeps, request: DepositRequest, t: Translate) {
  const user = labelById(deps.users, request.userId);
  const shown = request.amount === null ? undefined : formatRupiah(request.amount);
  return {
    text: shown ? t("admin-deposit-request", { id: String(request.id), user, amount: shown }) : t("admin-deposit-request-no-amount", { id: String(request.id), user }),
    buttons: [[{ text: shown ? t("admin-deposit-button", { amount: shown }) : t("admin-deposit-button-ask"), data: buttonData(request) }]],
  };
}

/**
 * Records a user's top-up request (or updates the one still open) and shows it to every admin:
 * one message per request and admin, edited when the request changes.
 */
export async function requestDeposit(deps: BotDeps, userId: number, amount: number | undefined): Promise<SubmitResult> {
  const result = deps.depositRequests.submit(userId, amount, deps.now(), deps.depositLimits.requestsPerHour);
  if (result.kind === "too-many") return result;
  const { request } = result;
  const shown = deps.depositRequests.messages(request.id);
  const sent = await deps.notifyAdmins((t) => requestMessage(deps, request, t), undefined, (adminId) => shown.get(adminId));
  for (const m of sent) deps.depositRequests.rememberMessage(request.id, m.userId, m.messageId);
  return result;
}

/**
 * Credits a deposit request (with `amount` when the user gave none) and returns the admin's
 * reply. `shown` is the amount on the button the admin pressed. The credit and its audit row are
 * one SQLite transaction; a request already handled, or changed since, credits nothing.
 */
export async function creditDepositRequest(
  deps: BotDeps,
  t: Translate,
  adminId: number,
  id: number,
  shown: number | null,
  amount?: number,
): Promise<string> {
  const now = deps.now();
  const result = deps.db.transaction(() => {
    const r = deps.depositRequests.credit(id, adminId, shown, amount, now);
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
  deps.logger.info(
    { event: "admin-money", action: "deposit-credit", admin: adminId, request: id, outcome: result.kind, ...(result.kind === "credited" && { user: result.request.userId, amount: result.amount, balance: result.balance }) },
    "admin money command",
  );
  if (result.kind === "missing") return t("admin-deposit-missing", { id });
  const user = deps.users.get(result.request.userId)!;
  if (result.kind === "changed") return t("admin-deposit-changed", { id: String(id) });
  if (result.kind === "handled") {
    const by = result.request.handledBy;
    return t("admin-deposit-handled", { id: String(id), admin: by === null ? t("admin-unknown-user") : labelById(deps.users, by) });
  }
  await announceTopup(deps, { user, adminId, amount: result.amount, balance: result.balance });
  return t("topup-done", { user: userLabel(user), amount: formatRupiah(result.amount), balance: formatRupiah(result.balance) });
}

/**
 * The one-tap top-up on a deposit request, and /deposits, the open requests with their buttons
 * (kept in SQLite, so none is lost from view after a restart). A request without an amount is
 * handed on to the conversation that asks the admin for one (depositFlowFeature).
 */
export function adminDepositFeature(deps: BotDeps): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.callbackQuery(/^dreq:(\d+)(?::(\d+))?$/, async (ctx, next) => {
    // A tap Telegram no longer knows how to answer (after downtime) still credits.
    await ctx.answerCallbackQuery().catch(() => {});
    if (await refuseNonAdmin(ctx, deps, "deposit-credit")) return;
    const id = Number(ctx.match[1]);
    const shown = ctx.match[2] === undefined ? null : Number(ctx.match[2]);
    const request = deps.depositRequests.get(id);
    if (request?.state === "open" && request.amount === null && shown === null) {
      await ctx.conversation.exitAll();
      return next();
    }
    await ctx.editMessageReplyMarkup().catch(() => {});
    await replyDone(ctx, deps, await creditDepositRequest(deps, ctx.t, ctx.from.id, id, shown));
  });

  c.command(
    "deposits",
    adminOnly(deps, "deposits", (ctx) => {
      const count = deps.depositRequests.countOpen();
      if (count === 0) return { reply: ctx.t("admin-deposits-none"), outcome: "done", detail: { count } };
      const requests = deps.depositRequests.openRequests(DEPOSITS_SHOWN);
      const keyboard = new InlineKeyboard();
      const lines = requests.map((r) => {
        const user = labelById(deps.users, r.userId);
        const amount = r.amount === null ? ctx.t("admin-deposits-no-amount") : formatRupiah(r.amount);
        keyboard.text(ctx.t("admin-deposits-button", { id: String(r.id), user, amount }), buttonData(r)).row();
        return ctx.t("admin-deposits-line", { id: String(r.id), user, amount, time: formatDateTimeWib(r.updatedAt ?? r.createdAt, ctx.t) });
      });
      const more = count > requests.length ? [ctx.t("admin-deposits-more", { count: count - requests.length })] : [];
      return { reply: [ctx.t("admin-deposits-title", { count }), ...lines, ...more].join("\n"), keyboard, outcome: "done", detail: { count } };
    }),
  );
  return c;
}
