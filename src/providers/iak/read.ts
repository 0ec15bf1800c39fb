import { z } from "zod";
import type { Bill, BillDetail, BillPeriod } from "../../billing/bill.js";
import type { PriceListItem } from "../../billing/price-list.js";
import { describeIssues, text, unknown, wholeNumber } from "../common.js";
import type { HttpResult } from "../http.js";
import type { InquiryRequest, Outcome, Payment } from "../provider.js";
import { aboutRequest, blameOf, failure, notSuccess, PENDING_CODES } from "./codes.js";
import { asList, isRecord, payloadOf } from "./payload.js";

/**
 * IAK's postpaid answers read into the shared model. Naming trap: IAK's `price` is what the
 * customer owes (nominal + admin) and `selling_price` is what is taken from our deposit, the
 * opposite of Digiflazz where `price` is the cost.
 */

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
  pasca: z
    .unknown()
    .transform(asList)
    .pipe(z.array(z.object({ code: text, name: text, status: text, fee: optionalRupiah, komisi: optionalRupiah }))),
});

const BalanceAnswer = z.object({ balance: rupiah });

/** Flattens `desc` into name/value lines in IAK's order: `tagihan.detail.1.periode`. */
function flatten(value: unknown, key: string, out: BillDetail[]): BillDetail[] {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${key}.${i + 1}`, out));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) flatten(v, key ? `${key}.${k}` : k, out);
  else out.push({ key, value: value === null || value === undefined ? "" : String(value) });
  return out;
}

/** Per-period split when `desc` carries a detail array; otherwise the single period IAK states. */
function periodsOf(desc: Record<string, unknown>, period: string, nominal: number, admin: number): BillPeriod[] | z.ZodError {
  const holder = [desc.tagihan, desc.bill].find((h) => isRecord(h) && h.detail !== undefined) as Record<string, unknown> | undefined;
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

/** Payment details shared by pay and status answers; a reason string when the answer is about another bill. */
function payment(a: z.infer<typeof PaymentAnswer>, bill: Bill): Payment | string {
  if (a.tr_id !== undefined && a.tr_id !== bill.refs.trId) return `answer is for tr_id ${a.tr_id}, not ${bill.refs.trId}`;
  if (a.ref_id !== undefined && a.ref_id !== bill.refs.refId) return `answer is for ref_id ${a.ref_id}, not ${bill.refs.refId}`;
  return { sn: a.noref || a.no_ref || "", cost: a.selling_price, details: flatten(a.desc, "", []) };
}

/** An inq-pasca answer as the bill it quotes. */
export function readIakBill(res: HttpResult, req: InquiryRequest): Outcome<Bill> {
  const r = payloadOf(res);
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
 * A pay-pasca answer. Only "00" is final here. Every other answer, even a documented failure
 * code, is `pending` (or `unknown` when undocumented, or with an operator alert when it is about
 * the request: signature, IP...): IAK asks to confirm any payment that did not answer 00 with
 * checkstatus before refunding, and a code such as 103 (timeout) or 01 (already paid) at this
 * stage may mean the money did move. The status check confirms a failure: status 2, or status 0
 * with rc 42 (never received).
 */
export function readIakPayment(res: HttpResult, bill: Bill): Outcome<Payment> {
  const r = payloadOf(res);
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
}

/**
 * A checkstatus answer. Only a transaction status speaks about the payment (1 success, 2 failed,
 * 0 with rc 42 never received, 3 in process); an answer without one is about the check itself and
 * leaves the payment pending.
 */
export function readIakStatus(res: HttpResult, bill: Bill): Outcome<Payment> {
  const r = payloadOf(res);
  if (!r.ok) return r.outcome;
  const env = Envelope.safeParse(r.payload);
  if (!env.success) return unknown(`answer does not match the documented shape: ${describeIssues(env.error)}`, r.raw);
  const { response_code: code, message } = env.data;
  if (r.payload.status === undefined)
    return aboutRequest(`status check answered ${code}${message ? ` (${message})` : ""} without a status`, code, message, r.raw);
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

/** Not in the documents we hold (likely, from IAK's prepaid API): anything unexpected is unknown. */
export function readIakBalance(res: HttpResult): Outcome<number> {
  const r = payloadOf(res);
  if (!r.ok) return r.outcome;
  const code = r.payload.response_code ?? r.payload.rc;
  if (code !== undefined && code !== "00") return unknown(`balance answered ${String(code)}`, r.raw);
  const a = BalanceAnswer.safeParse(r.payload);
  if (!a.success) return unknown(`balance answer does not match the expected shape: ${describeIssues(a.error)}`, r.raw);
  return { kind: "success", value: a.data.balance, raw: r.raw };
}

export function readIakPriceList(res: HttpResult): Outcome<PriceListItem[]> {
  const r = payloadOf(res);
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
}
