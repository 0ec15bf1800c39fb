import { z } from "zod";
import type { Bill, BillDetail, BillPeriod } from "../../billing/bill.js";
import { parseJson, unknown, wholeNumber } from "../common.js";
import type { InquiryRequest, Outcome } from "../provider.js";
import type { Wire } from "./client.js";
import { bodyOf } from "./errors.js";
import { tokopediaPrepaidBill } from "./prepaid.js";

/** Tokopedia's quote: the `POST /v2/inquiry` request and its answer read into a Bill (a prepaid one in prepaid.ts). */

/** Name/value lines, as `inquiry_result` and an order's `fulfillment_result` carry them. */
export const NameValueLines = z.array(z.object({ name: z.string(), value: z.string() })).nullish();

const InquiryAnswer = z.object({
  data: z.object({
    type: z.literal("inquiry"),
    attributes: z.object({
      admin_fee: wholeNumber,
      base_price: wholeNumber,
      sales_price: wholeNumber,
      client_name: z.string().nullish(),
      client_number: z.string(),
      inquiry_result: NameValueLines,
    }),
  }),
});
type InquiryAttributes = z.infer<typeof InquiryAnswer>["data"]["attributes"];

/** inquiry_result names that carry the billing period (month list, tax year, instalment number...). */
const PERIOD_NAMES = new Set(["bl/th", "periode", "periode tagihan", "periode bayar", "bulan", "tahun pajak", "tahun sppt", "masa pajak", "tagihan ke"]);
/** Some billers list each month as its own line: "Desember 2022" = "Rp6.000". */
const MONTH_LINE = /^(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember) \d{4}$/i;

function rupiahText(value: string): number | undefined {
  const m = /^Rp\s?(\d{1,3}(?:\.\d{3})*)$/.exec(value.trim());
  return m?.[1] === undefined ? undefined : Number(m[1].replaceAll(".", ""));
}

const period = (name: string, amount: number, other = 0): BillPeriod => ({ period: name, amount, penalty: 0, admin: 0, other });

/**
 * Periods as Tokopedia's lines show them. Month lines with their own amounts become one period
 * each (what they leave of base_price is put in the last one's `other`, so periods add up to
 * billAmount). Otherwise the first period line is one period as written ("MEI23, JUN23, JUL23,
 * AGU23" stays one entry: Tokopedia gives no per-month amounts to split by), carrying base_price.
 */
function periodsOf(details: BillDetail[], basePrice: number): BillPeriod[] {
  const months = details.filter((d) => MONTH_LINE.test(d.key.trim())).map((d) => ({ name: d.key.trim(), amount: rupiahText(d.value) }));
  const listed = months.reduce((sum, m) => sum + (m.amount ?? Number.NaN), 0);
  if (months.length > 0 && listed <= basePrice) {
    return months.map((m, i) => period(m.name, m.amount ?? 0, i === months.length - 1 ? basePrice - listed : 0));
  }
  const line = details.find((d) => PERIOD_NAMES.has(d.key.trim().toLowerCase()) && d.value.trim() !== "");
  return [period(line?.value.trim() ?? "", basePrice)];
}

/** The `fields` an inquiry sends (and its checkout must send again): PBB tax year, SAMSAT NIK, the product's own fields. */
function inquiryFields(req: InquiryRequest): { name: string; value: string }[] {
  return [
    ...(req.year ? [{ name: "period", value: req.year }] : []),
    ...(req.identityNo ? [{ name: "nik", value: req.identityNo }] : []),
    ...(req.fields ?? []),
  ];
}

function toBill(a: InquiryAttributes, req: InquiryRequest): Bill {
  const details = (a.inquiry_result ?? []).map((l) => ({ key: l.name, value: l.value }));
  const fields = inquiryFields(req);
  return {
    provider: "tokopedia",
    productCode: req.productCode,
    customerNo: a.client_number || req.customerNo,
    customerName: a.client_name ?? "",
    periods: periodsOf(details, a.base_price),
    details,
    billAmount: a.base_price,
    adminFee: a.admin_fee,
    cost: a.sales_price,
    ...(fields.length > 0 ? { fields } : {}),
    // Tokopedia orders by the partner's own unique id: our reference.
    refs: { refId: req.ref, orderId: req.ref },
  };
}

/** The inquiry request's body: the product, the customer number, the fields and an open amount. */
export function inquiryBody(req: InquiryRequest): string {
  const attributes: Record<string, unknown> = { product_code: req.productCode, client_number: req.customerNo };
  const fields = inquiryFields(req);
  if (fields.length > 0) attributes.fields = fields;
  if (req.amount !== undefined) attributes.amount = req.amount;
  return JSON.stringify({ data: { type: "inquiry", attributes } });
}

/** The inquiry's answer as the bill it quotes; `now` dates a prepaid quote. */
export function readTokopediaInquiry(wire: Wire, req: InquiryRequest, now: () => Date): Outcome<Bill> {
  const b = bodyOf(wire);
  if ("outcome" in b) return b.outcome;
  const parsed = InquiryAnswer.safeParse(parseJson(b.body));
  if (!parsed.success) return unknown("Tokopedia's inquiry answer does not match the documented shape", b.body);
  const a = parsed.data.data.attributes;
  const bill = req.prepaid ? tokopediaPrepaidBill({ ...req, prepaid: req.prepaid }, now(), a) : toBill(a, req);
  return { kind: "success", value: bill, raw: b.body };
}
