import type { BillInput } from "../billing/bill.js";
import { checkCustomerNo, localName } from "../billing/catalog.js";
import type { Translate } from "../billing/format.js";
import { nearestCodes, normalizeCode, type OneLine } from "../billing/one-line.js";
import { normalizeMobile, operatorOf, operatorOfBrand } from "../billing/operators.js";
import { prepaidProductId } from "../billing/prepaid-id.js";
import type { BotDeps } from "./deps.js";

/** What a one-line order names, checked: the product and the input the flow starts from. */
export interface ResolvedOrder {
  kind: "prepaid" | "bill";
  productId: string;
  input: BillInput;
}

/**
 * The product and checked number a one-line order stands for, or the message that says why there
 * is none. The code names a prepaid product (the provider's code) or a bill (its short code, see
 * billShortCodes). A prepaid product that is not on sale now is still resolved: the flow explains it.
 */
export function resolveOrder(
  deps: Pick<BotDeps, "now" | "offer" | "prepaid">,
  t: Translate,
  locale: string,
  order: OneLine,
): ResolvedOrder | { error: string } {
  const n = order.destination;
  const code = deps.prepaid.findCode(order.code);
  if (code !== undefined) {
    const found = deps.prepaid.check(code, deps.now());
    const p = found.kind === "not-offered" ? undefined : found.product;
    const start: ResolvedOrder = { kind: "prepaid", productId: prepaidProductId(code), input: { customerNo: n } };
    if (!p) return start;
    if (p.fields.length > 0 || p.openAmount) return { error: t("oneline-needs-menu", { product: p.name, command: "/beli" }) };
    if (p.category === "pln") return /^\d{11,12}$/.test(n) ? start : { error: t("oneline-bad-meter", { number: n }) };
    if (p.category === "game") return start;
    const phone = normalizeMobile(n);
    if (!phone) return { error: t("oneline-bad-phone", { number: n }) };
    const want = operatorOfBrand(p.brand);
    const got = operatorOf(phone);
    if ((p.category === "pulsa" || p.category === "data") && want !== undefined && got.kind === "operator" && got.operator !== want) {
      return { error: t("oneline-wrong-operator", { number: phone, product: p.name, operator: t(`operator-${got.operator}`) }) };
    }
    return { ...start, input: { customerNo: phone } };
  }
  const bill = deps.offer.shortCodes().get(order.code);
  if (!bill) return { error: unknownCode(deps, t, order.code) };
  const checked = checkCustomerNo(bill.input, n);
  if (!checked.ok) return { error: t("oneline-bad-number", { number: n, hint: localName(bill.input.hint, locale) }) };
  return { kind: "bill", productId: bill.id, input: { customerNo: checked.value } };
}

/** A code nobody knows: the nearest known ones (prepaid codes as the price list writes them, bills' short codes), or how codes look. */
function unknownCode(deps: Pick<BotDeps, "now" | "offer" | "prepaid">, t: Translate, typed: string): string {
  const prepaid = deps.prepaid.products(deps.now()).map((p) => p.code);
  const near = nearestCodes(typed, [...prepaid, ...deps.offer.shortCodes().keys()]);
  if (near.length > 0) return t("oneline-unknown-code-near", { code: typed, codes: near.join(", ") });
  // The short codes worth naming: the kinds' (PLN, BPJS), not every product's id.
  const bills = [...deps.offer.shortCodes()].filter(([code, p]) => code !== normalizeCode(p.id)).map(([code]) => code);
  return t("oneline-unknown-code", { code: typed, bills: bills.join(", ") });
}
