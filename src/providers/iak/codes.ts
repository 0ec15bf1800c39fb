import { unknown, type Unknown } from "../common.js";
import type { Blame, FailureReason, Outcome } from "../provider.js";

/**
 * IAK's response codes, one table per API: the postpaid one (`api/v1/bill/check`) and the prepaid
 * one (`api/top-up` and friends), which number their codes apart. A code in neither is never read
 * as a final failure.
 */

// --- postpaid ----------------------------------------------------------------------------------

/** Response codes IAK documents as "still in process". */
export const PENDING_CODES = new Set(["05", "39", "201"]);

/**
 * Documented final failure codes and whom to explain them to. Codes beyond providers.md come from
 * IAK's public response-code list. A code missing here is `unknown`, never `failed`.
 */
const FAILURES: Record<string, Blame> = {
  "01": "customer", // invoice already paid
  "08": "customer", // customer id blocked by IAK
  "10": "customer", // bill not available yet
  "13": "customer", // customer number blocked
  "14": "customer", // wrong number
  "15": "customer", // number not supported by the product
  "16": "customer", // number does not match the operator
  "30": "customer", // must be paid at the counter
  "32": "customer", // all periods must be paid together
  "34": "customer", // bill already paid
  "35": "customer", // another arrear unpaid
  "36": "customer", // past due date, pay at the counter
  "40": "customer", // (part of) the bill already paid
  "41": "customer", // must be paid to the company itself
  "108": "customer", // id cannot be used for this product
  // The quote (ref_id / tr_id) is too old: the customer can simply check the bill again.
  "04": "customer",
  // "Bill unpaid": IAK says the payment did not happen; nothing the customer typed caused that.
  "02": "provider",
  "07": "provider", // transaction failed
  "09": "provider", // inquiry failed
  "31": "provider", // above the biller's maximum
  "33": "provider", // cannot be processed now
  "37": "provider", // payment failed
  "38": "provider", // payment failed, new request needed
  // "Payment request haven't been received": final (IAK's flow page lists it as Failed); on
  // checkstatus it is read only together with status 0 (see statusOnce).
  "42": "provider",
  "91": "provider", // IAK database error
  "92": "provider", // general error
  "94": "provider", // service expired
  "103": "provider", // timeout at IAK or the biller
  "105": "provider", // biller error
  "106": "provider", // product out of service
  "109": "provider", // PLN cut-off 23:00-01:00 WIB
  "110": "provider", // maintenance
  // We sent a tr_id IAK does not know: our bug or our set-up, not the customer's.
  "06": "operator",
  "03": "operator", // ref_id format
  "11": "operator", // duplicate ref_id
  "17": "operator", // deposit too low
  "20": "operator", // product code not registered
  "93": "operator", // invalid amount
  "100": "operator", // invalid signature
  "101": "operator", // invalid command
  "102": "operator", // IP not allowed
  "107": "operator", // request format
  "117": "operator", // wrong URL
  "118": "operator", // account suspended
};
/** hasOwn: "constructor" or "__proto__" must not look like a table entry. */
export const blameOf = (code: string): Blame | undefined => (Object.hasOwn(FAILURES, code) ? FAILURES[code] : undefined);

/** The failure codes whose meaning the customer should hear in plain words (see FailureReason). */
const REASONS: Record<string, FailureReason> = {
  "01": "already-paid",
  "34": "already-paid",
  "40": "already-paid",
  "14": "wrong-number",
  "15": "wrong-number",
  "16": "wrong-number",
  "108": "wrong-number",
  "10": "no-bill",
  "04": "quote-expired",
  "30": "pay-at-counter",
  "36": "pay-at-counter",
  "41": "pay-at-counter",
  "109": "cut-off",
  "33": "biller-down",
  "105": "biller-down",
  "106": "biller-down",
  "110": "biller-down",
};

/** A documented final failure, with its plain-words reason where it has one. */
export function failure<T>(code: string, message: string, blame: Blame, raw: string): Outcome<T> {
  const reason = Object.hasOwn(REASONS, code) ? REASONS[code] : undefined;
  return { kind: "failed", code, message: message || `IAK response code ${code}`, blame, ...(reason && { reason }), raw };
}

/**
 * An answer about the request itself (signature, IP, credentials, format...), not the payment:
 * unknown, so the payment stays pending; the operator is told when only they can fix it.
 */
export function aboutRequest(reason: string, code: string, message: string, raw: string): Unknown {
  return blameOf(code) === "operator" ? { ...unknown(reason, raw), alert: { code, message: message || `IAK response code ${code}` } } : unknown(reason, raw);
}

/** A non-success code on inquiry (and price list): pending, a documented failure, or unknown. */
export function notSuccess<T>(code: string, message: string, raw: string): Outcome<T> {
  if (PENDING_CODES.has(code)) return { kind: "pending", code, message, raw };
  const blame = blameOf(code);
  if (blame) return failure(code, message, blame, raw);
  return unknown(`undocumented response code ${code}${message ? ` (${message})` : ""}`, raw);
}

// --- prepaid -----------------------------------------------------------------------------------

/** Answers about the request or the account (IP, format, URL, suspended, signature, command): the operator is told. */
export const ABOUT_THE_REQUEST = new Set(["102", "107", "117", "118", "204", "205"]);

/**
 * Documented failures of a top-up (response-code.md), whom to explain them to, and the plain
 * reason. Only these are final; 06 (no transaction under the ref_id) is read apart (see status).
 */
export const TOP_UP_FAILURES: Record<string, { blame: Blame; reason?: FailureReason }> = {
  "07": { blame: "provider" },
  "10": { blame: "customer" }, // daily limit for this number
  "12": { blame: "customer" }, // balance limit of the destination
  "13": { blame: "customer" }, // number blocked
  "14": { blame: "customer", reason: "wrong-number" },
  "16": { blame: "customer", reason: "wrong-number" }, // number does not match the operator
  "17": { blame: "operator" }, // deposit too low
  "20": { blame: "operator" }, // product code unknown
  "106": { blame: "provider", reason: "biller-down" },
  "110": { blame: "provider", reason: "biller-down" },
  "121": { blame: "customer" },
  "131": { blame: "customer" },
  "141": { blame: "customer", reason: "wrong-number" }, // user id / zone id / server id
  "142": { blame: "customer", reason: "wrong-number" },
  "202": { blame: "operator" }, // one top-up per number a day (developer setting)
  "203": { blame: "customer", reason: "wrong-number" },
  "206": { blame: "customer" },
  "207": { blame: "operator" },
};

/**
 * The top-up failures that prove it was not processed: product unknown (20) or out of service
 * (106), maintenance (110), the operator's deposit too low (17). Another provider may be tried.
 */
export const TOP_UP_NOT_PROCESSED = new Set(["17", "20", "106", "110"]);

/** A refusal of the request or the account: unknown, and the operator is told. */
export function alert<T>(rc: string, message: string, raw: string): Outcome<T> {
  return {
    kind: "unknown",
    reason: `IAK refused the request (rc ${rc}${message ? `: ${message}` : ""})`,
    raw,
    alert: { code: rc, message: message || `IAK rc ${rc}` },
  };
}
