import type { Composer, Context } from "grammy";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";

/**
 * What the bot serves: a person's messages and button presses in their private chat with it.
 * Everything else Telegram can send (channel posts, inline queries, polls, reactions, membership
 * changes such as a user blocking the bot, business messages...) has no one to answer and stops
 * here quietly.
 */
const served = (ctx: Context) =>
  (ctx.update.message !== undefined || ctx.update.edited_message !== undefined || ctx.update.callback_query !== undefined) &&
  ctx.chat?.type === "private" &&
  ctx.from !== undefined &&
  !ctx.from.is_bot;

/**
 * First in the chain. A button press the bot cannot act on (on an inline message, with no chat
 * to answer in, or a game button without data) is still answered, so the user's button does not
 * keep spinning.
 */
export function unservedFeature(): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.on("callback_query", async (ctx, next) => {
    if (typeof ctx.callbackQuery.data === "string" && served(ctx)) return next();
    await ctx.answerCallbackQuery().catch(() => {});
  });
  c.use((ctx, next) => (served(ctx) ? next() : undefined));
  return c;
}
