import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import type { Bill, BillDetail, BillPeriod } from "../../billing/bill.js";
import type { Config } from "../../config.js";
import { describeIssues, md5Signer, parseJson, text, unknown, wholeNumber, type Unknown } from "../common.js";
import { retryUnknown, send, type FetchLike, type HttpResult } from "../http.js";
import { createIakPrepaid } from "./prepaid.js";
import type { Blame, FailureReason, InquiryRequest, Outcome, Payment, Provider } from "../provider.js";
import type { PriceListItem } from "../../billing/price-list.js";

/**
 * IAK (mobilepulsa) postpaid: every call is a POST of JSON to `api/v1/bill/check`, told apart by
 * `commands`. Answers come as JSON `{data: {...}, meta: []}` or as XML with root `<mp>` (seed 004).
 * Naming trap: IAK's `price` is what the customer owes (nominal + admin) and `selling_price` is what
 * is taken from our deposit, the opposite of Digiflazz where `price` is the cost.
 */

const PATH = "/api/v1/bill/check";

/** IAK product codes whose inquiry takes `month` (BPJS Kesehatan). */
const MONTHLY_CODES = new Set(["BPJS"]);

/** Response codes IAK documents as "still in process". */
const PENDING_CODES = new Set(["05", "39", "201"]);

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
const blameOf = (code: string): Blame | undefined => (Object.hasOwn(FAILURES, code) ? FAILURES[code] : undefined);

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
function failure<T>(code: string, message: string, blame: Blame, raw: string): Outcome<T> {
  const reason = Object.hasOwn(REASONS, code) ? REASONS[code] : undefined;
  return { kind: "failed", code, message: message || `IAK response code ${code}`, blame, ...(reason && { reason }), raw };
}

// --- reading answers -------------------------------------------------------------------------

/** Whole rupiah; IAK's strings may also carry zero decimals and padding ("50000.00", " 50000 "). */
const rupiah = z.preprocess((v) => (typeof v === "string" ? v.trim().replace(/\.0+$/, "") : v), wholeNumber);
/** Per-period figures may be left empty ("" in XML); empty means absent, anything else must be an amount. */
const optionalRupiah = z
  .union([z.literal(""), z.null(), rupiah])
  .optional()
  .transform((v) => (typeof v === "number" ? v : undefined));
/** `desc` is an object; an empty XML element reads as "" and an empty PHP array as []. */
const descSchema = z
  .union([z.record(z.string(), z.unknown()), z.literal(""), z.array(z.never()).length(0), z.null()])
  .optional()
  .transform((v) => (v && !Array.isArray(v) ? v : {}));

const Envelope = z.object({ response_code: z.string(), message: text.default("") });

const BillAnswer = z.object({
  tr_id: text.pipe(z.string().min(1)),
  tr_name: text,
  period: text,
  nominal: rupiah,
  admin: rupiah,
  selling_price: rupiah,
  ref_id: text.optional(),
  desc: descSchema,
});

const PaymentAnswer = z.object({
  tr_id: text.optional(),
  ref_id: text.optional(),
  // The biller's reference: JSON `noref`; XML pay answers write `<no_ref>` (IAK's reference, pln/payment.md).
  noref: text.nullish(),
  no_ref: text.nullish(),
  selling_price: rupiah,
  desc: descSchema,
});

const StatusAnswer = PaymentAnswer.extend({ status: z.union([z.literal(["0", "1", "2", "3"]), z.literal([0, 1, 2, 3])]).transform(String) });

/** The two detail-array shapes IAK uses: PLN/telco `tagihan.detail`, PDAM `bill.detail`. */
const DetailRow = z.object({
  periode: text.optional(),
  period: text.optional(),
  nilai_tagihan: optionalRupiah,
  bill_amount: optionalRupiah,
  admin: optionalRupiah,
  denda: optionalRupiah,
  penalty: optionalRupiah,
  misc_amount: optionalRupiah,
  first_meter: text.optional(),
  last_meter: text.optional(),
});

const PriceListAnswer = z.object({
  pasca: z.unknown().transform(asList).pipe(
    z.array(z.object({ code: text, name: text, status: text, fee: optionalRupiah, komisi: optionalRupiah })),
  ),
});

const BalanceAnswer = z.object({ balance: rupiah });

const xml = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  // Keep "00" as "00" and "0901" as "0901": zod and toRupiah decide what is a number.
  parseTagValue: false,
  // A one-element list in XML is not an array; these are lists whatever their length.
  isArray: (name) => name === "detail" || name === "pasca",
});

type Read = { ok: true; payload: Record<string, unknown>; raw: string } | { ok: false; outcome: Unknown };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function asList(v: unknown): unknown[] {
  if (v === undefined || v === null || v === "") return [];
  return Array.isArray(v) ? v : [v];
}

/** HTTP result -> the answer's field object (`data` in JSON, the `<mp>` children in XML). */
function read(res: HttpResult): Read {
  if (res.kind === "unknown") return { ok: false, outcome: unknown(res.reason) };
  const raw = res.body;
  // IAK documents no rate limit of its own; a 429 (from a gateway in front of it) slows the worker
  // down, but nothing says a pay-pasca re-sent with the same tr_id is refused, so it is not re-sent.
  if (res.status === 429) return { ok: false, outcome: { ...unknown("HTTP 429 (too many requests)", raw), rateLimit: { unprocessed: false } } };
  if (res.status < 200 || res.status > 299) return { ok: false, outcome: unknown(`HTTP ${res.status}`, raw) };
  const body = raw.trim();
  let payload: unknown;
  if (body.startsWith("<")) {
    if (XMLValidator.validate(body) !== true) return { ok: false, outcome: unknown("malformed XML or an HTML page", raw) };
    const mp: unknown = xml.parse(body).mp;
    if (!isRecord(mp)) return { ok: false, outcome: unknown("XML without an <mp> root (an HTML page?)", raw) };
    // Transaction answers put their fields straight under <mp>; the price list wraps them in <data>.
    payload = isRecord(mp.data) ? mp.data : mp;
  } else {
    const json = parseJson(body);
    if (json === undefined) return { ok: false, outcome: unknown("malformed JSON", raw) };
    payload = isRecord(json) ? json.data : undefined;
  }
  if (!isRecord(payload)) return { ok: false, outcome: unknown("answer without a data object", raw) };
  return { ok: true, payload, raw };
}

/** Flattens `desc` into name/value lines in IAK's order: `tagihan.detail.1.periode`. */
function flatten(value: unknown, key: string, out: BillDetail[]): BillDetail[] {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${key}.${i + 1}`, out));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) flatten(v, key ? `${key}.${k}` : k, out);
  else out.push({ key, value: value === null || value === undefined ? "" : String(value) });
  return out;
}

/** Per-period split when `desc` carries a detail array; otherwise the single period IAK states. */
function periodsOf(
  desc: Record<string, unknown>,
  period: string,
  nominal: number,
  admin: number,
): BillPeriod[] | z.ZodError {
  const holder = [desc.tagihan, desc.bill].find((h) => isRecord(h) && h.detail !== undefined) as
    | Record<string, unknown>
    | undefined;
  if (!holder) return [{ period, amount: nominal, penalty: 0, admin, other: 0 }];
  const rows = z.array(DetailRow).min(1).safeParse(asList(holder.detail));
  if (!rows.success) return rows.error;
  return rows.data.map((r) => ({
    period: r.periode ?? r.period ?? "",
    amount: r.nilai_tagihan ?? r.bill_amount ?? 0,
    penalty: r.denda ?? r.penalty ?? 0,
    admin: r.admin ?? 0,
    other: r.misc_amount ?? 0,
    ...(r.first_meter !== undefined && { meterStart: r.first_meter }),
    ...(r.last_meter !== undefined && { meterEnd: r.last_meter }),
  }));
}

/**
 * An answer about the request itself (signature, IP, credentials, format...), not the payment:
 * unknown, so the payment stays pending; the operator is told when only they can fix it.
 */
function aboutRequest(reason: string, code: string, message: string, raw: string): Unknown {
  return blameOf(code) === "operator" ? { ...unknown(reason, raw), alert: { code, message: message || `IAK response code ${code}` } } : unknown(reason, raw);
}

/** A non-success code on inquiry (and price list): pending, a documented failure, or unknown. */
function notSuccess<T>(code: string, message: string, raw: string): Outcome<T> {
  if (PENDING_CODES.has(code)) return { kind: "pending", code, message, raw };
  const blame = blameOf(code);
  if (blame) return failure(code, message, blame, raw);
  return unknown(`undocumented response code ${code}${message ? ` (${message})` : ""}`, raw);
}

// --- the adapter -----------------------------------------------------------------------------

export function createIakProvider(
  cfg: Config["iak"],
  opts: { fetch?: FetchLike; timeoutMs?: number; retryDelayMs?: number; now?: () => Date } = {},
): Provider {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const retry = { delayMs: opts.retryDelayMs ?? 300 };
  const sign = md5Signer(cfg.username, cfg.apiKey);
  const prepaid = createIakPrepaid(cfg, opts);

  async function call(commands: string, fields: Record<string, string>, signWith: string): Promise<Read> {
    const res = await send(
      {
        method: "POST",
        url: `${cfg.baseUrl}${PATH}`,
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ commands, username: cfg.username, ...fields, sign: sign(signWith) }),
        timeoutMs,
      },
      opts.fetch,
    );
    return read(res);
  }

  /** Payment details shared by pay and status answers; a reason string when the answer is about another bill. */
  function payment(a: z.infer<typeof PaymentAnswer>, bill: Bill): Payment | string {
    if (a.tr_id !== undefined && a.tr_id !== bill.refs.trId) return `answer is for tr_id ${a.tr_id}, not ${bill.refs.trId}`;
    if (a.ref_id !== undefined && a.ref_id !== bill.refs.refId) return `answer is for ref_id ${a.ref_id}, not ${bill.refs.refId}`;
    return { sn: a.noref || a.no_ref || "", cost: a.selling_price, details: flatten(a.desc, "", []) };
  }

  async function inquiry(req: InquiryRequest): Promise<Outcome<Bill>> {
    const extras: Record<string, string> = {};
    if (req.identityNo !== undefined) extras.nomor_identitas = req.identityNo;
    if (req.year !== undefined) extras.year = req.year;
    // IAK's BPJS Kesehatan inquiry requires `month`, the number of months to pay (bpjs-kesehatan/inquiry.md).
    if (MONTHLY_CODES.has(req.productCode)) extras.month = String(req.months ?? 1);
    const r = await call("inq-pasca", { code: req.productCode, hp: req.customerNo, ref_id: req.ref, ...extras }, req.ref);
    if (!r.ok) return r.outcome;
    const env = Envelope.safeParse(r.payload);
    if (!env.success) return unknown(`answer does not match the documented shape: ${describeIssues(env.error)}`, r.raw);
    if (env.data.response_code !== "00") return notSuccess(env.data.response_code, env.data.message, r.raw);
    const a = BillAnswer.safeParse(r.payload);
    if (!a.success) return unknown(`inquiry answer does not match the documented shape: ${describeIssues(a.error)}`, r.raw);
    const d = a.data;
    if (d.ref_id !== undefined && d.ref_id !== req.ref) return unknown(`answer is for ref_id ${d.ref_id}, not ${req.ref}`, r.raw);
    const periods = periodsOf(d.desc, d.period, d.nominal, d.admin);
    if (periods instanceof z.ZodError) return unknown(`bill detail does not match the documented shape: ${describeIssues(periods)}`, r.raw);
    const bill: Bill = {
      provider: "iak",
      productCode: req.productCode,
      customerNo: req.customerNo,
      customerName: d.tr_name,
      periods,
      details: flatten(d.desc, "", []),
      billAmount: d.nominal,
      adminFee: d.admin,
      cost: d.selling_price,
      refs: { refId: req.ref, trId: d.tr_id },
    };
    return { kind: "success", value: bill, raw: r.raw };
  }

  /**
   * Asked once: a check that gets no answer waits for the next scheduled one. Only a transaction
   * status speaks about the payment (1 success, 2 failed, 0 with rc 42 never received, 3 in
   * process); an answer without one is about the check itself and leaves the payment pending.
   */
  async function status(bill: Bill): Promise<Outcome<Payment>> {
    const r = await call("checkstatus", { ref_id: bill.refs.refId }, "cs");
    if (!r.ok) return r.outcome;
    const env = Envelope.safeParse(r.payload);
    if (!env.success) return unknown(`answer does not match the documented shape: ${describeIssues(env.error)}`, r.raw);
    const { response_code: code, message } = env.data;
    if (r.payload.status === undefined) return aboutRequest(`status check answered ${code}${message ? ` (${message})` : ""} without a status`, code, message, r.raw);
    const a = StatusAnswer.safeParse(r.payload);
    if (!a.success) return unknown(`status answer does not match the documented shape: ${describeIssues(a.error)}`, r.raw);
    const p = payment(a.data, bill);
    if (typeof p === "string") return unknown(p, r.raw);
    switch (a.data.status) {
      case "1":
        return code === "00" ? { kind: "success", value: p, raw: r.raw } : unknown(`status 1 (success) with response code ${code}`, r.raw);
      case "2": {
        if (code === "00" || PENDING_CODES.has(code)) return unknown(`status 2 (failed) with response code ${code}`, r.raw);
        // Status 2 is IAK's explicit "payment failed": final even when the code is not in our table.
        return failure(code, message, blameOf(code) ?? "provider", r.raw);
      }
      case "3":
        return { kind: "pending", code, message, raw: r.raw };
      default:
        // Status 0 with rc 42: IAK never received a payment request for this ref, so nothing was
        // paid (check-status.md, "Payment Request Haven't Been Received"; flow.md lists 42 as Failed).
        if (code === "42") return failure(code, message, "provider", r.raw);
        return unknown(`status 0 (payment request not received) with response code ${code}`, r.raw);
    }
  }

  return {
    name: "iak",

    // Asked once: an answerless inquiry is asked again under a fresh ref_id by Payments, since IAK
    // answers a reused one with rc 11 when the first attempt got through.
    inquiry: (req) => (req.prepaid ? prepaid.inquiry({ ...req, prepaid: req.prepaid }) : inquiry(req)),

    /**
     * Sent once, never retried. Only "00" is final here. Every other answer, even a documented
     * failure code, is `pending` (or `unknown` when undocumented, or with an operator alert when it
     * is about the request: signature, IP...): IAK asks to confirm any payment that did not answer
     * 00 with checkstatus before refunding, and a code such as 103 (timeout) or 01 (already paid)
     * at this stage may mean the money did move. The status check confirms a failure: status 2, or
     * status 0 with rc 42 (never received).
     */
    async pay(bill) {
      if (bill.prepaid) return prepaid.pay(bill);
      const trId = bill.refs.trId;
      if (!trId) return unknown("bill has no IAK tr_id; pay only a bill from an IAK inquiry");
      const r = await call("pay-pasca", { tr_id: trId }, trId);
      if (!r.ok) return r.outcome;
      const env = Envelope.safeParse(r.payload);
      if (!env.success) return unknown(`answer does not match the documented shape: ${describeIssues(env.error)}`, r.raw);
      const { response_code: code, message } = env.data;
      if (code !== "00") {
        if (blameOf(code) === "operator") return aboutRequest(`payment answered ${code}${message ? ` (${message})` : ""}`, code, message, r.raw);
        if (PENDING_CODES.has(code) || blameOf(code)) return { kind: "pending", code, message, raw: r.raw };
        return unknown(`undocumented response code ${code}${message ? ` (${message})` : ""}`, r.raw);
      }
      const a = PaymentAnswer.safeParse(r.payload);
      if (!a.success) return unknown(`payment answer does not match the documented shape: ${describeIssues(a.error)}`, r.raw);
      const p = payment(a.data, bill);
      return typeof p === "string" ? unknown(p, r.raw) : { kind: "success", value: p, raw: r.raw };
    },

    status: (bill) => (bill.prepaid ? prepaid.status(bill) : status(bill)),

    prepaidPriceList: () => prepaid.priceList(),

    /** Not in the documents we hold (likely, from IAK's prepaid API): anything unexpected is unknown. */
    balance: () =>
      retryUnknown(async (): Promise<Outcome<number>> => {
        const r = await call("balance", {}, "bl");
        if (!r.ok) return r.outcome;
        const code = r.payload.response_code ?? r.payload.rc;
        if (code !== undefined && code !== "00") return unknown(`balance answered ${String(code)}`, r.raw);
        const a = BalanceAnswer.safeParse(r.payload);
        if (!a.success) return unknown(`balance answer does not match the expected shape: ${describeIssues(a.error)}`, r.raw);
        return { kind: "success", value: a.data.balance, raw: r.raw };
      }, retry),

    priceList: () =>
      retryUnknown(async (): Promise<Outcome<PriceListItem[]>> => {
        const r = await call("pricelist-pasca", { status: "all" }, "pl");
        if (!r.ok) return r.outcome;
        if (r.payload.pasca === undefined) {
          const env = Envelope.safeParse(r.payload);
          if (!env.success) return unknown(`price list without products: ${describeIssues(env.error)}`, r.raw);
          return notSuccess(env.data.response_code, env.data.message, r.raw);
        }
        const a = PriceListAnswer.safeParse(r.payload);
        if (!a.success) return unknown(`price list does not match the documented shape: ${describeIssues(a.error)}`, r.raw);
        const items = a.data.pasca.map((p) => ({
          code: p.code,
          name: p.name,
          ...(p.fee !== undefined && { price: p.fee }),
          ...(p.komisi !== undefined && { commission: p.komisi }),
          active: p.status === "1",
        }));
        return { kind: "success", value: items, raw: r.raw };
      }, retry),
  };
}
