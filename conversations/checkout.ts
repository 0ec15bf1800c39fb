import { InlineKeyboard } from "grammy";
import { formatDateTimeWib, formatRupiah, wibDate } from "../src/billing/format.js";
import { isTopUp } from "../src/billing/layout.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";
import { depositScreen } from "./deposit.js";
import type { ConfirmFreshResult, QuoteResult } from "../src/payments/payments.js";
import { isButton, waitFor } from "./wait.js";
import { prepaidCode } from "../src/billing/prepaid-id.js";
import { pinCleared } from "./pin-step.js";

/** The callback data a typed answer to a one-line order's summary stands for; undefined for any other text. */
export function typedAnswer(text: string | undefined, first: string, cancel: string): string | undefined {
  const t = text?.trim().toLowerCase();
  if (t === undefined) return undefined;
  if (/^(ya|y|1|ok|bayar|yes)$/.test(t)) return first;
  if (/^(batal|tidak|no|2)$/.test(t)) return cancel;
  return undefined;
}

/** How many times today (WIB) the user bought this product for this number already. */
export function repeatCount(deps: BotDeps, conversation: BotConversation, ctx: ConvContext, productId: string, customerNo: string): Promise<number> {
  const userId = ctx.from!.id;
  return conversation.external(() => {
    const now = deps.now();
    const dayStart = Date.parse(`${wibDate(now)}T00:00:00+07:00`);
    return deps.payments.txs.countSince(userId, productId, customerNo, dayStart);
  });
}

/**
 * A one-line order's note when the user bought this product for this number earlier today (WIB):
 * resellers know it as "transaksi ke-2"; it is stated before paying, and the confirm asks again.
 */
export async function repeatNote(deps: BotDeps, conversation: BotConversation, ctx: ConvContext, productId: string, customerNo: string): Promise<string> {
  const before = await repeatCount(deps, conversation, ctx, productId, customerNo);
  return before > 0 ? `\n\n${ctx.t("oneline-repeat", { n: before + 1, number: customerNo })}` : "";
}

/** The end every purchase shares, bills and prepaid alike: summary, Bayar/Batal, the charge, the hand-over. */

/** The provider gave no bill or quote, at the first inquiry or the one repeated before paying an old quote. */
export async function explainNoBill(
  deps: BotDeps,
  conversation: BotConversation,
  ctx: ConvContext,
  productId: string,
  problem: Extract<QuoteResult, { kind: "rejected" | "unavailable" }>,
): Promise<void> {
  if (problem.kind === "rejected" && problem.blame === "operator") {
    deps.log(`inquiry refused for operator reasons: ${problem.code} ${problem.message}`);
    await conversation.external(() => deps.alertOperator({ code: problem.code, message: problem.message, productId }));
  }
  await ctx.reply(noBillText(deps, ctx, productId, problem));
}

/** What the user reads when the provider gave no bill or quote. */
export function noBillText(deps: BotDeps, ctx: ConvContext, productId: string, problem: Extract<QuoteResult, { kind: "rejected" | "unavailable" }>): string {
  if (problem.kind === "unavailable") return ctx.t("pay-unavailable");
  // A top-up has no bill: "no bill yet" means the number cannot be topped up.
  const kind = deps.catalog.product(productId)?.kind;
  const topUp = kind !== undefined && isTopUp(kind) ? "-topup" : "";
  // A reason the provider stated plainly is told in the user's words; otherwise its own message.
  const reasonKey = problem.reason === "no-bill" || problem.reason === "already-paid" ? `pay-reason-${problem.reason}${topUp}` : `pay-reason-${problem.reason}`;
  const rejectedKey = problem.blame === "customer" ? `pay-rejected-customer${topUp}` : `pay-rejected-${problem.blame}`;
  // "Try again with ..." names the command of the flow the user came from.
  const command = prepaidCode(productId) === undefined ? ctx.t("pay-retry-command-bill") : ctx.t("pay-retry-command-prepaid");
  return problem.reason ? ctx.t(reasonKey, { command }) : ctx.t(rejectedKey, { reason: problem.message });
}

/** Why nothing prepaid is sold now: the provider's list has not been refreshed since `since`. */
export const staleText = (ctx: ConvContext, since: number) =>
  ctx.t("prepaid-stale", { since: formatDateTimeWib(since, (key, vars) => ctx.t(key, vars)), command: ctx.t("pay-retry-command-prepaid") });

export interface CheckoutArgs {
  txId: string;
  productId: string;
  /** The conversation the checkout runs in (the PIN step waits in it). */
  flow: string;
  summary: string;
  price: number;
  ownButtons: RegExp;
  short: boolean;
  paidBefore?: boolean;
  oneLine?: boolean;
  /** The PIN was written after the order line, and was right: not asked again. */
  pinChecked?: boolean;
  /**
   * The user already pressed Bayar for this very price (a bill reminder's button): the summary is
   * shown without buttons and the payment goes on as after a press on its Bayar.
   */
  agreed?: boolean;
}

/**
 * Shows the summary of a recorded quote and carries out the choice: Bayar (or, for a bill paid
 * lately, Bayar lagi) and Batal; when the balance is short, top up or cancel instead, never a
 * Bayar that would only be refused. Confirming is a guarded state change in Payments, so a replay
 * or a double press cannot charge twice. `ownButtons` must match `pay:`, `cancel:` and `topup:`.
 */
export async function checkout(deps: BotDeps, conversation: BotConversation, ctx: ConvContext, a: CheckoutArgs): Promise<void> {
  const { txId } = a;
  const chatId = ctx.chat!.id;
  if (a.agreed && !a.short) {
    const shown = await ctx.reply(a.summary);
    await payPressed(deps, conversation, ctx, a, { messageId: shown.message_id, removeButtons: async () => {} });
    return;
  }
  const first = a.short
    ? { text: ctx.t("pay-button-topup"), data: `topup:${txId}` }
    : { text: ctx.t(a.paidBefore ? "pay-button-pay-again" : "pay-button-pay"), data: `pay:${txId}` };
  const buttons = new InlineKeyboard().text(first.text, first.data).text(ctx.t("pay-button-cancel"), `cancel:${txId}`);
  const sent = await ctx.reply(a.summary, { reply_markup: buttons });
  // A one-line order is answered by a typed line too ("ya"/"1" is the first button, "batal"/"2" the other).
  const typed = (c: ConvContext) => (a.oneLine ? typedAnswer(c.message?.text, first.data, `cancel:${txId}`) : undefined);
  const isPress = isButton(new RegExp(`^(pay|cancel|topup):${txId}$`));
  const press = await waitFor(conversation, (c): c is ConvContext => isPress(c) || typed(c) !== undefined, {
    hintKey: "pay-use-buttons",
    ownButtons: a.ownButtons,
    wordsAnswer: true,
    buttons,
  });
  const choice = press.callbackQuery?.data ?? typed(press)!;
  // A "query is too old" after downtime must not end the flow with the press unhandled.
  if (press.callbackQuery) await press.answerCallbackQuery().catch(() => {});
  // The summary stays readable; only its buttons go, so they cannot be pressed again.
  const removeButtons = () => press.api.editMessageReplyMarkup(chatId, sent.message_id).catch(() => {});
  const userId = ctx.from!.id;

  if (choice.startsWith("cancel:")) {
    await removeButtons();
    await conversation.external(() => deps.payments.cancel(txId, userId));
    await press.reply(ctx.t("pay-cancelled"));
    return;
  }
  if (choice.startsWith("topup:")) {
    await removeButtons();
    await conversation.external(() => deps.payments.cancel(txId, userId));
    const screen = depositScreen(deps, (key, vars) => ctx.t(key, vars));
    await press.reply(screen.text, { reply_markup: screen.reply_markup });
    return;
  }
  await payPressed(deps, conversation, press, a, { messageId: sent.message_id, removeButtons });
}

/** After Bayar: the PIN when the policy asks for it, the charge (a quote from an earlier day is inquired again), the hand-over to the worker. */
async function payPressed(
  deps: BotDeps,
  conversation: BotConversation,
  press: ConvContext,
  a: CheckoutArgs,
  summary: { messageId: number; removeButtons: () => Promise<unknown> },
): Promise<void> {
  const { txId } = a;
  const userId = press.from!.id;
  const chatId = press.chat!.id;
  const { removeButtons } = summary;
  // The PIN, when the operator's policy asks for it, before any money moves.
  // A PIN written after the order line was checked before the flow began (oneLineFeature).
  if (
    !a.pinChecked &&
    !(await pinCleared(deps, conversation, press, {
      price: a.price,
      oneLine: a.oneLine === true,
      flow: a.flow,
      ownButtons: a.ownButtons,
      beforeAsk: removeButtons,
    }))
  ) {
    await removeButtons();
    await conversation.external(() => deps.payments.cancel(txId, userId));
    return;
  }
  // A quote from an earlier WIB day is inquired again first; the payment may then carry a new reference.
  const confirmed = await conversation.external((): Promise<ConfirmFreshResult> => deps.payments.confirmFresh(txId, userId));
  if (confirmed.kind !== "confirmed") await removeButtons();
  if (confirmed.kind === "insufficient") {
    await press.reply(press.t("pay-insufficient", { balance: formatRupiah(confirmed.balance), price: formatRupiah(confirmed.price) }));
  } else if (confirmed.kind === "not-open") {
    await press.reply(press.t("pay-already"));
  } else if (confirmed.kind === "bill-changed") {
    await press.reply(press.t("pay-bill-changed", { old: formatRupiah(confirmed.oldPrice), new: formatRupiah(confirmed.newPrice) }));
  } else if (confirmed.kind === "loss") {
    await press.reply(press.t("prepaid-price-rose", { price: formatRupiah(confirmed.price) }));
  } else if (confirmed.kind === "stale-prices") {
    await press.reply(staleText(press, confirmed.since));
  } else if (confirmed.kind !== "confirmed") {
    await explainNoBill(deps, conversation, press, a.productId, confirmed);
  } else {
    // One edit takes the buttons off the summary and says the payment is under way. Not delivered
    // (the user blocked the bot, Telegram hiccup)? The payment goes on regardless.
    // A one-line order on WhatsApp is one message in, two out (summary, receipt): an edit there is
    // a message of its own, so only the buttons go and the receipt says the rest.
    if (a.oneLine && deps.channel === "whatsapp") await removeButtons();
    else await press.api.editMessageText(chatId, summary.messageId, `${a.summary}\n\n${press.t("pay-confirmed")}`).catch(() => {});
    // Only now, so the receipt cannot overtake the message above. Should this never run (a crash,
    // an error), the worker's sweep of confirmed payments sends it a little later.
    await conversation.external(() => deps.startPayment(confirmed.txId));
  }
}
