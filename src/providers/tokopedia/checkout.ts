import type { Bill } from "../../billing/bill.js";
import { unknown } from "../common.js";
import type { Outcome, Payment } from "../provider.js";
import type { Answer, TokopediaClient } from "./client.js";
import { CODES, firstError, throttled } from "./errors.js";
import { readCheckout, readStatus } from "./order.js";
import { signTokopedia } from "./signature.js";

/** An order's life at Tokopedia: the signed checkout, and the status check that settles it. */

/**
 * `POST /v2/order` for the bill, signed; never sent twice by one call (a 401 is not re-sent
 * with a fresh token). `outcome` when nothing could be sent or nothing came back.
 */
async function checkout(client: TokopediaClient, bill: Bill): Promise<{ wire: Answer; orderId: string } | { outcome: Outcome<Payment> }> {
  const orderId = bill.refs.orderId ?? bill.refs.refId;
  const body = JSON.stringify({
    data: {
      type: "order",
      id: orderId,
      attributes: { product_code: bill.productCode, client_number: bill.customerNo, amount: bill.cost, ...(bill.fields ? { fields: bill.fields } : {}) },
    },
  });
  // Until the checkout is sent nothing can have happened at Tokopedia, so these are final.
  const key = client.privateKey();
  if (!key) {
    return { outcome: { kind: "failed", code: "KEY", message: "Tokopedia private key could not be read; the order was not sent", blame: "operator", raw: "" } };
  }
  const wire = await client.request("POST", "/v2/order", { body, headers: { signature: signTokopedia(body, key) }, resend401: false });
  if (wire.kind === "no-token") {
    const message = `${wire.reason}; the order was not sent`;
    return { outcome: { kind: "failed", code: "AUTH", message, blame: wire.rejected ? "operator" : "provider", raw: "" } };
  }
  if (wire.kind === "unknown") return { outcome: unknown(wire.reason) };
  return { wire, orderId };
}

/** Pays the bill by its checkout, sent once. */
export async function payOrder(client: TokopediaClient, bill: Bill): Promise<Outcome<Payment>> {
  const sent = await checkout(client, bill);
  return client.scrub("outcome" in sent ? sent.outcome : throttled(sent.wire, readCheckout(sent.wire, sent.orderId)));
}

/**
 * `GET /v2/order/{id}`, asked once: a check that fails waits for the worker's next one, as
 * Tokopedia allows one a minute per order. "Transaction is not found" (P02) proves nothing by
 * itself: a checkout whose answer was lost may never have arrived, or not be visible yet, and
 * refunding could pay the customer back for an order Tokopedia then fulfils. But Tokopedia
 * refuses a checkout whose id it already has (P03, "Duplicate Request ID"), so the very same
 * order is sent again: P03 says it exists (its status decides, at the next check); any other
 * answer is that of the one order under this id, made now (Pending, Success), or refused in a
 * way that proves none was made (a final failure, refunded). Either way it is paid once.
 */
export async function checkOrder(client: TokopediaClient, bill: Bill): Promise<Outcome<Payment>> {
  const orderId = bill.refs.orderId ?? bill.refs.refId;
  const wire = await client.request("GET", `/v2/order/${encodeURIComponent(orderId)}`);
  if (!(wire.kind === "response" && wire.status === 400 && firstError(wire.body)?.code === CODES.notFound)) {
    return client.scrub(throttled(wire, readStatus(wire, orderId, client.publicKey)));
  }
  const sent = await checkout(client, bill);
  if ("outcome" in sent) {
    // Not sent again (no key, no token): nothing is known of the first one, so nothing is final.
    const o = sent.outcome;
    return client.scrub(
      o.kind === "failed" ? { ...unknown(`order ${orderId} not found, and not sent again: ${o.message}`), alert: { code: o.code, message: o.message } } : o,
    );
  }
  const { wire: again } = sent;
  if (again.status === 400 && firstError(again.body)?.code === CODES.duplicate) {
    return unknown(`Tokopedia does not show order ${orderId} yet but has it (Duplicate Request ID); its status decides`, again.body);
  }
  return client.scrub(throttled(again, readCheckout(again, orderId)));
}
