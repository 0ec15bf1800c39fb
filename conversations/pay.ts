import { InlineKeyboard } from "grammy";
import type { Product } from "../src/billing/catalog.js";
import { checkInput } from "../src/billing/catalog.js";
import { parseAmount } from "../src/billing/amount.js";
import { formatRupiah } from "../src/billing/format.js";
import { renderBillSummary } from "../src/billing/summary.js";
import type { BillInput, ConfirmResult, QuoteResult } from "../src/payments/payments.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";

/**
 * Pay a bill: product -> customer number (and any extra input) -> inquiry -> summary -> Bayar/Batal.
 *
 * The function is replayed on every update, so everything that touches the database, the clock or
 * the provider runs in `conversation.external`. The quote is created before the confirmation wait
 * and confirming is a guarded state change, so a replay or a double press cannot charge twice.
 */
export function createPayConversation(deps: BotDeps) {
  const productName = (ctx: ConvContext, p: Product) => (lang(ctx) === "en" ? p.names.en : p.names.id);
  const lang = (ctx: ConvContext) => (ctx.from ? deps.users.language(ctx.from.id) : undefined) ?? "id";

  /** Anything but what the current step waits for: old buttons expire, other messages get a nudge. */
  const stray = (hintKey: string) => async (ctx: ConvContext) => {
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: ctx.t("menu-expired") });
      await ctx.editMessageReplyMarkup().catch(() => {});
      return;
    }
    await ctx.reply(ctx.t(hintKey));
  };

  /** Asks until the answer passes `read`; `read` returns the value or the message to show. */
  async function ask<T>(
    conversation: BotConversation,
    ctx: ConvContext,
    prompt: string,
    read: (text: string, ctx: ConvContext) => { ok: true; value: T } | { ok: false; error: string },
  ): Promise<T> {
    await ctx.reply(prompt);
    for (;;) {
      const answer = await conversation.waitFor("message:text", { otherwise: stray("pay-type-number") });
      const result = read(answer.message.text, answer);
      if (result.ok) return result.value;
      await answer.reply(result.error);
    }
  }

  return async function pay(conversation: BotConversation, ctx: ConvContext, startProductId?: string): Promise<void> {
    const provider = deps.payments.provider.name;
    let product = startProductId ? deps.catalog.product(startProductId) : undefined;

    if (!product) {
      const keyboard = new InlineKeyboard();
      for (const category of deps.catalog.forProvider(provider)) {
        for (const p of category.products) keyboard.text(productName(ctx, p), `prod:${p.id}`).row();
      }
      keyboard.text(ctx.t("pay-button-cancel"), "prod:cancel");
      await ctx.reply(ctx.t("pay-choose-product"), { reply_markup: keyboard });
      const choice = await conversation.waitForCallbackQuery(/^prod:/, { otherwise: stray("pay-use-buttons") });
      await choice.answerCallbackQuery();
      const id = choice.callbackQuery.data.slice("prod:".length);
      product = deps.catalog.product(id);
      if (!product || !product.codes[provider]) {
        await choice.editMessageText(ctx.t("pay-cancelled")).catch(() => {});
        return;
      }
      await choice.editMessageText(ctx.t("pay-chosen", { product: productName(ctx, product) })).catch(() => {});
    }
    const chosen = product;
    const hint = (h: Product["input"]["hint"]) => (lang(ctx) === "en" ? h.en : h.id);

    const input: BillInput = {
      customerNo: await ask(conversation, ctx, ctx.t("pay-ask-number", { hint: hint(chosen.input.hint) }), (text, c) => {
        const checked = checkInput(chosen.input.pattern, text);
        return checked.ok ? checked : { ok: false, error: c.t("pay-number-invalid", { input: text.trim(), hint: hint(chosen.input.hint) }) };
      }),
    };
    const identity = chosen.input.identity;
    if (identity) {
      input.identityNo = await ask(conversation, ctx, ctx.t("pay-ask-identity", { hint: hint(identity.hint) }), (text, c) => {
        const checked = checkInput(identity.pattern, text);
        return checked.ok ? checked : { ok: false, error: c.t("pay-number-invalid", { input: text.trim(), hint: hint(identity.hint) }) };
      });
    }
    const range = chosen.input.amount;
    if (range) {
      const limits = { min: formatRupiah(range.min), max: formatRupiah(range.max), multiple: formatRupiah(range.multiple) };
      input.amount = await ask(conversation, ctx, ctx.t("pay-ask-amount", limits), (text, c) => {
        const amount = parseAmount(text);
        return amount !== undefined && amount >= range.min && amount <= range.max && amount % range.multiple === 0
          ? { ok: true, value: amount }
          : { ok: false, error: c.t("pay-amount-invalid", limits) };
      });
    }

    await ctx.reply(ctx.t("pay-checking", { number: input.customerNo }));
    const userId = ctx.from!.id;
    const chatId = ctx.chat!.id;
    const quote = await conversation.external(
      (): Promise<QuoteResult> => deps.payments.quote(userId, chatId, chosen.id, input),
    );
    if (quote.kind === "unavailable") {
      await ctx.reply(ctx.t("pay-unavailable"));
      return;
    }
    if (quote.kind === "rejected") {
      if (quote.blame === "operator") deps.log(`inquiry refused for operator reasons: ${quote.code} ${quote.message}`);
      await ctx.reply(ctx.t(`pay-rejected-${quote.blame}`, { reason: quote.message }));
      return;
    }

    const balance = await conversation.external(() => deps.wallet.balance(userId));
    const summary = renderBillSummary(
      { bill: quote.bill, price: quote.price, productName: productName(ctx, chosen), balance },
      (key, vars) => ctx.t(key, vars),
    );
    await ctx.reply(summary, {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("pay-button-pay"), `pay:${quote.txId}`)
        .text(ctx.t("pay-button-cancel"), `cancel:${quote.txId}`),
    });
    const press = await conversation.waitForCallbackQuery([`pay:${quote.txId}`, `cancel:${quote.txId}`], {
      otherwise: stray("pay-use-buttons"),
    });
    await press.answerCallbackQuery();
    // The summary stays readable; only its buttons go, so they cannot be pressed again.
    await press.editMessageReplyMarkup().catch(() => {});

    if (press.callbackQuery.data.startsWith("cancel:")) {
      await conversation.external(() => deps.payments.cancel(quote.txId, userId));
      await press.reply(ctx.t("pay-cancelled"));
      return;
    }
    const confirmed = await conversation.external((): ConfirmResult => deps.payments.confirm(quote.txId, userId));
    if (confirmed.kind === "insufficient") {
      await press.reply(ctx.t("pay-insufficient", { balance: formatRupiah(confirmed.balance), price: formatRupiah(confirmed.price) }));
    } else if (confirmed.kind === "not-open") {
      await press.reply(ctx.t("pay-already"));
    } else {
      await press.reply(ctx.t("pay-confirmed"));
      // Only now, so the receipt cannot overtake the message above. A crash before this line
      // leaves the payment confirmed, and the worker picks it up when the bot starts again.
      await conversation.external(() => deps.startPayment(quote.txId));
    }
  };
}
