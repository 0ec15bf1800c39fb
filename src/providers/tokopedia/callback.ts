import type { Outcome, Payment } from "../provider.js";
import { readTokopediaOrder } from "./order.js";

/**
 * Tokopedia POSTs the order body to our callback URL with a `signature` header (RSA-SHA256 PSS,
 * Tokopedia's key). Verify it on the raw bytes before anything else, answer 200 only after that,
 * and still confirm with the status call before settling money.
 */
export { verifyTokopediaSignature } from "./signature.js";

/** The order a callback speaks about and what it says; `orderId` is undefined when the body is unreadable. */
export function parseTokopediaCallback(rawBody: string | Buffer): { orderId: string | undefined; outcome: Outcome<Payment> } {
  return readTokopediaOrder(typeof rawBody === "string" ? rawBody : rawBody.toString("utf8"));
}
