import type { PriceLists } from "../db/price-lists.js";
import type { ProviderName } from "../billing/bill.js";
import type { Catalog, Category, Product } from "../billing/catalog.js";
import { billShortCodes } from "../billing/one-line.js";

export type Availability =
  | { kind: "offered"; product: Product }
  /** In the catalog and served by the provider, but its price list marks it inactive for now. */
  | { kind: "inactive"; product: Product }
  /** Not in the catalog, disabled there, or without a code at this provider. */
  | { kind: "not-offered" };

/** What a flow's product menu shows: the categories, and the ids of every product in them. */
export interface Menu {
  readonly categories: readonly Category[];
  readonly offered: ReadonlySet<string>;
}

/** How many menus (one per set of hidden products) are kept. */
const MENUS_KEPT = 8;

/**
 * What a user can buy right now: the catalog's enabled products the provider serves, less those
 * its last good price list marks inactive. A product missing from the list stays offered (lists
 * need not be complete; /harga flags it for the admins), as does everything before any list.
 */
export class Offer {
  private readonly menus = new Map<string, Menu>();
  private codes: Map<string, Product> | undefined;
  /** The catalog's version the two caches above were worked out from. */
  private cachedFrom = 0;

  constructor(
    private readonly catalog: Catalog,
    private readonly provider: ProviderName,
    private readonly priceLists: PriceLists,
  ) {}

  check(productId: string): Availability {
    const product = this.catalog.product(productId);
    const code = product?.enabled ? product.codes[this.provider] : undefined;
    if (!product || !code) return { kind: "not-offered" };
    return this.priceLists.inactiveCodes(this.provider).has(code) ? { kind: "inactive", product } : { kind: "offered", product };
  }

  /** The bills a one-line order can name, by short code (see billShortCodes): this provider's, offered or not. */
  shortCodes(): Map<string, Product> {
    this.forget();
    this.codes ??= billShortCodes(this.served());
    return this.codes;
  }

  /** How many months ahead the user may choose to pay at this provider (catalog `input.months`); empty where it is not asked. */
  monthChoices(product: Product): number[] {
    const months = product.input.months;
    return months?.providers.includes(this.provider) ? months.choices : [];
  }

  /** Ids of the catalog's products for this provider that its price list marks inactive now (for `menu`). */
  hiddenIds(): string[] {
    const inactive = this.priceLists.inactiveCodes(this.provider);
    if (inactive.size === 0) return [];
    return this.served()
      .filter((p) => inactive.has(p.codes[this.provider]!))
      .map((p) => p.id);
  }

  /**
   * The menu without these product ids (from `hiddenIds`), by category, empty categories dropped.
   * Every press on a menu asks again, so the last few menus are kept: they follow from the
   * catalog (until it is read again) and the hidden ids alone.
   */
  menu(hiddenIds: readonly string[]): Menu {
    this.forget();
    const key = hiddenIds.join(" ");
    let menu = this.menus.get(key);
    if (!menu) {
      const hidden = new Set(hiddenIds);
      const categories = this.catalog
        .forProvider(this.provider)
        .map((c) => ({ ...c, products: c.products.filter((p) => !hidden.has(p.id)) }))
        .filter((c) => c.products.length > 0);
      menu = { categories, offered: new Set(categories.flatMap((c) => c.products.map((p) => p.id))) };
      // Hidden sets change only with the hourly price list: a handful at most is ever in use.
      if (this.menus.size >= MENUS_KEPT) this.menus.clear();
      this.menus.set(key, menu);
    }
    return menu;
  }

  /** Drops what was worked out from a catalog since replaced (data/products.json read again). */
  private forget(): void {
    if (this.cachedFrom === this.catalog.version) return;
    this.cachedFrom = this.catalog.version;
    this.menus.clear();
    this.codes = undefined;
  }

  private served(): Product[] {
    return this.catalog.forProvider(this.provider).flatMap((c) => c.products);
  }
}
