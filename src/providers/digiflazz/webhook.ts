import { createHmac, timingSafeEqual } from "node:crypto";
import type { Outcome, Payment } from "../provider.js";
import type { DigiflazzDialect } from "./client.js";
import { readDigiflazzPayment } from "./read.js";

/**
 * Digiflazz callbacks for pending transactions: POST JSON with the same `{data: {...}}` body as
 * the transaction answer, signed `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body>`.
 */

/** True only for a well-formed header whose HMAC matches the exact raw bytes received. */
export function verifyDigiflazzSignature(rawBody: Buffer | string, header: string | undefined, secret: string): boolean {
  if (!header || !secret) return false;
  const m = /^sha1=([0-9a-f]{40})$/i.exec(header.trim());
  if (!m?.[1]) return false;
  const given = Buffer.from(m[1], "hex");
  const expected = createHmac("sha1", secret)
    .update(typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody)
    .digest();
  return timingSafeEqual(given, expected);
}

/**
 * The transaction a callback is about and what it says. `refId` is undefined when the body names
 * none; the outcome is then `unknown` and nothing can be settled from it.
 */
export function parseDigiflazzCallback(rawBody: Buffer | string, dialect: DigiflazzDialect): { refId: string | undefined; outcome: Outcome<Payment> } {
  const raw = typeof rawBody === "string" ? rawBody : rawBody.toString("utf8");
  const refId = refIdOf(raw);
  if (refId === undefined) return { refId, outcome: { kind: "unknown", reason: "callback without a ref_id", raw } };
  return { refId, outcome: readDigiflazzPayment(raw, dialect, "status", refId) };
}

function refIdOf(raw: string): string | undefined {
  try {
    const body = JSON.parse(raw) as { data?: { ref_id?: unknown } } | null;
    const ref = body?.data?.ref_id;
    return typeof ref === "string" && ref !== "" ? ref : undefined;
  } catch {
    return undefined;
  }
}
