import { z } from "zod";
import { parseJson, unknown, wholeNumber } from "../common.js";
import type { Outcome } from "../provider.js";
import type { TokopediaListedProduct } from "./prepaid.js";

/** What the account holds and sells: `GET /v2/account` and `GET /v2/product-list`, read from a 2xx body. */

const AccountAnswer = z.object({ data: z.object({ attributes: z.object({ saldo: wholeNumber }) }) });

const ProductListAnswer = z.object({
  data: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).optional(),
      attributes: z.object({
        product_code: z.string().optional(),
        product_name: z.string(),
        price: wholeNumber.nullish(),
        /** 1 active, 2 inactive, 3 temporarily inactive. */
        status: wholeNumber,
        /** The product is quoted by an inquiry (PLN token, a game's nickname, an e-wallet's name). */
        is_inquiry: z.boolean().optional(),
      }),
    }),
  ),
});

export function readTokopediaBalance(body: string): Outcome<number> {
  const parsed = AccountAnswer.safeParse(parseJson(body));
  if (!parsed.success) return unknown("Tokopedia's account answer does not match the documented shape", body);
  return { kind: "success", value: parsed.data.data.attributes.saldo, raw: body };
}

/** Every item of the product list (bills and prepaid share it). */
export function readTokopediaProductList(body: string): Outcome<TokopediaListedProduct[]> {
  const parsed = ProductListAnswer.safeParse(parseJson(body));
  if (!parsed.success) return unknown("Tokopedia's product list does not match the documented shape", body);
  const items: TokopediaListedProduct[] = [];
  for (const p of parsed.data.data) {
    const code = p.attributes.product_code ?? (p.id === undefined ? undefined : String(p.id));
    if (code === undefined) return unknown("Tokopedia's product list has an item without a product code", body);
    const a = p.attributes;
    items.push({ code, name: a.product_name, price: a.price ?? undefined, status: a.status, isInquiry: a.is_inquiry ?? false });
  }
  return { kind: "success", value: items, raw: body };
}
