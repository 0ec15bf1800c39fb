import type { PrepaidProduct } from "../billing/price-list.js";
import type { PrepaidLevels, PrepaidMarkupRule } from "../billing/prepaid-catalog.js";
import { type Product, userPrice } from "../billing/catalog.js";
import type { Markup } from "../db/markup-rules.js";

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
  return priceByRule(markupRuleFor(rules, p), cost);
}

function priceByRule(rule: PrepaidMarkupRule | undefined, cost: number): number {
  if (!rule) return cost;
  const raw = cost + (rule.flat ?? Math.ceil((cost * (rule.percent ?? 0)) / 100));
  const step = rule.roundUpTo ?? 1;
  return Math.ceil(raw / step) * step;
}

/**
 * The operator's price levels: those of data/products.json `prepaid.levels` and `defaultLevel`
 * (PRICE_LEVEL_DEFAULT), where users nobody placed are. Markup rules come from two places, the file
 * and the chat (/markup, `chat`), and are combined here only: a level's own rules come first (the
 * chat's before the file's, so a chat rule wins over a file rule as specific); what they do not
 * match is priced by the default level's (its chat rules, then `base`, `prepaid.markup`), so a
 * level with no rules (umum) is just that.
 */
export class PriceLevels {
  constructor(
    readonly defaultLevel: string,
    private readonly base: PrepaidMarkupRule[],
    private readonly levels: PrepaidLevels,
    /** The chat's rules (/markup), read at each price (kept in memory by their store). */
    private readonly chat: ChatRules = NO_CHAT_RULES,
  ) {}

  /** Every level's name, the default first. */
  names(): string[] {
    return [this.defaultLevel, ...Object.keys(this.levels).filter((n) => n !== this.defaultLevel)];
  }

  knows(level: string): boolean {
    return this.names().includes(level);
  }

  /**
   * The price at `level` (the default level when not given): the level's most specific matching
   * rule, else the default's (all of a level no longer configured). Never below the cost, as prepaidPrice.
   */
  price(p: Priced, cost: number, level = this.defaultLevel): number {
    return priceByRule(this.ruleFor(p, level), cost);
  }

  /** The rule that prices `p` at `level`: the one place where file and chat rules meet. */
  ruleFor(p: Priced, level = this.defaultLevel): PrepaidMarkupRule | undefined {
    const chat = this.chat.byLevel();
    const own = [...(chat.get(level) ?? []), ...(this.levels[level] ?? [])];
    return markupRuleFor(own, p) ?? markupRuleFor([...(chat.get(this.defaultLevel) ?? []), ...this.base], p);
  }

  /**
   * What a bill costs the user at `level`: the level's chat rule on the product or its category,
   * else the default level's, else the catalog's own markup (data/products.json). Never below the
   * cost: markups are not negative.
   */
  billPrice(product: Product, categoryId: string | undefined, cost: number, level = this.defaultLevel): number {
    const m = this.chatBillMarkup(product, categoryId, level);
    if (!m) return userPrice(product, cost);
    return cost + ("flat" in m ? m.flat : Math.round((cost * m.percent) / 100));
  }

  /** The markup a bill carries at `level`, as billPrice applies it (what admin /harga shows). */
  billMarkup(product: Product, categoryId: string | undefined, level = this.defaultLevel): Markup {
    return this.chatBillMarkup(product, categoryId, level) ?? product.markup;
  }

  private chatBillMarkup(product: Product, categoryId: string | undefined, level: string): Markup | undefined {
    return this.chat.billMarkup(level, product.id, categoryId) ?? this.chat.billMarkup(this.defaultLevel, product.id, categoryId);
  }
}

/** The markup rules admins set from the chat, as prices read them (MarkupRules). */
export interface ChatRules {
  byLevel(): ReadonlyMap<string, PrepaidMarkupRule[]>;
  billMarkup(level: string, productId: string, categoryId: string | undefined): Markup | undefined;
}

const NO_CHAT_RULES: ChatRules = { byLevel: () => new Map(), billMarkup: () => undefined };
