import { InlineKeyboard } from "grammy";
import type { BillInput } from "../src/billing/bill.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import { isButton, waitFor } from "./wait.js";

/**
 * "Bayar untuk berapa bulan?" with one button per choice (catalog `input.months`) and Batal. Only a
 * press answers: typed text is met with a hint naming the question, as on every button question.
 * Asks nothing where there are no choices (the provider bills as it stands). Returns the months
 * chosen as a part of the inquiry's input, or undefined when the user cancels.
 */
export async function askMonths(
  conversation: BotConversation,
  ctx: ConvContext,
  a: { product: string; choices: number[]; ownButtons: RegExp },
): Promise<Pick<BillInput, "months"> | undefined> {
  if (a.choices.length === 0) return {};
  const question = `${ctx.t("pay-chosen", { product: a.product })}\n${ctx.t("pay-ask-months")}`;
  const kb = new InlineKeyboard();
  // Rows of four. The catalog offers every month from 1 to 12, so on WhatsApp and the terminal,
  // where buttons are a numbered list, the number typed is the number of months.
  a.choices.forEach((n, i) => {
    kb.text(ctx.t("bill-months", { count: n }), `months:${n}`);
    if (i % 4 === 3) kb.row();
  });
  const buttons = kb.row().text(ctx.t("pay-button-cancel"), "months:cancel");
  await ctx.reply(question, { reply_markup: buttons });
  const press = await waitFor(conversation, isButton(/^months:(\d+|cancel)$/), { hintKey: "pay-months-use-buttons", ownButtons: a.ownButtons, buttons });
  await press.answerCallbackQuery().catch(() => {});
  const months = Number(press.callbackQuery.data.slice("months:".length));
  if (!a.choices.includes(months)) {
    await press.editMessageText(ctx.t("pay-cancelled")).catch(() => {});
    return undefined;
  }
  await press.editMessageText(`${question}\n➡️ ${ctx.t("bill-months", { count: months })}`).catch(() => {});
  return { months };
}
