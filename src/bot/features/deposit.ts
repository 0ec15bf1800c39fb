import type { Composer } from "grammy";
import { LeanComposer } from "../composer.js";
import { depositScreen } from "../../../conversations/deposit.js";
import { CONVERSATION } from "../../../conversations/index.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * /deposit and the main menu's "Isi saldo": how to top up (the operator's DEPOSIT_INSTRUCTIONS) and a button to tell the admins
 * a transfer was made. Installed before the conversations so it works mid-flow; the button only
 * clears the chat here and enters the request flow in depositEntryFeature.
 */
export function depositFeature(deps: Pick<BotDeps, "depositInstructions" | "deposits">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const show = (ctx: BotContext) => {
    const screen = depositScreen(deps, ctx.t);
    return ctx.reply(screen.text, { reply_markup: screen.reply_markup });
  };
  c.command("deposit", show);
  // The main menu's "Isi saldo": the same choice as /deposit.
  c.callbackQuery("menu:deposit", async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => {});
    await ctx.editMessageReplyMarkup().catch(() => {});
    await ctx.conversation.exitAll();
    await show(ctx);
  });
  c.callbackQuery(["deposit:request", "deposit:auto"], async (ctx, next) => {
    await ctx.answerCallbackQuery().catch(() => {});
    await ctx.editMessageReplyMarkup().catch(() => {});
    await ctx.conversation.exitAll();
    await next();
  });
  // The sandbox gateway's "the customer paid": settled as the gateway's news would be, and told the same way.
  c.callbackQuery(/^gdep:pay:(DEP-[\w-]+)$/, async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => {});
    await ctx.editMessageReplyMarkup().catch(() => {});
    if (deps.deposits?.canSimulate) await deps.deposits.simulatePay(ctx.match[1]!);
  });
  return c;
}

/** The entries of the deposit flows (registered in conversations/index.ts), installed after the commands like the pay flow. */
export function depositEntryFeature(): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.callbackQuery("deposit:request", (ctx) => ctx.conversation.enter(CONVERSATION.depositRequest));
  c.callbackQuery("deposit:auto", (ctx) => ctx.conversation.enter(CONVERSATION.gatewayDeposit));
  // Reached only through adminDepositFeature, which checked the admin and that an amount is missing.
  c.callbackQuery(/^dreq:(\d+)$/, (ctx) => ctx.conversation.enter(CONVERSATION.depositCredit, Number(ctx.match[1])));
  return c;
}
