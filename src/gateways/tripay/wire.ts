import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ChargeState } from "../gateway.js";

/** Tripay's numbers come as numbers or strings depending on the endpoint (gateways.md T-P7). */
const loose = z.union([z.number(), z.string()]).transform(String);

export const TripayTx = z.looseObject({
  reference: z.string(),
  merchant_ref: z.string().nullish(),
  amount: loose.optional(),
  total_amount: loose.optional(),
  fee_customer: loose.optional(),
  pay_code: loose.nullish(),
  qr_string: z.string().nullish(),
  status: z.string(),
  expired_time: loose.optional(),
});
export type TripayTx = z.infer<typeof TripayTx>;

export const TripayAnswer = z.looseObject({ success: z.boolean(), message: z.string().optional(), data: z.unknown().optional() });

export const TripayCallback = z.looseObject({
  reference: z.string(),
  merchant_ref: z.string().nullish(),
  total_amount: loose,
  fee_customer: loose.optional(),
  status: z.string(),
});

/** UNPAID / PAID / EXPIRED / FAILED; REFUND (after a payment) is for an admin to look at. */
export function stateOf(status: string): ChargeState | undefined {
  return ({ UNPAID: "pending", PAID: "paid", EXPIRED: "expired", FAILED: "failed" } as Record<string, ChargeState>)[status];
}

/** The closed-payment signature: HMAC-SHA256(private key, merchant_code + merchant_ref + amount). */
export const createSignature = (merchantCode: string, merchantRef: string, amount: number, privateKey: string) =>
  createHmac("sha256", privateKey).update(`${merchantCode}${merchantRef}${amount}`).digest("hex");

/** X-Callback-Signature: HMAC-SHA256 of the raw body with the private key, compared in constant time. */
export function callbackSignatureOk(raw: Buffer, header: string | undefined, privateKey: string): boolean {
  const expected = Buffer.from(createHmac("sha256", privateKey).update(raw).digest("hex"));
  const got = Buffer.from(String(header ?? ""));
  return expected.length === got.length && timingSafeEqual(expected, got);
}
