import type { Bill, BillDetail, PlnToken, PrepaidCategory, ProviderName, ResultCode } from "../billing/bill.js";
import type { PriceListItem, PrepaidProduct } from "../billing/price-list.js";

/**
 * The contract every provider adapter honours. Calls never throw for anything the network or the
 * provider can do: they return an Outcome. `failed` is reserved for a final failure the provider
 * stated in a documented way; anything ambiguous is `unknown`, which the payment side treats as
 * "maybe paid" (pending), never as a failure.
 */

/** Who a final failure should be explained to. */
export type Blame =
  /** the customer's input or bill: wrong number, already paid, no bill yet */
  | "customer"
  /** the biller or provider is down, cut-off, out of stock */
  | "provider"
  /** the operator's account or set-up: bad credentials, IP not allowed, deposit too low */
  | "operator";

/**
 * Why a bill cannot be paid, where the provider's code says it plainly: the bot explains these to
 * the customer in their own language instead of showing the provider's wording.
 */
export type FailureReason = "wrong-number" | "already-paid" | "no-bill" | "quote-expired" | "pay-at-counter" | "cut-off" | "biller-down";

export type Outcome<T> =
  | { kind: "success"; value: T; raw: string }
  | { kind: "pending"; raw: string; code?: string; message?: string }
  /**
   * `rateLimit` when the failure was the provider's limit (Digiflazz rc 85): final, and the worker slows down.
   * `notProcessed` on a pay answer the provider documents as "not processed" (product unavailable,
   * seller down, cut-off, out of stock, its deposit too low): nothing was created, so the purchase
   * may be tried at another provider under a new reference (codes.ts of each adapter lists them).
   */
  | { kind: "failed"; code: string; message: string; blame: Blame; reason?: FailureReason; raw: string; rateLimit?: RateLimit; notProcessed?: true }
  /**
   * No verdict on the payment. `alert` is set when the answer was about the request itself
   * (credentials, IP, signature, rate limit...): the payment stays pending and the operator is told.
   * `manual` when no status check can ever settle it (Digiflazz's 90-day limit on a resend): the
   * payment is not asked about again by itself, so the operator is told once; an admin settles it.
   */
  | { kind: "unknown"; reason: string; raw?: string; alert?: OperatorProblem; rateLimit?: RateLimit; manual?: true };

/**
 * The provider refused the call as "too many requests" (Digiflazz rc 85/83/86, HTTP 429): the
 * worker slows down. `unprocessed` only where the provider's answer proves nothing was created
 * (the call was turned away before it was looked at) AND a second call with the same reference
 * could not pay twice (the provider refuses a reused reference): only then may a payment be sent
 * again. Digiflazz's 85 is not such an answer: it created a failed transaction under the ref_id.
 */
export interface RateLimit {
  unprocessed: boolean;
  /** How long the provider asks us to wait, when it says. */
  retryAfterMs?: number;
}

/** A refusal of the request that only the operator can fix or should know about. */
export interface OperatorProblem {
  code: string;
  message: string;
}

/** What the catalog knows about the product being bought, sent along with the inquiry. */
export interface PrepaidOrder {
  category: PrepaidCategory;
  /** The provider's cost the user's price was based on; the provider is never asked to charge more. */
  cost: number;
  /** The product's name in the price list, kept on the bill for receipts. */
  name?: string;
  /** Ask the provider first who the number belongs to (PLN meter, game nickname, e-wallet name). */
  check: boolean;
}

export interface InquiryRequest {
  /** Our reference for this transaction; Digiflazz pays with the same ref_id as its inquiry. */
  ref: string;
  /** The provider's product code from the catalog. */
  productCode: string;
  customerNo: string;
  /** E-money top-up amount. */
  amount?: number;
  /** SAMSAT identity number (NIK), sent alongside the payment code. */
  identityNo?: string;
  /** PBB tax year. */
  year?: string;
  /** Named fields the product needs besides the customer number (Tokopedia `fields`, a game's `zone_id`). */
  fields?: { name: string; value: string }[];
  /** BPJS Kesehatan: how many months to pay (IAK requires it; 1 when not given). */
  months?: number;
  /** Set for a prepaid purchase: the quote is a prepaid bill (see prepaid.ts). */
  prepaid?: PrepaidOrder;
}

export interface Payment {
  /** Serial number / token / the biller's reference, "" when the provider gives none. */
  sn: string;
  /** What the provider took from the operator's deposit, when it says. */
  cost?: number;
  /** Receipt lines the provider returned (Tokopedia `fulfillment_result`). */
  details: BillDetail[];
  /** A PLN prepaid token read from the answer. */
  token?: PlnToken;
  /** What a prepaid purchase hands the customer besides a token (voucher code, PIN, serial number), each as the answer names it. */
  codes?: ResultCode[];
}

export interface Provider {
  readonly name: ProviderName;
  inquiry(req: InquiryRequest): Promise<Outcome<Bill>>;
  /**
   * Pay a bill from a successful inquiry. Called once per transaction, never retried blindly: only
   * an answer that proves the call was turned away unread (RateLimit.unprocessed) lets it be sent again.
   */
  pay(bill: Bill): Promise<Outcome<Payment>>;
  /** Where a payment stands now; `pending` while the provider is still working on it. */
  status(bill: Bill): Promise<Outcome<Payment>>;
  /** The operator's deposit at the provider, in rupiah. */
  balance(): Promise<Outcome<number>>;
  priceList?(): Promise<Outcome<PriceListItem[]>>;
  /** The provider's prepaid products with their cost. */
  prepaidPriceList?(): Promise<Outcome<PrepaidProduct[]>>;
}
