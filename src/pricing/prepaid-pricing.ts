import type { PrepaidProduct } from "../billing/price-list.js";
import type { PrepaidMarkupRule } from "../billing/prepaid-catalog.js";

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
