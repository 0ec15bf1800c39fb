import { z } from "zod";
import { PrepaidCategorySchema } from "./bill.js";

/**
 * What the operator's catalog says about a provider's prepaid product where the provider's list
 * does not (data/products.json `prepaid.tokopedia`): Tokopedia's product list gives only name,
 * price, status and `is_inquiry`, so the category, the brand, the inputs and an open amount's
 * range come from here. Cost and availability stay the provider's.
 */
export const PrepaidCatalogEntrySchema = z
  .object({
    /** The provider's product code, as its list and orders write it. */
    code: z.string().min(1),
    category: PrepaidCategorySchema,
    /** Operator for pulsa and data (TELKOMSEL, XL...: the menu matches it to the number's prefix), e-wallet, game or voucher name. */
    brand: z.string().trim().min(1),
    /** A sub-grouping shown nowhere but /harga (Umum, Membership...). */
    type: z.string().default(""),
    description: z.string().default(""),
    /** Inputs besides the customer number, asked one by one and sent under these names (a game's zone_id). */
    fields: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, { message: "expected a lowercase field name" })).default([]),
    /** An open-amount product (e-wallet top-up of any amount): the amounts a user may choose. */
    openAmount: z
      .object({ min: z.number().int().positive(), max: z.number().int().positive() })
      .strict()
      .refine((r) => r.min <= r.max, { message: "expected min not above max" })
      .optional(),
  })
  .strict();
export type PrepaidCatalogEntry = z.infer<typeof PrepaidCatalogEntrySchema>;

/** A provider's entries, each code once. */
export const PrepaidCatalogSchema = z.array(PrepaidCatalogEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.code)) ctx.addIssue({ code: "custom", path: [i, "code"], message: `duplicate product code "${e.code}"` });
    seen.add(e.code);
  });
});

/**
 * The operator's markup on prepaid products (data/products.json `prepaid.markup`): rules by
 * category, brand or product code, flat rupiah or percent, rounded up to a friendly price. The most
 * specific rule that matches wins (code, then brand, then category, then a rule with none of them);
 * among equals the first listed.
 */
export const PrepaidMarkupRuleSchema = z
  .object({
    category: PrepaidCategorySchema.optional(),
    /** The brand as the provider's list writes it (TELKOMSEL, DANA...); case does not matter. */
    brand: z.string().min(1).optional(),
    code: z.string().min(1).optional(),
    flat: z.number().int().min(0).optional(),
    percent: z.number().min(0).max(100).optional(),
    /** Rounds the price up to a multiple of this (100, 500, 1000). */
    roundUpTo: z.number().int().positive().optional(),
  })
  .strict()
  .refine((r) => (r.flat === undefined) !== (r.percent === undefined), { message: 'expected either "flat" or "percent"' });
export type PrepaidMarkupRule = z.infer<typeof PrepaidMarkupRuleSchema>;

/** A price level's name as admins type it (/level 0812... reseller): lowercase, no spaces. */
export const PriceLevelNameSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, { message: "expected a lowercase level name such as reseller" });

/**
 * Markup rules of price levels other than the default (data/products.json `prepaid.levels`, e.g.
 * reseller, agen): a product no rule of a level matches is priced by `prepaid.markup`, the default's.
 */
export const PrepaidLevelsSchema = z.record(PriceLevelNameSchema, z.array(PrepaidMarkupRuleSchema));
export type PrepaidLevels = z.infer<typeof PrepaidLevelsSchema>;
