import type { PriceLists } from "../db/price-lists.js";
import type { ProviderName } from "./bill.js";
import type { Catalog, Category, Product } from "./catalog.js";

export type Availability =
  | { kind: "offered"; product: Product }
  /** In the catalog and served by the provider, but its price list marks it inactive for now. */
  | { kind: "inactive"; product: Product }
  /** Not in the catalog, disabled there, or without a code at this provider. */
  | { kind: "not-offered" };

/**
 * What a user can buy right now: the catalog's enabled products the provider serves, less those
 * its last good price list marks inactive. A product missing from the list stays offered (lists
 * need not be complete; /harga flags it for the admins), as does everything before any list.
 */
export class Offer {
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

  /** How many months ahead the user may choose to pay at this provider (catalog `input.months`); empty where it is not asked. */
  monthChoices(product: Product): number[] {
    const months = product.input.months;
    return months?.providers.includes(this.provider) ? months.choices : [];
  }

  /** Ids of the products on offer now. */
  productIds(): string[] {
    const inactive = this.priceLists.inactiveCodes(this.provider);
    return this.catalog
      .forProvider(this.provider)
      .flatMap((c) => c.products)
      .filter((p) => !inactive.has(p.codes[this.provider]!))
      .map((p) => p.id);
  }

  /** The menu for these product ids (from `productIds`), by category, empty categories dropped. */
  categories(productIds: string[]): Category[] {
    const ids = new Set(productIds);
    return this.catalog
      .forProvider(this.provider)
      .map((c) => ({ ...c, products: c.products.filter((p) => ids.has(p.id)) }))
      .filter((c) => c.products.length > 0);
  }
}
