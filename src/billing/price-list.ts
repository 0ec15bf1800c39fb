import type { PrepaidCategory } from "./bill.js";

/**
 * What the providers' price lists say, in the shared model: the providers' readers produce these,
 * the database keeps them, pricing sells from them.
 */

/** One product of a provider's postpaid price list. */
export interface PriceListItem {
  code: string;
  name: string;
  /** Provider's price or admin fee when listed. */
  price?: number;
  /** Postpaid: what the provider gives back of its admin fee per bill, when listed. */
  commission?: number;
  active: boolean;
}

/** One product of a provider's prepaid price list. */
export interface PrepaidProduct {
  code: string;
  name: string;
  category: PrepaidCategory;
  /** Operator or brand as the provider writes it (TELKOMSEL, DANA, MOBILE LEGENDS...). */
  brand: string;
  /** The provider's sub-grouping (Umum, Membership...), "" when none. */
  type: string;
  /** What the provider charges the operator; for an open amount, its fee on top of the amount. */
  cost: number;
  /** The provider sells it now: enabled on both sides and in stock. The cut-off window is apart. */
  available: boolean;
  /** Units left; undefined when unlimited or not stated. */
  stock?: number;
  /** Daily window (WIB, "HH:MM") in which the product cannot be bought. */
  cutOff?: { start: string; end: string };
  description: string;
  /** The provider can say who the number belongs to before buying. */
  check: boolean;
  /** Inputs besides the customer number this product needs. */
  fields: string[];
  /** For an open-amount product (e-wallet top-up of any amount): the amounts allowed. */
  openAmount?: { min: number; max: number };
}
