import { z } from "zod";
import type { Bill, PrepaidCategory } from "../../billing/bill.js";
import type { Config } from "../../config.js";
import { describeIssues, parseJson, unknown, wholeNumber } from "../common.js";
import { retryUnknown } from "../http.js";
import { fieldValue, prepaidBill, snResult } from "../prepaid.js";
import type { InquiryRequest, Outcome, Payment, PrepaidOrder } from "../provider.js";
import { DIGIFLAZZ_DIALECTS, type DigiflazzDialect, type Post } from "./client.js";
import { readCoded } from "./envelope.js";
import { itemIdentity, PriceItemIdentity } from "./price-item.js";
import type { PrepaidProduct } from "../../billing/price-list.js";

/**
 * Digiflazz prepaid (pulsa, data, PLN token, e-money, games, vouchers), both dialects: the
 * top-up is `transaction` without a command and with `max_price`; its status is the same request
 * sent again with the same ref_id; PLN meters are checked with `inquiry-pln`.
 */

export interface DigiflazzPrepaidDeps {
  cfg: Config["digiflazz"];
  post: Post;
  sign: (x: string) => string;
  now: () => Date;
  retryDelayMs?: number;
}

/** Digiflazz takes a resent ref_id as a status check for 90 days, then as a new top-up. A day short of it, for clock skew. */
export const RESEND_LIMIT_MS = 89 * 24 * 60 * 60 * 1000;

/** inquiry-pln is not in the seeds; the white-label path is assumed to mirror the canonical one, like cek-saldo. */
const PLN_CHECK_PATH = { canonical: "/v1/inquiry-pln", whitelabel: "/v1/user/api/inquiry-pln" } as const;

/** Mobile Legends and similar games take user id and zone id joined as one customer_no. */
const wireCustomerNo = (bill: Bill) => bill.customerNo + fieldValue(bill, "zone_id");

const TopUpAnswer = z.object({ customer_no: z.string(), sn: z.string().nullish(), price: wholeNumber }).loose();

/**
 * A top-up answer reads by the same code table as a postpaid pay or status answer (readCoded,
 * codes.ts): on the first send every documented failure is final (rc 85 included: it
 * made a failed transaction under this ref_id), except 49; on a resend (the status check) only a
 * failure of a transaction under this ref_id settles it.
 */
function readTopUp(raw: string, bill: Bill, step: "pay" | "status"): Outcome<Payment> {
  return readCoded(raw, step, bill.refs.refId, (data) => {
    const a = TopUpAnswer.safeParse(data);
    if (!a.success) return { ok: false, reason: `answer does not match the documented shape (${describeIssues(a.error)})` };
    const sn = a.data.sn ?? "";
    return { ok: true, value: { sn, cost: a.data.price, details: [], ...snResult(bill.prepaid?.category, sn) } };
  });
}

const PlnCheckAnswer = z.object({
  data: z
    .object({
      customer_no: z.string(),
      meter_no: z.string().optional(),
      subscriber_id: z.string().optional(),
      name: z.string(),
      segment_power: z.string().optional(),
    })
    .loose(),
});

function readPlnCheck(raw: string, req: InquiryRequest & { prepaid: PrepaidOrder }, now: Date): Outcome<Bill> {
  const json = parseJson(raw);
  if (json === undefined) return unknown("malformed JSON", raw);
  // A refusal (wrong meter, limits) comes as the usual {data: {rc, status}}.
  const rc = z.object({ data: z.object({ rc: z.string() }).loose() }).safeParse(json);
  if (rc.success && rc.data.data.rc !== "00") {
    return readCoded(raw, "inquiry", undefined, () => ({ ok: false, reason: "PLN check answer without a customer" }));
  }
  const ok = PlnCheckAnswer.safeParse(json);
  if (!ok.success) return unknown(`PLN check answer does not match the expected shape (${describeIssues(ok.error)})`, raw);
  const d = ok.data.data;
  if (d.customer_no !== req.customerNo) return unknown(`PLN check answered about ${d.customer_no}, not ${req.customerNo}`, raw);
  const details = [
    ...(d.meter_no ? [{ key: "meter_no", value: d.meter_no }] : []),
    ...(d.subscriber_id ? [{ key: "subscriber_id", value: d.subscriber_id }] : []),
    ...(d.segment_power ? [{ key: "segment_power", value: d.segment_power }] : []),
  ];
  return { kind: "success", value: prepaidBill("digiflazz", req, now, { name: d.name, details }), raw };
}

const CATEGORIES: Record<string, PrepaidCategory> = {
  pulsa: "pulsa",
  data: "data",
  pln: "pln",
  "e-money": "ewallet",
  games: "game",
  voucher: "voucher",
};

/** "0:0", "23:45", "00:00" -> "HH:MM"; undefined when not a time. */
function clock(text: string | undefined): string | undefined {
  const m = /^(\d{1,2}):(\d{1,2})$/.exec(text?.trim() ?? "");
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}` : undefined;
}

const PriceItem = PriceItemIdentity.extend({
  category: z.string(),
  brand: z.string(),
  type: z.string().optional(),
  price: wholeNumber,
  unlimited_stock: z.boolean().optional(),
  stock: wholeNumber.optional(),
  start_cut_off: z.string().optional(),
  end_cut_off: z.string().optional(),
  desc: z.string().optional(),
}).loose();

export function readDigiflazzPrepaidPriceList(raw: string, dialect: DigiflazzDialect): Outcome<PrepaidProduct[]> {
  const json = parseJson(raw);
  if (json === undefined) return unknown("malformed JSON", raw);
  const list = z.object({ data: z.array(z.unknown()) }).safeParse(json);
  if (!list.success) return readCoded(raw, "lookup", undefined, () => ({ ok: false, reason: "price list answer without a list" }));
  const products: PrepaidProduct[] = [];
  for (const entry of list.data.data) {
    const it = PriceItem.safeParse(entry);
    if (!it.success) return unknown(`price list item does not match the documented shape (${describeIssues(it.error)})`, raw);
    const p = it.data;
    const identity = itemIdentity(p, dialect);
    if (!identity) return unknown("price list item without code or name", raw);
    const { code, name, enabled } = identity;
    const limited = p.unlimited_stock === false;
    const [start, end] = [clock(p.start_cut_off), clock(p.end_cut_off)];
    const category = CATEGORIES[p.category.trim().toLowerCase()] ?? "other";
    products.push({
      code,
      name,
      category,
      brand: p.brand.trim().toUpperCase(),
      type: p.type ?? "",
      cost: p.price,
      available: enabled && (!limited || (p.stock ?? 0) > 0),
      ...(limited && p.stock !== undefined && { stock: p.stock }),
      // Equal start and end ("0:0" - "0:0") means no daily window.
      ...(start && end && start !== end && { cutOff: { start, end } }),
      description: p.desc ?? "",
      check: category === "pln",
      // Digiflazz takes Mobile Legends' zone id appended to the user id.
      fields: category === "game" && /MOBILE LEGEND/i.test(p.brand) ? ["zone_id"] : [],
    });
  }
  return { kind: "success", value: products, raw };
}

export function createDigiflazzPrepaid({ cfg, post, sign, now, retryDelayMs }: DigiflazzPrepaidDeps) {
  const keys = DIGIFLAZZ_DIALECTS[cfg.dialect];
  const retry = { delayMs: retryDelayMs };

  function topUp(bill: Bill, step: "pay" | "status"): Promise<Outcome<Payment>> {
    const ref = bill.refs.refId;
    return post(
      keys.transactionPath,
      {
        username: cfg.username,
        [keys.productKey]: bill.productCode,
        customer_no: wireCustomerNo(bill),
        ref_id: ref,
        // Never more than the cost the user's price was based on: Digiflazz refuses (rc 69) instead.
        max_price: bill.cost,
        ...(cfg.testing ? { testing: true } : {}),
        sign: sign(ref),
      },
      (raw) => readTopUp(raw, bill, step),
    );
  }

  return {
    inquiry(req: InquiryRequest & { prepaid: PrepaidOrder }): Promise<Outcome<Bill>> {
      if (!(req.prepaid.check && req.prepaid.category === "pln"))
        return Promise.resolve({ kind: "success", value: prepaidBill("digiflazz", req, now()), raw: "" });
      const body = { username: cfg.username, customer_no: req.customerNo, sign: sign(req.customerNo) };
      // Asked once, like a postpaid inquiry: Payments asks an answerless one again.
      return post(PLN_CHECK_PATH[cfg.dialect], body, (raw) => readPlnCheck(raw, req, now()));
    },

    /** Sent once; a lost answer is settled by status(), which sends the very same request again. */
    pay: (bill: Bill) => topUp(bill, "pay"),

    status(bill: Bill): Promise<Outcome<Payment>> {
      const ref = bill.refs.refId;
      const quotedAt = Date.parse(bill.prepaid?.quotedAt ?? "");
      if (!(now().getTime() - quotedAt < RESEND_LIMIT_MS)) {
        // No check can settle it any more (manual): the poller stops asking, so the admins hear it once.
        const message = `Digiflazz treats ref_id ${ref} as a new top-up after 90 days: not resent; settle it by hand`;
        return Promise.resolve({ kind: "unknown", reason: message, alert: { code: "RESEND_LIMIT", message }, manual: true });
      }
      // Asked once: a check that gets no answer waits for the next scheduled one.
      return topUp(bill, "status");
    },

    priceList(): Promise<Outcome<PrepaidProduct[]>> {
      const body = { [keys.priceListCommandKey]: "prepaid", username: cfg.username, sign: sign("pricelist") };
      return retryUnknown(() => post(keys.priceListPath, body, (raw) => readDigiflazzPrepaidPriceList(raw, cfg.dialect)), retry);
    },
  };
}
