import { z } from "zod";
import type { Bill, BillDetail, BillInput, PlnToken, ResultCode } from "./bill.js";

/**
 * A payment as the bot keeps it: what was quoted, what the provider answered, where it stands.
 *
 * quoted ──confirm──> confirmed (funds held) ──claim──> sending ──> success
 *    │                     ^                               │  └───> failed (refunded)
 *    └──> cancelled        └──release (refused unread)─────┴──> pending ──> success | failed (refunded)
 */
export type TxState = "quoted" | "cancelled" | "confirmed" | "sending" | "pending" | "success" | "failed";

export interface Tx {
  id: string;
  userId: number;
  chatId: number;
  productId: string;
  provider: string;
  customerNo: string;
  /** What the user typed; absent on transactions from before it was recorded. */
  input: BillInput | undefined;
  state: TxState;
  price: number;
  cost: number;
  bill: Bill;
  sn: string | null;
  /** The PLN token a prepaid purchase delivered. */
  token: PlnToken | null;
  /** What else a prepaid purchase delivered (voucher code, PIN, serial number). */
  codes: ResultCode[];
  /**
   * A pending payment the provider reported done without what the customer bought: `token`, a PLN
   * token purchase answered without a readable token. Followed by status checks like any pending one.
   */
  awaiting: Awaiting | null;
  resultDetails: BillDetail[];
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: number;
  updatedAt: number;
  confirmedAt: number | null;
  /** When the payment was claimed for sending to the provider. */
  sentAt: number | null;
  settledAt: number | null;
  nextCheckAt: number | null;
  checks: number;
  /** When admins were told it is pending too long. */
  flaggedAt: number | null;
  /** The admin who settled it by hand, and why. */
  resolvedBy: number | null;
  resolutionNote: string | null;
}

/** What a pending payment still waits for besides the provider's final answer. */
export const AwaitingSchema = z.enum(["token"]);
export type Awaiting = z.infer<typeof AwaitingSchema>;
