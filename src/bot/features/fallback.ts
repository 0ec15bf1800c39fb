import type { Composer } from "grammy";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";

/**
 * Last in the chain: buttons from a finished or forgotten flow, and messages nothing else wanted.
 * An expired keyboard is removed so it cannot be pressed again.
 */
export function fallbackFeature(): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("menu-expired") });
    await ctx.editMessageReplyMarkup().catch(() => {});
  });
  c.on("message", (ctx) => ctx.reply(ctx.t("fallback-unknown")));
  return c;
}
