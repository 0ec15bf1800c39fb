import { z } from "zod";
import type { Bill, PrepaidCategory } from "../../billing/bill.js";
import { formatNumber } from "../../billing/format.js";
import type { Config } from "../../config.js";
import type { PrepaidProduct } from "../../billing/price-list.js";
import { describeIssues, parseJson, text, unknown, wholeNumber } from "../common.js";
import { retryUnknown, type FetchLike, type HttpResult } from "../http.js";
import { prepaidBill, snResult } from "../prepaid.js";
import type { InquiryRequest, Outcome, Payment, PrepaidOrder } from "../provider.js";
import { createIakClient } from "./client.js";
import { ABOUT_THE_REQUEST, alert, TOP_UP_FAILURES, TOP_UP_NOT_PROCESSED } from "./codes.js";

/**
 * IAK prepaid, a separate API from the postpaid one (iak-api-reference-docs, docs/prepaid/core/v2):
 * `api/top-up`, `api/check-status`, `api/inquiry-pln`, `api/pricelist`, `api/check-balance`, all
 * POST JSON answered as `{data: {...}}`. A transaction answer carries `status` (0 in process,
 * 1 success, 2 failed) and `rc`. The first top-up answer is normally "in process"; the outcome
 * comes from check-status (or IAK's callback).
 */

const TransactionAnswer = z
  .object({
    ref_id: text.optional(),
    status: z
      .union([z.literal(["0", "1", "2"]), z.literal([0, 1, 2])])
      .transform(String)
      .optional(),
    rc: text,
    message: text.default(""),
    price: wholeNumber.optional(),
    sn: text.nullish(),
    pin: text.nullish(),
  })
  .loose();

type Answer = { ok: true; data: Record<string, unknown>; raw: string } | { ok: false; outcome: Outcome<never> };

/** The data object of a 2xx JSON answer, or why there is none. */
function answerOf(res: HttpResult): Answer {
  if (res.kind === "unknown") return { ok: false, outcome: unknown(res.reason) };
  if (res.status < 200 || res.status > 299) return { ok: false, outcome: unknown(`HTTP ${res.status}`, res.body) };
  const json = parseJson(res.body);
  if (json === undefined) return { ok: false, outcome: unknown("malformed JSON or an HTML page", res.body) };
  const data = (json as { data?: unknown }).data;
  if (typeof data !== "object" || data === null) return { ok: false, outcome: unknown("answer without a data object", res.body) };
  return { ok: true, data: data as Record<string, unknown>, raw: res.body };
}

/**
 * Status 2 is IAK's stated failure, final with a code its reference documents as one. With any
 * other code (the postpaid API's 103 "timeout", a code added since) it proves nothing: pending
 * until a status check answers. Request-level codes are the operator's to hear about.
 */
function readTransaction(a: Answer, bill: Bill): Outcome<Payment> {
  if (!a.ok) return a.outcome;
  const parsed = TransactionAnswer.safeParse(a.data);
  if (!parsed.success) return unknown(`answer does not match the documented shape (${describeIssues(parsed.error)})`, a.raw);
  const d = parsed.data;
  if (ABOUT_THE_REQUEST.has(d.rc)) return alert(d.rc, d.message, a.raw);
  if (d.ref_id !== undefined && d.ref_id !== bill.refs.refId) return unknown(`answer is for ref_id ${d.ref_id}, not ${bill.refs.refId}`, a.raw);
  switch (d.status) {
    case "0":
      return { kind: "pending", code: d.rc, message: d.message, raw: a.raw };
    case "1": {
      if (d.rc !== "00") return unknown(`status 1 (success) with rc ${d.rc}`, a.raw);
      const sn = d.sn ?? "";
      // Game vouchers come with a PIN next to the serial number.
      const result = snResult(bill.prepaid?.category, sn, d.pin ?? "");
      return { kind: "success", value: { sn, ...(d.price !== undefined && { cost: d.price }), details: [], ...result }, raw: a.raw };
    }
    case "2": {
      const f = Object.hasOwn(TOP_UP_FAILURES, d.rc) ? TOP_UP_FAILURES[d.rc] : undefined;
      if (!f) return unknown(`status 2 (failed) with rc ${d.rc}, which IAK does not document as a failure of a top-up`, a.raw);
      const notProcessed = TOP_UP_NOT_PROCESSED.has(d.rc) && { notProcessed: true as const };
      return {
        kind: "failed",
        code: d.rc,
        message: d.message || `IAK rc ${d.rc}`,
        blame: f.blame,
        ...(f.reason && { reason: f.reason }),
        ...notProcessed,
        raw: a.raw,
      };
    }
    default:
      return unknown(`answer without a transaction status (rc ${d.rc})`, a.raw);
  }
}

/** check-status's "06 TRANSACTION NOT FOUND" for this ref_id: IAK has no top-up under it (yet). */
function notFound(a: Answer, bill: Bill): boolean {
  if (!a.ok) return false;
  const d = TransactionAnswer.safeParse(a.data);
  return d.success && d.data.rc === "06" && (d.data.ref_id === undefined || d.data.ref_id === bill.refs.refId);
}

const PlnCheckAnswer = z.object({
  // Refusals of the request carry only rc and message.
  status: text.optional(),
  rc: text,
  message: text.default(""),
  customer_id: text.optional(),
  meter_no: text.optional(),
  subscriber_id: text.optional(),
  name: text.optional(),
  segment_power: text.optional(),
});

const PriceItem = z.object({
  product_code: text,
  product_description: text,
  product_nominal: text,
  product_details: text.default(""),
  product_price: wholeNumber,
  product_type: text,
  product_category: text.optional(),
  status: text,
});

const CATEGORIES: Record<string, PrepaidCategory> = { pulsa: "pulsa", data: "data", pln: "pln", etoll: "ewallet", game: "game", voucher: "voucher" };

export function readIakPrepaidPriceList(raw: string): Outcome<PrepaidProduct[]> {
  const json = parseJson(raw);
  if (json === undefined) return unknown("malformed JSON or an HTML page", raw);
  const data = (json as { data?: unknown }).data;
  // The reference shows `data` as the list; IAK's live answers wrap it in `data.pricelist`: both are read.
  const list = Array.isArray(data) ? data : (data as { pricelist?: unknown } | undefined)?.pricelist;
  if (!Array.isArray(list)) {
    const rc = z.object({ rc: text, message: text.default("") }).safeParse(data);
    if (rc.success && ABOUT_THE_REQUEST.has(rc.data.rc)) return alert(rc.data.rc, rc.data.message, raw);
    return unknown("price list answer without a list", raw);
  }
  const products: PrepaidProduct[] = [];
  for (const entry of list) {
    const it = PriceItem.safeParse(entry);
    if (!it.success) return unknown(`price list item does not match the documented shape (${describeIssues(it.error)})`, raw);
    const p = it.data;
    const category = CATEGORIES[p.product_type.trim().toLowerCase()] ?? "other";
    products.push({
      code: p.product_code,
      // A bare nominal ("25000") names nothing on its own in a menu: the brand goes first.
      name: /^\d+$/.test(p.product_nominal.trim())
        ? `${p.product_description.trim().toUpperCase()} ${formatNumber(Number(p.product_nominal))}`
        : p.product_nominal,
      category,
      brand: p.product_description.trim().toUpperCase(),
      type: p.product_category ?? "",
      cost: p.product_price,
      available: p.status.trim().toLowerCase() === "active",
      description: p.product_details === "-" ? "" : p.product_details,
      check: category === "pln",
      // game-format.md: Mobile Legend takes {userid}|{zoneid}.
      fields: category === "game" && /MOBILE LEGEND/i.test(p.product_description) ? ["zone_id"] : [],
    });
  }
  return { kind: "success", value: products, raw };
}

/** inquiry-pln's answer: the meter's owner as a prepaid quote dated by `now`. */
function readPlnCheck(a: Answer, req: InquiryRequest & { prepaid: PrepaidOrder }, now: () => Date): Outcome<Bill> {
  if (!a.ok) return a.outcome;
  const parsed = PlnCheckAnswer.safeParse(a.data);
  if (!parsed.success) return unknown(`PLN check answer does not match the documented shape (${describeIssues(parsed.error)})`, a.raw);
  const d = parsed.data;
  if (ABOUT_THE_REQUEST.has(d.rc)) return alert(d.rc, d.message, a.raw);
  if (d.status === "2" && Object.hasOwn(TOP_UP_FAILURES, d.rc)) {
    const f = TOP_UP_FAILURES[d.rc]!;
    return { kind: "failed", code: d.rc, message: d.message, blame: f.blame, ...(f.reason && { reason: f.reason }), raw: a.raw };
  }
  if (d.status !== "1" || d.rc !== "00" || d.name === undefined) return unknown(`PLN check answered status ${d.status}, rc ${d.rc}`, a.raw);
  if (d.customer_id !== undefined && d.customer_id !== req.customerNo) return unknown(`PLN check answered about ${d.customer_id}`, a.raw);
  const details = [
    ...(d.meter_no ? [{ key: "meter_no", value: d.meter_no }] : []),
    ...(d.subscriber_id ? [{ key: "subscriber_id", value: d.subscriber_id }] : []),
    ...(d.segment_power ? [{ key: "segment_power", value: d.segment_power }] : []),
  ];
  return { kind: "success", value: prepaidBill("iak", req, now(), { name: d.name, details }), raw: a.raw };
}

/** check-balance's answer: the deposit, or an alert when the request or account was refused. */
function readBalance(a: Answer): Outcome<number> {
  if (!a.ok) return a.outcome;
  const d = z.object({ balance: wholeNumber, rc: text, message: text.default("") }).safeParse(a.data);
  if (!d.success) {
    const rc = z.object({ rc: text, message: text.default("") }).safeParse(a.data);
    if (rc.success && ABOUT_THE_REQUEST.has(rc.data.rc)) return alert(rc.data.rc, rc.data.message, a.raw);
    return unknown(`balance answer does not match the documented shape (${describeIssues(d.error)})`, a.raw);
  }
  if (d.data.rc !== "00")
    return ABOUT_THE_REQUEST.has(d.data.rc) ? alert(d.data.rc, d.data.message, a.raw) : unknown(`balance answered rc ${d.data.rc}`, a.raw);
  return { kind: "success", value: d.data.balance, raw: a.raw };
}

export function createIakPrepaid(cfg: Config["iak"], opts: { fetch?: FetchLike; timeoutMs?: number; retryDelayMs?: number; now?: () => Date } = {}) {
  const { prepaid: call, sign } = createIakClient(cfg, opts);
  const retry = { delayMs: opts.retryDelayMs ?? 300 };
  const now = opts.now ?? (() => new Date());

  async function topUp(bill: Bill): Promise<Outcome<Payment>> {
    // game-format.md: the player's ids joined by "|" ({userid}|{zoneid}).
    const customerId = [bill.customerNo, ...(bill.fields ?? []).map((f) => f.value)].join("|");
    const body = { ref_id: bill.refs.refId, customer_id: customerId, product_code: bill.productCode, sign: sign(bill.refs.refId) };
    return readTransaction(answerOf(await call("top-up", body)), bill);
  }

  return {
    inquiry(req: InquiryRequest & { prepaid: PrepaidOrder }): Promise<Outcome<Bill>> {
      // Asked once, like a postpaid inquiry: Payments asks an answerless one again.
      if (req.prepaid.check && req.prepaid.category === "pln") {
        return call("inquiry-pln", { customer_id: req.customerNo, sign: sign(req.customerNo) }).then((res) => readPlnCheck(answerOf(res), req, now));
      }
      return Promise.resolve({ kind: "success", value: prepaidBill("iak", req, now()), raw: "" });
    },

    /** Sent once by the worker; status() sends it again only where IAK takes that as a status check. */
    pay: topUp,

    /**
     * Asked once: a check that gets no answer waits for the next scheduled one. "06 TRANSACTION NOT
     * FOUND" after a top-up whose answer was lost proves nothing by itself (the top-up may never
     * have arrived, or not be visible yet), but IAK documents that a top-up sent again with the same
     * ref_id is not processed again and is answered as a status check (top-up.md): so the top-up is
     * sent again, which settles it either way: read back if it arrived, made now if it never did.
     * Either way one top-up under this ref_id, paid once.
     */
    async status(bill: Bill): Promise<Outcome<Payment>> {
      const checked = answerOf(await call("check-status", { ref_id: bill.refs.refId, sign: sign(bill.refs.refId) }));
      return notFound(checked, bill) ? topUp(bill) : readTransaction(checked, bill);
    },

    priceList: (): Promise<Outcome<PrepaidProduct[]>> =>
      retryUnknown(async () => {
        const res = await call("pricelist", { sign: sign("pl"), status: "all" });
        if (res.kind === "unknown") return unknown(res.reason);
        if (res.status < 200 || res.status > 299) return unknown(`HTTP ${res.status}`, res.body);
        return readIakPrepaidPriceList(res.body);
      }, retry),

    balance: (): Promise<Outcome<number>> => retryUnknown(async () => readBalance(answerOf(await call("check-balance", { sign: sign("bl") }))), retry),
  };
}
