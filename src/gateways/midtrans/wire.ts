import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ChargeState } from "../gateway.js";

/** Midtrans' answers and notifications, read loosely ("parse the JSON fields in a non strict way"); every value a string. */
export const MidtransBody = z.looseObject({
  status_code: z.string(),
  status_message: z.string().optional(),
  transaction_id: z.string().optional(),
  order_id: z.string().optional(),
  gross_amount: z.string().optional(),
  transaction_status: z.string().optional(),
  fraud_status: z.string().optional(),
  qr_string: z.string().optional(),
  expiry_time: z.string().optional(),
  va_numbers: z.array(z.looseObject({ bank: z.string(), va_number: z.string() })).optional(),
  permata_va_number: z.string().optional(),
  signature_key: z.string().optional(),
});
export type MidtransBody = z.infer<typeof MidtransBody>;

/**
 * A transaction status in the bot's words, or undefined for one a deposit cannot act on by itself
 * (refund, chargeback: after a settlement, for an admin to look at).
 */
export function stateOf(b: MidtransBody): ChargeState | undefined {
  const fraudOk = b.fraud_status === undefined || b.fraud_status === "accept";
  switch (b.transaction_status) {
    case "pending":
      return "pending";
    case "settlement":
    case "capture":
      return fraudOk ? "paid" : "failed";
    case "expire":
      return "expired";
    case "cancel":
    case "deny":
    case "failure":
      return "failed";
    default:
      return undefined;
  }
}

/** SHA512(order_id + status_code + gross_amount + ServerKey), over the strings exactly as received. */
export function signatureOf(orderId: string, statusCode: string, grossAmount: string, serverKey: string): string {
  return createHash("sha512")
    .update(orderId + statusCode + grossAmount + serverKey)
    .digest("hex");
}

export function signatureOk(b: MidtransBody, serverKey: string): boolean {
  if (!b.order_id || !b.gross_amount || !b.signature_key) return false;
  const expected = Buffer.from(signatureOf(b.order_id, b.status_code, b.gross_amount, serverKey));
  const got = Buffer.from(b.signature_key.toLowerCase());
  return expected.length === got.length && timingSafeEqual(expected, got);
}

/** "2020-09-29 11:46:13" in WIB (GMT+7, no zone in the text) to ms; undefined when unreadable. */
export function wibTime(s: string | undefined): number | undefined {
  const m = s && /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]! - 7, +m[5]!, +m[6]!);
}
