import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../../composer.js";
import { formatDateTimeWib, formatRupiah } from "../../../billing/format.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { creditRequestAndTell, depositButtonData } from "../../deposit-requests.js";
import { replyDone } from "../../reply-done.js";
import { labelById } from "../../user-label.js";
import { Deposits } from "../../../db/deposits.js";
import { gatewayDepositsSection, lookUpDeposit, settleDeposit } from "./gateway-deposits.js";
import { adminOnly, adminWrite, refuseNonAdmin } from "./guard.js";

/** How many open requests /deposits lists (each with its button). */
const DEPOSITS_SHOWN = 20;

/**
 * The one-tap top-up on a deposit request, and /deposits, the open requests with their buttons
 * (kept in SQLite, so none is lost from view after a restart), then the gateway deposits. A request
 * without an amount is handed on to the conversation that asks the admin for one
 * (depositFlowFeature). `/deposits <id>` shows one gateway deposit; `/deposits <id> lunas|gagal`
 * settles it by hand.
 */
export function adminDepositFeature(
  deps: Pick<
    BotDeps,
    "db" | "deposits" | "depositLimits" | "depositRequests" | "isAdmin" | "log" | "logger" | "notifyAdmins" | "notifyUser" | "now" | "users" | "wallet"
  >,
): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const deposits = new Deposits(deps.db);
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
    await replyDone(ctx, deps, await creditRequestAndTell(deps, ctx.t, ctx.from.id, id, shown));
  });

  const list = adminOnly(deps, "deposits", (ctx) => {
    const count = deps.depositRequests.countOpen();
    const gateway = gatewayDepositsSection(deps, deposits, ctx.t);
    if (count === 0) return { reply: [ctx.t("admin-deposits-none"), ...gateway].join("\n"), outcome: "done", detail: { count } };
    const requests = deps.depositRequests.openRequests(DEPOSITS_SHOWN);
    const keyboard = new InlineKeyboard();
    const lines = requests.map((r) => {
      const user = labelById(deps.users, r.userId);
      const amount = r.amount === null ? ctx.t("admin-deposits-no-amount") : formatRupiah(r.amount);
      keyboard.text(ctx.t("admin-deposits-button", { id: String(r.id), user, amount }), depositButtonData(r)).row();
      return ctx.t("admin-deposits-line", { id: String(r.id), user, amount, time: formatDateTimeWib(r.updatedAt ?? r.createdAt, ctx.t) });
    });
    const more = count > requests.length ? [ctx.t("admin-deposits-more", { count: count - requests.length })] : [];
    return { reply: [ctx.t("admin-deposits-title", { count }), ...lines, ...more, ...gateway].join("\n"), keyboard, outcome: "done", detail: { count } };
  });
  const lookUp = adminOnly(deps, "deposits", (ctx, args) => lookUpDeposit(deps, deposits, ctx, args));
  // The credit (or the closing) and the audit row are one SQLite transaction.
  const settle = adminWrite(deps, "deposit-settle", (ctx, args) => settleDeposit(deps, deposits, ctx, args));
  c.command("deposits", (ctx) => {
    const words = ctx.match.trim().split(/\s+/).filter(Boolean).length;
    return (words === 0 ? list : words === 1 ? lookUp : settle)(ctx);
  });
  return c;
}
