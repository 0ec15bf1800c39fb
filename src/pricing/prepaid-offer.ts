import type { PrepaidProducts } from "../db/prepaid-products.js";
import { PrepaidCategorySchema, type PrepaidCategory, type ProviderName } from "../billing/bill.js";
import { prepaidCode } from "../billing/prepaid-id.js";
import { normalizeCode } from "../billing/one-line.js";
import type { PriceLevels } from "./prepaid-pricing.js";
import type { PrepaidOrder } from "../providers/provider.js";
import type { PrepaidProduct } from "../billing/price-list.js";

export type PrepaidAvailability =
  | { kind: "offered"; product: PrepaidProduct }
  /** Listed, but not sold now: the provider marks it unavailable or out of stock, or an admin hid it. */
  | { kind: "unavailable"; product: PrepaidProduct }
  /** In its daily cut-off window (WIB) until `until`. */
  | { kind: "cut-off"; product: PrepaidProduct; until: string }
  /** The whole list is older than its maximum age (fetched at `since`): its costs cannot be trusted, nothing is sold. */
  | { kind: "stale"; product: PrepaidProduct; since: number }
  | { kind: "not-offered" };

/** Western Indonesian Time "HH:MM" of an instant. */
function wibClock(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(11, 16);
}

/** Whether a daily window (which may run past midnight, 23:00-01:00) holds the time. */
function inWindow(w: { start: string; end: string }, clock: string): boolean {
  return w.start < w.end ? clock >= w.start && clock < w.end : clock >= w.start || clock < w.end;
}

/**
 * What prepaid products a user can buy now and at what price: the provider's last good prepaid
 * list, less what it marks unavailable, what is in its daily cut-off window and what an admin hid,
 * priced with the catalog's markup rules of the user's price level. Nothing at all while that list is older than `maxAgeMs`
 * (PREPAID_LIST_MAX_AGE_MINUTES): IAK and Tokopedia take no maximum price, so a cost that rose
 * since would be paid whatever it is, and the confirm-time loss check reads the same old list.
 */
export class PrepaidOffer {
  /** The other providers' offers (several providers): a product this list cannot sell now is on sale while one of them can. */
  private alternatives: PrepaidOffer[] = [];

  constructor(
    private readonly provider: ProviderName,
    private readonly store: PrepaidProducts,
    readonly levels: PriceLevels,
    private readonly maxAgeMs: number,
  ) {}

  /** When the list in use was fetched, if that is longer ago than its maximum age; undefined while it is fresh (or none exists). */
  staleSince(now: number): number | undefined {
    const at = this.store.fetchedAt(this.provider);
    return at !== undefined && now - at > this.maxAgeMs ? at : undefined;
  }

  /** Whether the product is on sale now: at this provider, or (several providers) at another. */
  check(code: string, now: number): PrepaidAvailability {
    const own = this.checkHere(code, now);
    return (own.kind === "unavailable" || own.kind === "cut-off") && !this.hidden(code) && this.elsewhere(code, now)
      ? { kind: "offered", product: own.product }
      : own;
  }

  private hidden(code: string): boolean {
    return this.store.hiddenCodes(this.provider).has(code);
  }

  /** Whether this provider sells the product now (its list, its cut-off, the admins' hiding). */
  checkHere(code: string, now: number): PrepaidAvailability {
    const product = this.store.get(this.provider, code);
    if (!product) return { kind: "not-offered" };
    const since = this.staleSince(now);
    if (since !== undefined) return { kind: "stale", product, since };
    if (!product.available || this.hidden(code)) return { kind: "unavailable", product };
    if (product.cutOff && inWindow(product.cutOff, wibClock(now))) return { kind: "cut-off", product, until: product.cutOff.end };
    return { kind: "offered", product };
  }

  /** Several providers: the offers of the others, whose lists may sell what this one cannot now. */
  useAlternatives(offers: PrepaidOffer[]): void {
    this.alternatives = offers.filter((o) => o !== this);
  }

  /** Another provider sells the product now. */
  private elsewhere(code: string, now: number): boolean {
    return this.alternatives.some((o) => o.checkHere(code, now).kind === "offered");
  }

  /** The provider's code a one-line order's code stands for (compared as normalizeCode does), listed now or not. */
  findCode(typed: string): string | undefined {
    return this.store.list(this.provider).find((p) => normalizeCode(p.code) === typed)?.code;
  }

  /** A prepaid product id's name in the latest list; undefined for a catalog product or one no longer listed. */
  nameOf(productId: string): string | undefined {
    const code = prepaidCode(productId);
    return code === undefined ? undefined : this.store.get(this.provider, code)?.name;
  }

  /** Products on sale now, cheapest first (at `level`'s prices). */
  products(now: number, filter: (p: PrepaidProduct) => boolean = () => true, level?: string): PrepaidProduct[] {
    if (this.staleSince(now) !== undefined) return [];
    const hidden = this.store.hiddenCodes(this.provider);
    const clock = wibClock(now);
    return this.store
      .list(this.provider)
      .filter((p) => !hidden.has(p.code) && filter(p) && ((p.available && !(p.cutOff && inWindow(p.cutOff, clock))) || this.elsewhere(p.code, now)))
      .sort((a, b) => this.price(a, a.cost, level) - this.price(b, b.cost, level) || a.name.localeCompare(b.name));
  }

  /** Categories with something on sale now, in the menu's order (pulsa, data, PLN, e-wallet, game, voucher, other). */
  categories(now: number): PrepaidCategory[] {
    const on = new Set(this.products(now).map((p) => p.category));
    return PrepaidCategorySchema.options.filter((c) => on.has(c));
  }

  /**
   * The price at `level` (the default level's when not given) for `cost` (the product's list cost
   * when not given); an open amount costs the amount on top of the provider's fee.
   */
  price(p: PrepaidProduct, cost = p.cost, level?: string): number {
    return this.levels.price(p, cost, level);
  }

  /** What the provider would charge now for a purchase of `code`, from the last list; undefined when unlisted. */
  costNow(code: string, amount: number | undefined): number | undefined {
    const p = this.store.get(this.provider, code);
    return p && p.cost + (p.openAmount ? (amount ?? 0) : 0);
  }

  /** The inquiry's prepaid part for a product of this list (an open amount's adapter adds the amount to the fee). */
  order(p: PrepaidProduct): PrepaidOrder {
    return { category: p.category, cost: p.cost, check: p.check, name: p.name };
  }
}
