import { z } from "zod";
import type { DigiflazzDialect } from "./client.js";

/** What both Digiflazz price lists (prepaid and postpaid) say of an item's identity and whether it sells, in either dialect. */
export const PriceItemIdentity = z.object({
  buyer_sku_code: z.string().optional(),
  code: z.string().optional(),
  product_name: z.string().optional(),
  name: z.string().optional(),
  buyer_product_status: z.boolean().optional(),
  seller_product_status: z.boolean().optional(),
  status: z.boolean().optional(),
});

/**
 * An item's code, name and whether it sells: the canonical dialect names the code buyer_sku_code
 * and sells only when buyer and seller both say so; the white-label one has `code` and `status`.
 * Undefined when the item has no code or no name.
 */
export function itemIdentity(it: z.infer<typeof PriceItemIdentity>, dialect: DigiflazzDialect): { code: string; name: string; enabled: boolean } | undefined {
  const code = dialect === "canonical" ? it.buyer_sku_code : it.code;
  const name = it.product_name ?? it.name;
  if (code === undefined || name === undefined) return undefined;
  const enabled = dialect === "canonical" ? it.buyer_product_status === true && it.seller_product_status === true : it.status === true;
  return { code, name, enabled };
}
