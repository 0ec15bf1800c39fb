import type { Composer } from "grammy";
import { checkCustomerNo, localName } from "../../billing/catalog.js";
import { normalizeMobile, operatorOf, operatorOfBrand } from "../../billing/operators.js";
import { parseOneLine, type OneLine } from "../../billing/one-line.js";
import { prepaidProductId } from "../../billing/prepaid-id.js";
import { CONVERSATION, type PayStart, type PrepaidStart } from "../../../conversations/index.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { userLocale } from "../i18n.js";

/**
 * One-line orders ("XL10.087800001230", "PLN.530000000001"): the code names a prepaid product (the
 * provider's code) or a bill (its short code, see billShortCodes); the number is checked here, then
 * the purchase goes through the same flow as from the menus, straight to the quote and summary.
 * A message not shaped like an order goes on to the fallback.
 */
export function oneLineFeature(deps: BotDeps): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();

  /** The flow to start for this order, or the message that says why there is none. */
  function resolve(ctx: BotContext, order: OneLine): { prepaid: PrepaidStart } | { pay: PayStart } | { error: string } {
    const n = order.destination;
    const code = deps.prepaid.findCode(order.code);
    if (code !== undefined) {
      const found = deps.prepaid.check(code, deps.now());
      // Unavailable, in its cut-off or a stale list: the flow explains it as for "beli lagi".
      const p = found.kind === "not-offered" ? undefined : found.product;
      const start = { prepaid: { productId: prepaidProductId(code), input: { customerNo: n }, oneLine: true } };
      if (!p) return start;
      if (p.fields.length > 0 || p.openAmount) return { error: ctx.t("oneline-needs-menu", { product: p.name, command: "/beli" }) };
      if (p.category === "pln") return /^\d{11,12}$/.test(n) ? start : { error: ctx.t("oneline-bad-meter", { number: n }) };
      if (p.category === "game") return start;
      const phone = normalizeMobile(n);
      if (!phone) return { error: ctx.t("oneline-bad-phone", { number: n }) };
      const want = operatorOfBrand(p.brand);
      const got = operatorOf(phone);
      if ((p.category === "pulsa" || p.category === "data") && want !== undefined && got.kind === "operator" && got.operator !== want) {
        return { error: ctx.t("oneline-wrong-operator", { number: phone, product: p.name, operator: ctx.t(`operator-${got.operator}`) }) };
      }
      return { prepaid: { ...start.prepaid, input: { customerNo: phone } } };
    }
    const bill = deps.offer.shortCodes().get(order.code);
    if (!bill) return { error: ctx.t("oneline-unknown-code", { code: order.code, bills: [...billCodes()].join(", ") }) };
    const checked = checkCustomerNo(bill.input, n);
    if (!checked.ok) return { error: ctx.t("oneline-bad-number", { number: n, hint: localName(bill.input.hint, userLocale(deps.users, ctx)) }) };
    return { pay: { productId: bill.id, input: { customerNo: checked.value }, oneLine: true } };
  }

  /** The short codes worth naming in a message: the kinds' (PLN, BPJS), not every product's id. */
  const billCodes = () => [...deps.offer.shortCodes()].filter(([code, p]) => code !== p.id.toUpperCase().replace(/-/g, "")).map(([code]) => code);

  c.on("message:text", async (ctx, next) => {
    const order = parseOneLine(ctx.message.text);
    if (!order) return next();
    const start = resolve(ctx, order);
    if ("error" in start) return void (await ctx.reply(start.error));
    if ("prepaid" in start) return void (await ctx.conversation.enter(CONVERSATION.prepaid, start.prepaid));
    await ctx.conversation.enter(CONVERSATION.pay, start.pay);
  });
  return c;
}
