import { z } from "zod";
import type { Bill, BillDetail, BillPeriod } from "../../billing/bill.js";
import type { PriceListItem } from "../../billing/price-list.js";
import { describeIssues, parseJson, text, unknown, wholeNumber } from "../common.js";
import type { InquiryRequest, Outcome, Payment } from "../provider.js";
import { DIGIFLAZZ_DIALECTS, type DigiflazzDialect } from "./client.js";
import { readCoded, type Data, type Read } from "./envelope.js";
import { itemIdentity, PriceItemIdentity } from "./price-item.js";

/** Digiflazz's postpaid answers (inq-pasca, pay-pasca, status-pasca, callbacks, price list, deposit) read into the shared model. */

const Detail = z
  .object({
    periode: text,
    nilai_tagihan: wholeNumber.optional(),
    denda: wholeNumber.optional(),
    admin: wholeNumber.optional(),
    biaya_lain: wholeNumber.optional(),
    meter_awal: text.optional(),
    meter_akhir: text.optional(),
    no_ref: text.optional(),
  })
  .loose();
const Desc = z.object({ detail: z.array(Detail).optional() }).catchall(z.unknown());

/** The fields every successful transaction answer carries (inquiry, pay, status, callback). */
const SuccessData = z
  .object({
    customer_no: z.string(),
    sn: z.string().nullish(),
    admin: wholeNumber,
    price: wholeNumber,
    selling_price: wholeNumber,
    desc: Desc.optional(),
  })
  .loose();

interface Transaction {
  customerNo: string;
  customerName: string;
  sn: string;
  admin: number;
  price: number;
  sellingPrice: number;
  periods: BillPeriod[];
  details: BillDetail[];
}

function stringify(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** A successful transaction answer in `dialect`; the dialect's name and product keys must be there. */
function readTransaction(dialect: DigiflazzDialect, data: Data): Read<Transaction> {
  const keys = DIGIFLAZZ_DIALECTS[dialect];
  const parsed = SuccessData.safeParse(data);
  if (!parsed.success) return { ok: false, reason: `answer does not match the documented shape (${describeIssues(parsed.error)})` };
  const name = data[keys.nameKey];
  if (typeof name !== "string" || typeof data[keys.productKey] !== "string") {
    return { ok: false, reason: `answer lacks ${keys.nameKey}/${keys.productKey} of the ${dialect} dialect` };
  }
  const d = parsed.data;
  const { detail = [], ...rest } = d.desc ?? {};
  return {
    ok: true,
    value: {
      customerNo: d.customer_no,
      customerName: name,
      sn: d.sn ?? "",
      admin: d.admin,
      price: d.price,
      sellingPrice: d.selling_price,
      periods: detail.map((p) => ({
        period: p.periode,
        amount: p.nilai_tagihan ?? 0,
        penalty: p.denda ?? 0,
        admin: p.admin ?? 0,
        other: p.biaya_lain ?? 0,
        ...(p.meter_awal !== undefined ? { meterStart: p.meter_awal } : {}),
        ...(p.meter_akhir !== undefined ? { meterEnd: p.meter_akhir } : {}),
        ...(p.no_ref !== undefined ? { ref: p.no_ref } : {}),
      })),
      details: Object.entries(rest).map(([key, value]) => ({ key, value: stringify(value) })),
    },
  };
}

function toPayment(t: Transaction): Payment {
  return { sn: t.sn, cost: t.price, details: t.details };
}

/**
 * An inq-pasca answer as the bill it quotes. `customerNo` is the one sent (SAMSAT's
 * "kodeBayar,nomorIdentitas"): the bill keeps it so pay sends the same.
 */
export function readDigiflazzBill(raw: string, dialect: DigiflazzDialect, req: InquiryRequest, customerNo: string): Outcome<Bill> {
  return readCoded<Bill>(raw, "inquiry", req.ref, (data) => {
    const t = readTransaction(dialect, data);
    if (!t.ok) return t;
    const v = t.value;
    if (v.sellingPrice < v.admin) return { ok: false, reason: "selling_price is below admin" };
    return {
      ok: true,
      value: {
        provider: "digiflazz",
        productCode: req.productCode,
        customerNo,
        customerName: v.customerName,
        periods: v.periods,
        details: v.details,
        billAmount: v.sellingPrice - v.admin,
        adminFee: v.admin,
        cost: v.price,
        refs: { refId: req.ref },
      },
    };
  });
}

/**
 * Reads a pay / status answer or a webhook body (same `{data}` shape) into a Payment outcome.
 * `expectedRef` guards against an answer about another transaction.
 */
export function readDigiflazzPayment(raw: string, dialect: DigiflazzDialect, step: "pay" | "status", expectedRef?: string): Outcome<Payment> {
  return readCoded(raw, step, expectedRef, (data) => {
    const t = readTransaction(dialect, data);
    return t.ok ? { ok: true, value: toPayment(t.value) } : t;
  });
}

const PriceItem = PriceItemIdentity.extend({
  admin: wholeNumber.optional(),
  commission: wholeNumber.optional(),
  price: wholeNumber.optional(),
}).loose();

export function readDigiflazzPriceList(raw: string, dialect: DigiflazzDialect): Outcome<PriceListItem[]> {
  const json = parseJson(raw);
  if (json === undefined) return unknown("malformed JSON", raw);
  const list = z.object({ data: z.array(PriceItem) }).safeParse(json);
  // An error comes as an object with rc instead of the array.
  if (!list.success) return readCoded(raw, "lookup", undefined, () => ({ ok: false, reason: "price list answer without a list" }));
  const items: PriceListItem[] = [];
  for (const it of list.data.data) {
    const identity = itemIdentity(it, dialect);
    if (!identity) return unknown("price list item without code or name", raw);
    const { code, name, enabled: active } = identity;
    const price = it.admin ?? it.price;
    items.push({ code, name, ...(price !== undefined ? { price } : {}), ...(it.commission !== undefined && { commission: it.commission }), active });
  }
  return { kind: "success", value: items, raw };
}

export function readDigiflazzBalance(raw: string): Outcome<number> {
  const json = parseJson(raw);
  if (json === undefined) return unknown("malformed JSON", raw);
  const ok = z.object({ data: z.object({ deposit: wholeNumber }).loose() }).safeParse(json);
  if (ok.success) return { kind: "success", value: ok.data.data.deposit, raw };
  return readCoded(raw, "lookup", undefined, () => ({ ok: false, reason: "balance answer without a whole-rupiah deposit" }));
}
