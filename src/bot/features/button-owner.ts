import type { Composer } from "grammy";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { auditRefused } from "./admin/guard.js";

/**
 * A button counts only from the user whose chat it is in. The bot serves private chats, where the
 * chat is its user, and a payment, a deposit request, a favourite or a repeat question belongs to
 * the user of the chat it was sent to; the conversations are keyed by chat. A press whose `from`
 * is someone else (a forged callback: the abuse run paid 27 bills that way) is refused here,
 * before any feature or conversation sees it, answered with a short notice and logged.
 */
export function buttonOwnerFeature(deps: Pick<BotDeps, "db" | "log" | "now">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.on("callback_query", async (ctx, next) => {
    const chatId = ctx.callbackQuery.message?.chat.id;
    if (chatId === ctx.from.id) return next();
    deps.log(`refused a button press from ${ctx.from.id} on a message in chat ${chatId ?? "(none)"}: ${JSON.stringify(ctx.callbackQuery.data ?? "")}`);
    auditRefused(deps, ctx, "not-owner");
    await ctx.answerCallbackQuery({ text: ctx.t("button-not-yours") }).catch(() => {});
  });
  return c;
}
