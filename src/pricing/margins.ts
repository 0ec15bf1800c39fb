import type { ProviderName } from "../billing/bill.js";
import type { Catalog, Category, Product } from "../billing/catalog.js";
import type { PriceListItem } from "../billing/price-list.js";

/** How the provider's price list shows a product: listed active or inactive, not listed, or no list known. */
export type Listing = "active" | "inactive" | "missing" | "no-list";

export interface PriceRow {
  product: Product;
  /** The product's code at the provider. */
  code: string;
  listing: Listing;
  /** The provider's admin fee per bill and the commission it gives back, as its list gives them. */
  adminFee?: number;
  commission?: number;
  /** What the provider keeps per bill on top of the bill itself: admin fee less commission. */
  providerFee?: number;
  /** The markup users at the default level pay on it: a chat rule (/markup), else the catalog's. */
  markup: Product["markup"];
  /** The operator's earnings per bill: a flat markup; a percent one depends on the bill. */
  margin?: number;
  /** Sales that cost more at the provider than the user paid, in the recent window. */
  losses?: { count: number; amount: number };
}

export interface PriceSheet {
  categories: { category: Category; rows: PriceRow[] }[];
  /** Rows an admin should look at: unavailable at the provider, or sold at a loss. */
  flagged: PriceRow[];
}

/** The operator's earnings per bill, where a flat markup fixes them. */
const margin = (markup: Product["markup"]): { margin?: number } => ("flat" in markup ? { margin: markup.flat } : {});

const isFlagged = (r: PriceRow): boolean => r.listing === "inactive" || r.listing === "missing" || r.losses !== undefined;

/**
 * Every enabled catalog product the provider serves, next to the provider's price list and the
 * recent losses from the books. Postpaid lists give the admin fee (and commission) per bill; the
 * user pays the bill, that fee less the commission, and the operator's markup.
 */
export function priceSheet(
  catalog: Catalog,
  provider: ProviderName,
  list: Map<string, PriceListItem> | undefined,
  losses: Map<string, { count: number; amount: number }>,
  /** The markup a product carries for the default level (a chat rule, else the catalog's). */
  markupOf: (product: Product) => Product["markup"] = (product) => product.markup,
): PriceSheet {
  const row = (product: Product): PriceRow => {
    const code = product.codes[provider]!;
    const item = list?.get(code);
    const listing: Listing = !list ? "no-list" : !item ? "missing" : item.active ? "active" : "inactive";
    const lost = losses.get(product.id);
    const markup = markupOf(product);
    return {
      product,
      markup,
      code,
      listing,
      ...(item?.price !== undefined && { adminFee: item.price, providerFee: item.price - (item.commission ?? 0) }),
      ...(item?.commission !== undefined && { commission: item.commission }),
      ...margin(markup),
      ...(lost && { losses: lost }),
    };
  };
  const categories = catalog.forProvider(provider).map((category) => ({ category, rows: category.products.map(row) }));
  return { categories, flagged: categories.flatMap((c) => c.rows.filter(isFlagged)) };
}
