import type { Composer } from "grammy";
import { LeanComposer } from "../composer.js";
import { depositScreen } from "../../../conversations/deposit.js";
import { CONVERSATION } from "../../../conversations/index.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * /deposit: how to top up (the operator's DEPOSIT_INSTRUCTIONS) and a button to tell the admins
 * a transfer was made. Installed before the conversations so it works mid-flow; the button only
 * clears the chat here and enters the request flow in depositEntryFeature.
 */
export function depositFeature(deps: Pick<BotDeps, "depositInstructions">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.command("deposit", (ctx) => {
    const screen = depositScreen(deps, ctx.t);
    return ctx.reply(screen.text, { reply_markup: screen.reply_markup });
  });
  c.callbackQuery("deposit:request", async (ctx, next) => {
    await ctx.answerCallbackQuery().catch(() => {});
    await ctx.editMessageReplyMarkup().catch(() => {});
    await ctx.conversation.exitAll();
    await next();
  });
  return c;
}

/** The entries of the deposit flows (registered in conversations/index.ts), installed after the commands like the pay flow. */
export function depositEntryFeature(): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.callbackQuery("deposit:request", (ctx) => ctx.conversation.enter(CONVERSATION.depositRequest));
  // Reached only through adminDepositFeature, which checked the admin and that an amount is missing.
  c.callbackQuery(/^dreq:(\d+)$/, (ctx) => ctx.conversation.enter(CONVERSATION.depositCredit, Number(ctx.match[1])));
  return c;
}
