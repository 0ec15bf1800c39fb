import { z } from "zod";
import { parseJson, unknown, type Unknown } from "../common.js";
import type { Blame, OperatorProblem, Outcome } from "../provider.js";
import { is2xx, type Wire } from "./client.js";

/** Tokopedia's refusals: the errors[] body, its few documented codes, and what a refusal proves. */

const ErrorsAnswer = z.object({
  errors: z
    .array(
      z.object({
        status: z.union([z.string(), z.number()]).optional(),
        code: z.union([z.string(), z.number()]).optional(),
        detail: z.string().optional(),
        title: z.string().optional(),
      }),
    )
    .min(1),
});

/** Tokopedia's first error in an errors[] body, when the body is one. */
export function firstError(body: string) {
  const errors = ErrorsAnswer.safeParse(parseJson(body));
  if (!errors.success) return undefined;
  const first = errors.data.errors[0]!;
  return { code: first.code === undefined ? undefined : String(first.code), detail: first.detail || first.title || undefined };
}

/**
 * Tokopedia documents the errors[] shape; its codes come from the official SDK's tests
 * (tokopedia/python-sat tests/test_checkout.py, tests/test_check_status.py). Other rejections are
 * read by HTTP status.
 */
export const CODES = {
  /** "Transaction is not found" (400), on a status check of an id Tokopedia does not know. */
  notFound: "P02",
  /** "Duplicate Request ID, please check your system" (400), on a checkout whose id exists. */
  duplicate: "P03",
  /** "Product not found" (400), on a checkout: our catalog names a product the account lacks. */
  noProduct: "P04",
} as const;

const BLAME_BY_CODE: Record<string, Blame> = { [CODES.noProduct]: "operator" };
const BLAME_BY_STATUS: Record<number, Blame> = { 400: "customer", 401: "operator", 403: "operator", 404: "customer", 422: "customer" };

/**
 * The checkout statuses that prove no order was made: the request itself was refused as invalid.
 * A 401/403 is not among them (nor a 404, which at a fixed POST path is more likely our set-up than
 * the customer): Tokopedia does not document that a checkout turned away there made no order.
 * A 400 P03 is not one either: that order exists (see readCheckout).
 */
export const CHECKOUT_REJECTIONS = new Set([400, 422]);

/**
 * A refusal outside 2xx. `message` is Tokopedia's own words (it may reach the customer); the
 * HTTP status and body stay in `code` and `raw`. Refused credentials are the operator's to fix
 * even without a body; any other refusal counts only with Tokopedia's words in errors[].
 */
export function rejection(status: number, body: string): Extract<Outcome<never>, { kind: "failed" }> | Unknown {
  const first = firstError(body);
  const detail = first?.detail;
  const blame = (first?.code && BLAME_BY_CODE[first.code]) || BLAME_BY_STATUS[status];
  if (blame === "operator" || (blame && detail)) {
    return { kind: "failed", code: first?.code ?? String(status), message: detail ?? `HTTP ${status}`, blame, raw: body };
  }
  return unknown(`Tokopedia answered HTTP ${status}${detail ? `: ${detail}` : ""}`, body);
}

/**
 * A refusal of the request itself that the operator must hear about: credentials, IP, our
 * signature or key (401/403), a request Tokopedia calls malformed (other 4xx), too many requests
 * (429). Undefined for 5xx and for what is not a refusal.
 */
export function requestProblem(status: number, body: string): OperatorProblem | undefined {
  if (status < 400 || status >= 500) return undefined;
  const first = firstError(body);
  return { code: first?.code ?? `HTTP ${status}`, message: `Tokopedia refused the request (HTTP ${status})${first?.detail ? `: ${first.detail}` : ""}` };
}

/**
 * A 429 turns the request away before it is looked at; an order id Tokopedia already has is
 * answered "Duplicate Request ID" (P03), so a checkout re-sent after a 429 cannot make a second
 * order: the worker may send it again after its back-off.
 */
export function throttled<T>(wire: Wire, outcome: Outcome<T>): Outcome<T> {
  return wire.kind === "response" && wire.status === 429 && outcome.kind === "unknown" ? { ...outcome, rateLimit: { unprocessed: true } } : outcome;
}

/** For calls that move no money: refused credentials are the operator's to fix, anything else may pass. */
export const noToken = (wire: { rejected: boolean; reason: string }): Outcome<never> =>
  wire.rejected ? { kind: "failed", code: "AUTH", message: wire.reason, blame: "operator", raw: "" } : unknown(wire.reason);

/** For calls that move no money: the body of a 2xx answer, or what anything else amounts to. */
export function bodyOf(wire: Wire): { body: string } | { outcome: Outcome<never> } {
  if (wire.kind === "no-token") return { outcome: noToken(wire) };
  if (wire.kind === "unknown") return { outcome: unknown(wire.reason) };
  if (!is2xx(wire.status)) return { outcome: rejection(wire.status, wire.body) };
  return { body: wire.body };
}
