import { CONVERSATION } from "./ids.js";
import { operatorOf, operatorOfBrand, normalizeMobile } from "../src/billing/operators.js";
import type { BillInput, PrepaidCategory } from "../src/billing/bill.js";
import { parseAmount } from "../src/billing/amount.js";
import { formatRupiah, type Translate } from "../src/billing/format.js";
import type { PrepaidAvailability } from "../src/pricing/prepaid-offer.js";
import { plnTariff, renderPrepaidSummary } from "../src/billing/prepaid-view.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";
import { choiceKeyboard, readChoice } from "../src/bot/prepaid-menu.js";
import type { QuoteResult } from "../src/payments/payments.js";
import { checkout, explainNoBill, repeatNote, staleText } from "./checkout.js";
import { noteIfSlow } from "./slow-note.js";
import { ask, isButton, spendTry, tries, waitFor } from "./wait.js";
import type { PrepaidProduct } from "../src/billing/price-list.js";
import { prepaidCode, prepaidProductId } from "../src/billing/prepaid-id.js";

/** Where a purchase starts when it does not start at the menu ("beli lagi" from favourites). */
export interface PrepaidStart {
  productId: string;
  /** When given, nothing is asked again: the flow goes straight to the quote. */
  input?: BillInput;
  /** A one-line order ("XL10.0878..."): a repeat today is stated, a typed "ya" confirms, PIN_POLICY=one-line applies. */
  oneLine?: boolean;
  /** The PIN was written after the order line, and was right: not asked again. */
  pinChecked?: boolean;
}

/** A product as a list shows it: its button's label and the code it stands for. */
type Listed = Pick<PrepaidProduct, "code" | "name" | "openAmount"> & { price: number };

/** Phone-number products: the operator is read from the number's prefix and only its products are shown. */
const BY_PHONE = new Set<PrepaidCategory>(["pulsa", "data"]);

/**
 * Buy a prepaid product: category -> (pulsa/data: the phone number, its operator's products;
 * PLN: the meter, checked first; others: the brand) -> product, cheapest first -> inputs -> quote
 * -> confirmation -> the shared checkout. Everything that touches the database, the clock or the
 * provider runs in `conversation.external`, as in the bill flow.
 */
export function createPrepaidConversation(deps: BotDeps) {
  const ownButtons = /^(pp|pay|cancel|topup):/;
  const stray = (hintKey: string) => ({ hintKey, ownButtons });
  const tr =
    (ctx: ConvContext): Translate =>
    (key, vars) =>
      ctx.t(key, vars);

  /** A paged choice among `labels`; the index chosen, or undefined when cancelled. */
  async function choose(conversation: BotConversation, ctx: ConvContext, tag: string, text: string, labels: string[]): Promise<number | undefined> {
    const first = choiceKeyboard(tag, labels, 0, tr(ctx));
    await ctx.reply(text, { reply_markup: first });
    const list = conversation.checkpoint();
    for (;;) {
      const press = await waitFor(conversation, isButton(new RegExp(`^pp:(${tag}:p?\\d+|x)$`)), { ...stray("pay-use-buttons"), buttons: first });
      await press.answerCallbackQuery().catch(() => {});
      const choice = readChoice(press.callbackQuery.data);
      if (choice.kind === "page") {
        await press.editMessageText(text, { reply_markup: choiceKeyboard(tag, labels, choice.page, tr(ctx)) }).catch(() => {});
        // The page is in the message, not in the flow: paging stores nothing (see the bill menu).
        return await conversation.rewind(list);
      }
      if (choice.kind === "cancel" || labels[choice.index] === undefined) {
        await press.editMessageText(ctx.t("pay-cancelled")).catch(() => {});
        return undefined;
      }
      await press.editMessageText(`${text}\n➡️ ${labels[choice.index]}`).catch(() => {});
      return choice.index;
    }
  }

  const label = (ctx: ConvContext, p: Listed) =>
    p.openAmount
      ? ctx.t("prepaid-open-amount-label", { product: p.name, min: formatRupiah(p.openAmount.min), max: formatRupiah(p.openAmount.max) })
      : `${p.name} – ${formatRupiah(p.price)}`;

  /** A phone number of a known operator, asked until it is one; a prefix no operator has is explained. */
  function askPhone(conversation: BotConversation, ctx: ConvContext) {
    return ask(conversation, ctx, stray("pay-type-number"), ctx.t("prepaid-ask-phone"), (text, c) => {
      const match = operatorOf(text);
      if (match.kind === "operator") return { ok: true, value: match };
      return { ok: false, error: match.kind === "unknown-prefix" ? c.t("prepaid-unknown-prefix", { number: match.number }) : c.t("prepaid-phone-invalid") };
    });
  }

  /** The number the product goes to, its fields one by one, and an open amount within its range. */
  async function askInputs(conversation: BotConversation, ctx: ConvContext, p: PrepaidProduct, known?: string): Promise<BillInput> {
    const s = stray("pay-type-number");
    const customerNo =
      known ??
      (p.category === "game"
        ? await ask(conversation, ctx, s, ctx.t("prepaid-ask-player"), (text, c) =>
            /^[A-Za-z0-9]{3,24}$/.test(text.trim()) ? { ok: true, value: text.trim() } : { ok: false, error: c.t("prepaid-player-invalid") },
          )
        : p.category === "pln"
          ? await askMeter(conversation, ctx)
          : await ask(conversation, ctx, s, ctx.t("prepaid-ask-phone"), (text, c) => {
              const n = normalizeMobile(text);
              return n ? { ok: true, value: n } : { ok: false, error: c.t("prepaid-phone-invalid") };
            }));
    const input: BillInput = { customerNo };
    for (const name of p.fields) {
      const field = ctx.t(name === "zone_id" ? "prepaid-field-zone-id" : name === "server_id" ? "prepaid-field-server-id" : "prepaid-field-other", { name });
      // A zone id is a number ("2101"); other ids (servers) may carry letters.
      const digits = name === "zone_id";
      const value = await ask(conversation, ctx, s, ctx.t("prepaid-ask-field", { field }), (text, c) =>
        (digits ? /^\d{1,12}$/ : /^[A-Za-z0-9]{1,12}$/).test(text.trim())
          ? { ok: true, value: text.trim() }
          : { ok: false, error: c.t(digits ? "prepaid-field-digits" : "prepaid-field-invalid", { field }) },
      );
      input.fields = [...(input.fields ?? []), { name, value }];
    }
    const range = p.openAmount;
    if (range) {
      const limits = { min: formatRupiah(range.min), max: formatRupiah(range.max) };
      input.amount = await ask(conversation, ctx, s, ctx.t("prepaid-ask-amount", limits), (text, c) => {
        const amount = parseAmount(text);
        return amount !== undefined && amount >= range.min && amount <= range.max
          ? { ok: true, value: amount }
          : { ok: false, error: c.t("prepaid-amount-invalid", limits) };
      });
    }
    return input;
  }

  function askMeter(conversation: BotConversation, ctx: ConvContext, prompt = ctx.t("prepaid-ask-meter")): Promise<string> {
    return ask(conversation, ctx, stray("pay-type-number"), prompt, (text, c) => {
      const n = text.replace(/[\s.-]/g, "");
      return /^\d{11,12}$/.test(n) ? { ok: true, value: n } : { ok: false, error: c.t("prepaid-meter-invalid") };
    });
  }

  /**
   * The meter, checked before the nominal is chosen so the customer sees whose meter it is. One
   * the biller does not know (a typo) is asked again, as a phone number no operator has is; a
   * biller that is down or refuses for other reasons ends the flow as any inquiry does.
   */
  async function findMeter(conversation: BotConversation, ctx: ConvContext): Promise<{ number: string; offered: Listed[] } | undefined> {
    const budget = tries();
    let prompt: string | undefined;
    for (;;) {
      const number = await askMeter(conversation, ctx, prompt);
      const offered = await products(conversation, ctx, (p) => p.category === "pln");
      const productId = prepaidProductId(offered[0]!.code);
      const checking = ctx.t("prepaid-checking-meter", { number });
      const found = await conversation.external((outside) => noteIfSlow(outside, checking, () => deps.payments.lookup(productId, { customerNo: number })));
      if (found.kind === "found") {
        const tariff = plnTariff(found.bill.details);
        await ctx.reply(
          [
            ctx.t("prepaid-meter-found", { number }),
            ctx.t("prepaid-name", { name: found.bill.customerName || "-" }),
            ...(tariff ? [ctx.t("prepaid-tariff", { tariff })] : []),
          ].join("\n"),
        );
        return { number, offered };
      }
      if (found.kind !== "rejected" || found.blame !== "customer") {
        await explainNoBill(deps, conversation, ctx, productId, found);
        return undefined;
      }
      await spendTry(conversation, ctx, budget);
      prompt = found.reason === "wrong-number" ? ctx.t("prepaid-meter-unknown", { number }) : ctx.t("prepaid-meter-refused", { number, reason: found.message });
    }
  }

  // The list goes into the flow's log and is read back on every later update of the flow: only what
  // a button shows, not the whole product (descriptions, stock, fields), however long the list.
  // Priced at the user's level; the quote reads the level again, so the summary is what is paid.
  const products = (conversation: BotConversation, ctx: ConvContext, filter: (p: PrepaidProduct) => boolean) =>
    conversation.external((): Listed[] => {
      const level = deps.users.priceLevel(ctx.from!.id);
      return deps.prepaid.products(deps.now(), filter, level).map((p) => ({
        code: p.code,
        name: p.name,
        price: deps.prepaid.price(p, p.cost, level),
        ...(p.openAmount && { openAmount: p.openAmount }),
      }));
    });

  /** Category, then what the category starts from, then the product's code. Undefined when the user cancels or nothing fits. */
  async function chooseProduct(conversation: BotConversation, ctx: ConvContext): Promise<{ code: string; number?: string } | undefined> {
    const stale = await conversation.external(() => deps.prepaid.staleSince(deps.now()) ?? null);
    if (stale !== null) {
      await ctx.reply(staleText(ctx, stale));
      return undefined;
    }
    const categories = await conversation.external(() => deps.prepaid.categories(deps.now()));
    if (categories.length === 0) {
      await ctx.reply(ctx.t("prepaid-none"));
      return undefined;
    }
    const ci = await choose(
      conversation,
      ctx,
      "cat",
      ctx.t("prepaid-choose-category"),
      categories.map((c) => ctx.t(`prepaid-category-${c}`)),
    );
    if (ci === undefined) return undefined;
    const category = categories[ci]!;

    let number: string | undefined;
    let offered: Listed[];
    if (BY_PHONE.has(category)) {
      const phone = await askPhone(conversation, ctx);
      number = phone.number;
      offered = await products(conversation, ctx, (p) => p.category === category && operatorOfBrand(p.brand) === phone.operator);
      if (offered.length === 0) {
        await ctx.reply(ctx.t("prepaid-none-for-operator", { operator: ctx.t(`operator-${phone.operator}`) }));
        return undefined;
      }
      await ctx.reply(ctx.t("prepaid-operator", { operator: ctx.t(`operator-${phone.operator}`) }));
    } else if (category === "pln") {
      const meter = await findMeter(conversation, ctx);
      if (!meter) return undefined;
      ({ number, offered } = meter);
    } else {
      const brands = await conversation.external(() => [...new Set(deps.prepaid.products(deps.now(), (p) => p.category === category).map((p) => p.brand))]);
      const bi = brands.length > 1 ? await choose(conversation, ctx, "brand", ctx.t("prepaid-choose-brand"), brands) : 0;
      if (bi === undefined) return undefined;
      offered = await products(conversation, ctx, (p) => p.category === category && p.brand === brands[bi]);
      // The prices were refreshed while the brands were shown, and the brand is gone.
      if (offered.length === 0) {
        await ctx.reply(ctx.t("prepaid-none"));
        return undefined;
      }
    }
    const pi = await choose(
      conversation,
      ctx,
      "prod",
      ctx.t("prepaid-choose-product"),
      offered.map((o) => label(ctx, o)),
    );
    return pi === undefined ? undefined : { code: offered[pi]!.code, ...(number !== undefined && { number }) };
  }

  /** Why a product from "beli lagi" cannot be bought now. */
  async function explainUnavailable(ctx: ConvContext, a: Exclude<PrepaidAvailability, { kind: "offered" }>): Promise<void> {
    if (a.kind === "not-offered") await ctx.reply(ctx.t("favorite-unavailable"));
    else if (a.kind === "cut-off") await ctx.reply(ctx.t("prepaid-cut-off", { product: a.product.name, until: a.until }));
    else if (a.kind === "stale") await ctx.reply(staleText(ctx, a.since));
    else await ctx.reply(ctx.t("pay-product-unavailable", { product: a.product.name, command: ctx.t("pay-retry-command-prepaid") }));
  }

  return async function prepaid(conversation: BotConversation, ctx: ConvContext, start?: PrepaidStart): Promise<void> {
    const chosen: { code: string; number?: string } | undefined = start ? { code: prepaidCode(start.productId) ?? "" } : await chooseProduct(conversation, ctx);
    if (!chosen) return;
    // The product as it is now: "beli lagi" names one that may have left the list, and a list
    // stays open while prices refresh and stock runs out.
    const availability = await conversation.external(() => deps.prepaid.check(chosen.code, deps.now()));
    if (availability.kind !== "offered") return explainUnavailable(ctx, availability);
    const product = availability.product;
    const input = start?.input ?? (await askInputs(conversation, ctx, product, chosen.number));

    const productId = prepaidProductId(product.code);
    const checking = ctx.t("prepaid-checking", { number: input.customerNo });
    const userId = ctx.from!.id;
    const chatId = ctx.chat!.id;
    const quote = await conversation.external(
      (outside): Promise<QuoteResult> => noteIfSlow(outside, checking, () => deps.payments.quote(userId, chatId, productId, input)),
    );
    if (quote.kind !== "quoted") return explainNoBill(deps, conversation, ctx, productId, quote);
    const balance = await conversation.external(() => deps.wallet.balance(userId));
    const oneLine = start?.oneLine === true;
    const repeat = oneLine ? await repeatNote(deps, conversation, ctx, productId, input.customerNo) : "";
    const summary = renderPrepaidSummary({ bill: quote.bill, price: quote.price, productName: product.name, balance, amount: input.amount }, tr(ctx)) + repeat;
    await checkout(deps, conversation, ctx, {
      txId: quote.txId,
      productId,
      flow: CONVERSATION.prepaid,
      summary,
      price: quote.price,
      ownButtons,
      short: balance < quote.price,
      oneLine,
      pinChecked: start?.pinChecked === true,
    });
  };
}
