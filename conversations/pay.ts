import type { Product } from "../src/billing/catalog.js";
import { checkCustomerNo, checkInput, localName } from "../src/billing/catalog.js";
import { parseAmount } from "../src/billing/amount.js";
import { formatEcho, formatRupiah, midSentence, wibDate } from "../src/billing/format.js";
import { isTopUp } from "../src/billing/layout.js";
import { renderBillSummary } from "../src/billing/summary.js";
import type { BillInput } from "../src/billing/bill.js";
import type { QuoteResult } from "../src/payments/payments.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import { askMonths } from "./ask-months.js";
import { checkout, explainNoBill, repeatNote } from "./checkout.js";
import { noteIfSlow } from "./slow-note.js";
import { ask } from "./wait.js";
import type { BotDeps } from "../src/bot/deps.js";
import { Questions } from "../src/db/questions.js";
import { userLocale } from "../src/bot/i18n.js";
import { CONVERSATION } from "./ids.js";

/** How far back a success of the same bill makes the summary warn and ask again. */
const REPEAT_WINDOW_MS = 3 * 24 * 3_600_000;

/** Where a payment starts: a product pressed in the bill menu, or "Bayar lagi" from favourites. */
export interface PayStart {
  productId: string;
  /** The flow starts with the press on the menu: the first question replaces the menu in its message. */
  fromMenu?: boolean;
  /** When given, the inputs are not asked again: the flow goes straight to the inquiry. */
  input?: BillInput;
  /** A one-line order ("PLN.5300..."): a repeat today is stated, a typed "ya" confirms, PIN_POLICY=one-line applies. */
  oneLine?: boolean;
  /**
   * The price a bill reminder showed and the user pressed its Bayar for: the bill is inquired again
   * and, when it still costs exactly this (and was not paid lately), paid without a second press.
   */
  agreed?: number;
  /** The PIN was written after the order line, and was right: not asked again. */
  pinChecked?: boolean;
}

/**
 * Pay a bill, from the product (picked in the bill menu, see billMenuFeature, or a favourite):
 * customer number (and any extra input) -> inquiry -> summary -> Bayar/Batal.
 *
 * The function is replayed on every update, so everything that touches the database, the clock or
 * the provider runs in `conversation.external`. The quote is created before the confirmation wait
 * and confirming is a guarded state change, so a replay or a double press cannot charge twice.
 */
export function createPayConversation(deps: BotDeps) {
  const productName = (ctx: ConvContext, p: Product) => localName(p.names, lang(ctx));
  const questions = new Questions(deps.db);
  const lang = (ctx: ConvContext) => userLocale(deps.users, ctx);

  /** Callback data this flow puts on its own buttons: old ones expire while it waits. The menu's are not its own. */
  const ownButtons = /^(months|pay|cancel|topup):/;
  const stray = (hintKey: string) => ({ hintKey, ownButtons });

  /**
   * Asks in the pay flow; the question (with the product) is kept, to be asked again after a
   * restart. Given the `menu` the product was picked in, the question replaces that menu.
   */
  const askFor = <T>(
    conversation: BotConversation,
    ctx: ConvContext,
    product: Product,
    prompt: string,
    read: (text: string, ctx: ConvContext) => { ok: true; value: T } | { ok: false; error: string },
    menu?: ConvContext,
  ): Promise<T> => {
    const question = `${ctx.t("pay-chosen", { product: productName(ctx, product) })}\n${prompt}`;
    return ask(conversation, ctx, stray("pay-type-number"), prompt, read, {
      questions,
      flow: CONVERSATION.pay,
      question,
      now: deps.now,
      show: menu && (() => menu.editMessageText(question).catch(() => ctx.reply(question))),
    });
  };

  /** The customer number and whatever else the product needs, each asked until it fits; the first in place of the `menu`. */
  async function askInputs(conversation: BotConversation, ctx: ConvContext, product: Product, menu?: ConvContext): Promise<BillInput> {
    const hint = (h: Product["input"]["hint"]) => localName(h, lang(ctx));
    const askPattern = (
      promptKey: string,
      spec: { hint: Product["input"]["hint"] },
      check: (text: string) => ReturnType<typeof checkInput>,
      inMenu?: ConvContext,
    ) =>
      askFor(
        conversation,
        ctx,
        product,
        ctx.t(promptKey, { hint: midSentence(hint(spec.hint)) }),
        (text, c) => {
          const checked = check(text);
          if (checked.ok) return checked;
          const typed = formatEcho(text);
          return {
            ok: false,
            error: typed ? c.t("pay-number-invalid", { input: typed, hint: hint(spec.hint) }) : c.t("pay-number-empty", { hint: hint(spec.hint) }),
          };
        },
        inMenu,
      );

    const input: BillInput = { customerNo: await askPattern("pay-ask-number", product.input, (text) => checkCustomerNo(product.input, text), menu) };
    const identity = product.input.identity;
    if (identity) input.identityNo = await askPattern("pay-ask-field", identity, (text) => checkInput(identity.pattern, text));
    for (const field of product.input.fields ?? []) {
      const value = await askPattern("pay-ask-field", field, (text) => checkInput(field.pattern, text));
      input.fields = [...(input.fields ?? []), { name: field.name, value }];
    }
    const range = product.input.amount;
    if (range) {
      const limits = { min: formatRupiah(range.min), max: formatRupiah(range.max), multiple: formatRupiah(range.multiple) };
      input.amount = await askFor(conversation, ctx, product, ctx.t("pay-ask-amount", limits), (text, c) => {
        const amount = parseAmount(text);
        return amount !== undefined && amount >= range.min && amount <= range.max && amount % range.multiple === 0
          ? { ok: true, value: amount }
          : { ok: false, error: c.t("pay-amount-invalid", limits) };
      });
    }
    if (product.input.year) {
      const thisYear = Number(await conversation.external(() => wibDate(deps.now()).slice(0, 4)));
      // Years are names of years, not amounts: strings, so Fluent does not write "2.026".
      const bounds = { min: String(thisYear - 10), max: String(thisYear), example: String(thisYear) };
      input.year = await askFor(conversation, ctx, product, ctx.t("pay-ask-year", bounds), (text, c) => {
        const year = Number(text.trim());
        return /^\d{4}$/.test(text.trim()) && year >= thisYear - 10 && year <= thisYear
          ? { ok: true, value: String(year) }
          : { ok: false, error: c.t("pay-year-invalid", bounds) };
      });
    }
    return input;
  }

  return async function pay(conversation: BotConversation, ctx: ConvContext, start: PayStart): Promise<void> {
    const picked = deps.catalog.product(start.productId);
    if (!picked) return;
    // The menu's message, where the first question goes.
    const menu = start.fromMenu ? ctx : undefined;
    // "Pay again" names a product that may have left the offer since, and the price list may have
    // changed while the menu was open: a product the provider lists as inactive is explained.
    const availability = await conversation.external(() => deps.offer.check(picked.id).kind);
    if (availability !== "offered") {
      await menu?.editMessageText(ctx.t("pay-chosen", { product: productName(ctx, picked) })).catch(() => {});
      await ctx.reply(ctx.t("pay-product-unavailable", { product: productName(ctx, picked), command: ctx.t("pay-retry-command-bill") }));
      return;
    }
    const chosen = picked;
    const typed = start.input ?? (await askInputs(conversation, ctx, chosen, menu));
    // Paying ahead is chosen for each payment, "Bayar lagi" too: the months are not part of a favourite.
    const months = await askMonths(conversation, ctx, { product: productName(ctx, chosen), choices: deps.offer.monthChoices(chosen), ownButtons });
    if (!months) return;
    const input: BillInput = { ...typed, ...months };

    const checking = ctx.t(isTopUp(chosen.kind) ? "pay-checking-topup" : "pay-checking", { number: input.customerNo });
    const userId = ctx.from!.id;
    const chatId = ctx.chat!.id;
    const quote = await conversation.external(
      (outside): Promise<QuoteResult> => noteIfSlow(outside, checking, () => deps.payments.quote(userId, chatId, chosen.id, input)),
    );
    if (quote.kind !== "quoted") {
      await explainNoBill(deps, conversation, ctx, chosen.id, quote);
      return;
    }

    const { balance, paidBefore } = await conversation.external(() => ({
      balance: deps.wallet.balance(userId),
      paidBefore: deps.payments.txs.paidSince(chosen.id, quote.bill, deps.now() - REPEAT_WINDOW_MS) ?? null,
    }));
    const oneLine = start.oneLine === true;
    const repeat = oneLine ? await repeatNote(deps, conversation, ctx, chosen.id, input.customerNo) : "";
    const summary =
      renderBillSummary(
        { bill: quote.bill, price: quote.price, productName: productName(ctx, chosen), balance, kind: chosen.kind, paidBefore: paidBefore ?? undefined },
        (key, vars) => ctx.t(key, vars),
      ) + repeat;
    await checkout(deps, conversation, ctx, {
      txId: quote.txId,
      productId: chosen.id,
      flow: CONVERSATION.pay,
      summary,
      price: quote.price,
      ownButtons,
      short: balance < quote.price,
      paidBefore: paidBefore !== null,
      oneLine,
      agreed: start.agreed === quote.price && paidBefore === null,
      pinChecked: start.pinChecked === true,
    });
  };
}
