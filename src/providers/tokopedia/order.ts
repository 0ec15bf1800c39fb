import type { KeyObject } from "node:crypto";
import { z } from "zod";
import { parseJson, unknown, wholeNumber } from "../common.js";
import { plnTokenFromLines } from "../pln-token.js";
import type { Outcome, Payment } from "../provider.js";
import { is2xx, type Answer, type Wire } from "./client.js";
import { CHECKOUT_REJECTIONS, CODES, firstError, rejection, requestProblem } from "./errors.js";
import { NameValueLines } from "./inquiry.js";
import { orderCodes } from "./prepaid.js";
import { verifyTokopediaSignature } from "./signature.js";

/** Tokopedia's order answers (checkout, `GET /v2/order/{id}`, callbacks share one reader) and what each proves. */

const OrderAnswer = z.object({
  data: z.object({
    type: z.literal("order"),
    id: z.string(),
    attributes: z.object({
      status: z.string(),
      error_code: z.string().nullish(),
      error_detail: z.string().nullish(),
      serial_number: z.string().nullish(),
      voucher_code: z.string().nullish(),
      sales_price: wholeNumber.nullish(),
      fulfillment_result: NameValueLines,
    }),
  }),
});

/**
 * Reads an order body (checkout answer, `GET /v2/order/{id}` answer or callback). `Pending` is
 * pending, `Success` a Payment, `Failed` the documented final failure; any other status or shape
 * is unknown.
 */
export function readTokopediaOrder(raw: string): { orderId: string | undefined; outcome: Outcome<Payment> } {
  const json = parseJson(raw);
  if (json === undefined) return { orderId: undefined, outcome: unknown("Tokopedia's order answer is not JSON", raw) };
  const parsed = OrderAnswer.safeParse(json);
  if (!parsed.success) {
    return { orderId: undefined, outcome: unknown("Tokopedia's order answer does not match the documented shape", raw) };
  }
  const { id, attributes: a } = parsed.data.data;
  switch (a.status) {
    case "Pending":
      return { orderId: id, outcome: { kind: "pending", raw, code: "Pending", message: "Tokopedia is processing the order" } };
    case "Success": {
      const details = (a.fulfillment_result ?? []).map((l) => ({ key: l.name, value: l.value }));
      const token = plnTokenFromLines(details);
      return {
        orderId: id,
        outcome: {
          kind: "success",
          raw,
          value: {
            // A bill's receipt shows one biller reference: the serial number, else the voucher code.
            sn: a.serial_number || a.voucher_code || "",
            cost: a.sales_price ?? undefined,
            details,
            ...(token && { token }),
            codes: orderCodes(a, token?.token),
          },
        },
      };
    }
    case "Failed":
      // Tokopedia documents `Failed` as final but publishes no error_code table, so blame stays generic.
      return {
        orderId: id,
        outcome: { kind: "failed", code: a.error_code || "Failed", message: a.error_detail || "Tokopedia gave no reason", blame: "provider", raw },
      };
    default:
      return { orderId: id, outcome: unknown(`Tokopedia reported an undocumented order status "${a.status}"`, raw) };
  }
}

/** An order body about this order, or unknown. */
function readOrder(body: string, orderId: string): Outcome<Payment> {
  const { orderId: answered, outcome } = readTokopediaOrder(body);
  if (outcome.kind !== "unknown" && answered !== orderId) {
    return unknown(`Tokopedia answered about order ${answered ?? "?"} instead of ${orderId}`, body);
  }
  return outcome;
}

/**
 * What the answer to a sent checkout proves. The SDK reads a checkout answer without a signature
 * (client.py `checkout`: only `check_status` and `handle_callback` verify one), so Tokopedia's
 * public key is not asked for here: `Pending` and `Success` are taken as they come. `Failed` is
 * not final on this unsigned word: nothing that refunds rests on an answer Tokopedia does not
 * sign when a signed one is a status check away, so it is pending and the next status check (at
 * most a minute later, signed) settles it, refund included. A rejection is final only when it
 * proves no order was made (CHECKOUT_REJECTIONS with errors[]); anything else is unknown, and the
 * operator hears about a refusal of the request itself (our signature or key, credentials, IP).
 */
export function readCheckout(wire: Answer, orderId: string): Outcome<Payment> {
  if (is2xx(wire.status)) {
    const outcome = readOrder(wire.body, orderId);
    if (outcome.kind !== "failed") return outcome;
    return { kind: "pending", raw: wire.body, code: outcome.code, message: `checkout answered Failed (${outcome.message}); the status check decides` };
  }
  const first = firstError(wire.body);
  if (wire.status === 400 && first?.code === CODES.duplicate) {
    // An order under this id exists (we never send one twice, so it is ours unless ids were
    // reused): its status says what became of it, and it must never be refunded on this answer.
    const alert = { code: CODES.duplicate, message: `Tokopedia already has an order ${orderId} (Duplicate Request ID); its status decides` };
    return { ...unknown(alert.message, wire.body), alert };
  }
  const outcome = rejection(wire.status, wire.body);
  // "Product not found": this account does not sell it, so no order was made; another provider may.
  if (outcome.kind === "failed" && CHECKOUT_REJECTIONS.has(wire.status)) return first?.code === CODES.noProduct ? { ...outcome, notProcessed: true } : outcome;
  const reason =
    outcome.kind === "failed"
      ? `Tokopedia turned the checkout away with HTTP ${wire.status} (${outcome.code}: ${outcome.message}); it does not document that no order was made`
      : outcome.reason;
  const alert = requestProblem(wire.status, wire.body);
  return alert ? { ...unknown(reason, wire.body), alert } : unknown(reason, wire.body);
}

/**
 * A status answer speaks about the payment only when it is the order's own body (Pending,
 * Success or Failed for this id), signed by Tokopedia when its public key is configured (as the
 * SDK's `check_status` demands). Anything about the request itself leaves the payment pending;
 * the operator is told when it is theirs to fix.
 */
export function readStatus(wire: Wire, orderId: string, publicKey: (() => KeyObject | undefined) | undefined): Outcome<Payment> {
  if (wire.kind === "no-token") {
    return wire.rejected ? { ...unknown(wire.reason), alert: { code: "AUTH", message: wire.reason } } : unknown(wire.reason);
  }
  if (wire.kind === "unknown") return unknown(wire.reason);
  if (wire.status === 400 && firstError(wire.body)?.code === CODES.notFound) {
    // Read apart by checkOrder (checkout.ts), which sends the checkout again; here only if that could not be.
    return unknown(`Tokopedia does not know order ${orderId} (yet)`, wire.body);
  }
  if (!is2xx(wire.status)) {
    const first = firstError(wire.body);
    const reason = `order status check refused with HTTP ${wire.status}${first?.detail ? `: ${first.detail}` : ""}`;
    const alert = requestProblem(wire.status, wire.body);
    return alert ? { ...unknown(reason, wire.body), alert } : unknown(reason, wire.body);
  }
  if (publicKey) {
    const key = publicKey();
    if (!key) {
      const message = "Tokopedia's public key (TOKOPEDIA_PUBLIC_KEY_PATH) could not be read; status answers cannot be verified";
      return { ...unknown(message, wire.body), alert: { code: "KEY", message } };
    }
    if (!verifyTokopediaSignature(wire.body, wire.signature, key)) {
      // Either the configured key is not Tokopedia's or the answer was tampered with: both are
      // for the operator to look into, and neither says anything about the order.
      const message = `the signature on Tokopedia's status answer is ${wire.signature ? "wrong" : "missing"} (check TOKOPEDIA_PUBLIC_KEY_PATH)`;
      return { ...unknown(message, wire.body), alert: { code: "SIGNATURE", message } };
    }
  }
  return readOrder(wire.body, orderId);
}
