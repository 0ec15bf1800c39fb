import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../composer.js";
import { createDepositCreditConversation, createDepositRequestConversation } from "../../../conversations/deposit.js";
import type { Translate } from "../../billing/format.js";
import type { BotContext, ConvContext } from "../context.js";
import { createBotConversation } from "../external-errors.js";
import type { BotDeps } from "../deps.js";

export const DEPOSIT_REQUEST_CONVERSATION = "deposit-request";
export const DEPOSIT_CREDIT_CONVERSATION = "deposit-credit";

/**
 * /deposit: how to top up (the operator's DEPOSIT_INSTRUCTIONS) and a button to tell the admins
 * a transfer was made. Installed before the conversations so it works mid-flow; the button only
 * clears the chat here and enters the request flow in depositFlowFeature.
 */
export function depositFeature(deps: BotDeps): Composer<BotContext> {
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

/** How to top up, with the button that tells the admins (also where a short balance at a bill leads). */
export function depositScreen(deps: BotDeps, t: Translate): { text: string; reply_markup: InlineKeyboard } {
  return {
    text: `${deps.depositInstructions ?? t("deposit-instructions-default")}\n\n${t("deposit-request-hint")}`,
    reply_markup: new InlineKeyboard().text(t("deposit-button-request"), "deposit:request"),
  };
}

/** The deposit conversations and their entries, installed after the commands like the pay flow. */
export function depositFlowFeature(deps: BotDeps): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.use(createBotConversation(createDepositRequestConversation(deps), DEPOSIT_REQUEST_CONVERSATION));
  c.use(createBotConversation(createDepositCreditConversation(deps), DEPOSIT_CREDIT_CONVERSATION));
  c.callbackQuery("deposit:request", (ctx) => ctx.conversation.enter(DEPOSIT_REQUEST_CONVERSATION));
  // Reached only through adminDepositFeature, which checked the admin and that an amount is missing.
  c.callbackQuery(/^dreq:(\d+)$/, (ctx) => ctx.conversation.enter(DEPOSIT_CREDIT_CONVERSATION, Number(ctx.match[1])));
  return c;
}
