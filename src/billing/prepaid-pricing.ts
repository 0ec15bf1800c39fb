import { z } from "zod";
import type { PrepaidProduct } from "../providers/prepaid.js";
import { PrepaidCategorySchema } from "./bill.js";

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

type Priced = Pick<PrepaidProduct, "code" | "brand" | "category">;

function specificity(rule: PrepaidMarkupRule, p: Priced): number {
  if (rule.code !== undefined && rule.code !== p.code) return -1;
  if (rule.brand !== undefined && rule.brand.toUpperCase() !== p.brand.toUpperCase()) return -1;
  if (rule.category !== undefined && rule.category !== p.category) return -1;
  return (rule.code ? 4 : 0) + (rule.brand ? 2 : 0) + (rule.category ? 1 : 0);
}

export function markupRuleFor(rules: PrepaidMarkupRule[], p: Priced): PrepaidMarkupRule | undefined {
  let best: { rule: PrepaidMarkupRule; score: number } | undefined;
  for (const rule of rules) {
    const score = specificity(rule, p);
    if (score >= 0 && (!best || score > best.score)) best = { rule, score };
  }
  return best?.rule;
}

/**
 * What the user pays for a prepaid product whose provider cost is `cost`: cost plus markup,
 * rounded up. Never below the cost: rounding only goes up and markups are not negative.
 */
export function prepaidPrice(rules: PrepaidMarkupRule[], p: Priced, cost: number): number {
  const rule = markupRuleFor(rules, p);
  if (!rule) return cost;
  const raw = cost + (rule.flat ?? Math.ceil((cost * (rule.percent ?? 0)) / 100));
  const step = rule.roundUpTo ?? 1;
  return Math.ceil(raw / step) * step;
}
