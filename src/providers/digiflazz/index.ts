import { z } from "zod";
import type { Bill, BillDetail, BillPeriod } from "../../billing/bill.js";
import type { Config } from "../../config.js";
import { describeIssues, md5Signer, parseJson, text, unknown, wholeNumber, type Unknown } from "../common.js";
import { digiflazzCode, readFailure, type DigiflazzCode, type Step } from "./codes.js";
import { createDigiflazzPrepaid } from "./prepaid.js";
import { retryUnknown, send, type FetchLike, type HttpResult } from "../http.js";
import type { InquiryRequest, Outcome, Payment, Provider } from "../provider.js";
import type { PriceListItem } from "../../billing/price-list.js";

/**
 * Digiflazz postpaid (inq-pasca / pay-pasca / status-pasca), in both wire dialects: the canonical
 * api.digiflazz.com one and the white-label `*.api.digiswitch.id` one the seeds document.
 */

export type DigiflazzDialect = Config["digiflazz"]["dialect"];

/** The only differences between the dialects: paths and key names (providers.md). */
export const DIGIFLAZZ_DIALECTS = {
  canonical: {
    transactionPath: "/v1/transaction",
    priceListPath: "/v1/price-list",
    balancePath: "/v1/cek-saldo",
    commandKey: "commands",
    productKey: "buyer_sku_code",
    priceListCommandKey: "cmd",
    nameKey: "customer_name",
  },
  whitelabel: {
    transactionPath: "/v1/user/api/transaction",
    priceListPath: "/v1/user/api/price-list",
    // Not in the seeds; assumed to mirror the canonical /cek-saldo under the white-label prefix.
    balancePath: "/v1/user/api/cek-saldo",
    commandKey: "command",
    productKey: "code",
    priceListCommandKey: "command",
    nameKey: "name",
  },
} as const;

/**
 * HTTP 429 from Digiflazz or a gateway in front of it: the request was turned away before it was
 * looked at, and Digiflazz answers a ref_id it already has with rc 49 (pending, with an alert): so
 * a pay turned away here may be sent again without any chance of paying twice.
 */
const tooManyRequests = (raw: string): Unknown => ({ ...unknown("HTTP 429 (too many requests)", raw), rateLimit: { unprocessed: true } });

const Envelope = z.object({
  data: z
    .object({
      rc: z.string(),
      status: z.string().optional(),
      // The human text is only shown; an odd value must not turn a documented code into unknown.
      message: z.string().optional().catch(undefined),
      ref_id: z.string().optional(),
    })
    .loose(),
});

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

export type Data = Record<string, unknown>;
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The transport verdict: a body worth reading, or why there is none. */
function bodyOf(res: HttpResult): { body: string } | { outcome: Outcome<never> } {
  if (res.kind === "unknown") return { outcome: unknown(res.reason) };
  if (res.status >= 500) return { outcome: unknown(`HTTP ${res.status}`, res.body) };
  // "Too many requests" from Digiflazz or a gateway in front of it: turned away unread.
  if (res.status === 429) return { outcome: tooManyRequests(res.body) };
  if (/html/i.test(res.contentType) || /^\s*</.test(res.body)) {
    return { outcome: unknown(`HTML page instead of JSON (HTTP ${res.status})`, res.body) };
  }
  // 4xx bodies are read too: Digiflazz states config errors (rc 40-45) in them.
  return { body: res.body };
}

type Verdict = { kind: "success" | "pending" | "failed"; code: DigiflazzCode };

/** The table decides by rc; the status text, when present, must say the same thing or nobody can be trusted. */
function classify(rc: string, status: string | undefined): Verdict | { kind: "unknown"; reason: string } {
  const code = digiflazzCode(rc);
  if (!code) return { kind: "unknown", reason: `undocumented response code ${JSON.stringify(rc.slice(0, 12))}` };
  const kind = ({ Sukses: "success", Pending: "pending", Gagal: "failed" } as const)[code.status];
  if (status === undefined) {
    // Error answers (bad signature, IP...) may omit status; a success or pending must state it.
    return kind === "failed" ? { kind, code } : { kind: "unknown", reason: `rc ${rc} without a status` };
  }
  if (status.trim().toLowerCase() !== code.status.toLowerCase()) {
    return { kind: "unknown", reason: `status ${JSON.stringify(status.slice(0, 20))} contradicts rc ${rc}` };
  }
  return { kind, code };
}

/**
 * Reads a `{data: {rc, status, ...}}` answer to the call `step`; `onSuccess` reads the rest of an
 * rc "00" answer.
 */
export function readCoded<T>(raw: string, step: Step, expectedRef: string | undefined, onSuccess: (data: Data) => Read<T>): Outcome<T> {
  const json = parseJson(raw);
  if (json === undefined) return unknown("malformed JSON", raw);
  const env = Envelope.safeParse(json);
  if (!env.success) return unknown(`answer does not match the documented shape (${describeIssues(env.error)})`, raw);
  const d = env.data.data;
  if (expectedRef !== undefined && d.ref_id !== undefined && d.ref_id !== expectedRef) {
    return unknown("answer is for another ref_id", raw);
  }
  const v = classify(d.rc, d.status);
  switch (v.kind) {
    case "unknown":
      return unknown(v.reason, raw);
    case "pending":
      return { kind: "pending", raw, code: d.rc, ...(d.message ? { message: d.message } : {}) };
    case "failed": {
      const message = d.message?.trim() || v.code.text;
      return { ...readFailure(step, d.rc, v.code, message, d.status !== undefined && d.ref_id === expectedRef), raw };
    }
    case "success": {
      const r = onSuccess(d);
      return r.ok ? { kind: "success", value: r.value, raw } : unknown(r.reason, raw);
    }
  }
}

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
 * Reads a pay / status answer or a webhook body (same `{data}` shape) into a Payment outcome.
 * `expectedRef` guards against an answer about another transaction.
 */
export function readDigiflazzPayment(raw: string, dialect: DigiflazzDialect, step: "pay" | "status", expectedRef?: string): Outcome<Payment> {
  return readCoded(
    raw,
    step,
    expectedRef,
    (data) => {
      const t = readTransaction(dialect, data);
      return t.ok ? { ok: true, value: toPayment(t.value) } : t;
    },
  );
}

const PriceItem = z
  .object({
    buyer_sku_code: z.string().optional(),
    code: z.string().optional(),
    product_name: z.string().optional(),
    name: z.string().optional(),
    admin: wholeNumber.optional(),
    commission: wholeNumber.optional(),
    price: wholeNumber.optional(),
    buyer_product_status: z.boolean().optional(),
    seller_product_status: z.boolean().optional(),
    status: z.boolean().optional(),
  })
  .loose();

function readPriceList(raw: string, dialect: DigiflazzDialect): Outcome<PriceListItem[]> {
  const json = parseJson(raw);
  if (json === undefined) return unknown("malformed JSON", raw);
  const list = z.object({ data: z.array(PriceItem) }).safeParse(json);
  // An error comes as an object with rc instead of the array.
  if (!list.success) return readCoded(raw, "lookup", undefined, () => ({ ok: false, reason: "price list answer without a list" }));
  const items: PriceListItem[] = [];
  for (const it of list.data.data) {
    const code = dialect === "canonical" ? it.buyer_sku_code : it.code;
    const name = it.product_name ?? it.name;
    if (code === undefined || name === undefined) return unknown("price list item without code or name", raw);
    const price = it.admin ?? it.price;
    const active =
      dialect === "canonical" ? it.buyer_product_status === true && it.seller_product_status === true : it.status === true;
    items.push({ code, name, ...(price !== undefined ? { price } : {}), ...(it.commission !== undefined && { commission: it.commission }), active });
  }
  return { kind: "success", value: items, raw };
}

function readBalance(raw: string): Outcome<number> {
  const json = parseJson(raw);
  if (json === undefined) return unknown("malformed JSON", raw);
  const ok = z.object({ data: z.object({ deposit: wholeNumber }).loose() }).safeParse(json);
  if (ok.success) return { kind: "success", value: ok.data.data.deposit, raw };
  return readCoded(raw, "lookup", undefined, () => ({ ok: false, reason: "balance answer without a whole-rupiah deposit" }));
}

export function createDigiflazzProvider(
  cfg: Config["digiflazz"],
  opts: { fetch?: FetchLike; timeoutMs?: number; retryDelayMs?: number; now?: () => Date } = {},
): Provider {
  const keys = DIGIFLAZZ_DIALECTS[cfg.dialect];
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const sign = md5Signer(cfg.username, cfg.apiKey);

  async function post<T>(path: string, body: Record<string, unknown>, read: (raw: string) => Outcome<T>): Promise<Outcome<T>> {
    const res = await send(
      {
        method: "POST",
        url: cfg.baseUrl.replace(/\/+$/, "") + path,
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
        timeoutMs,
      },
      opts.fetch,
    );
    const b = bodyOf(res);
    return "outcome" in b ? b.outcome : read(b.body);
  }

  function transaction<T>(
    command: "inq-pasca" | "pay-pasca" | "status-pasca",
    productCode: string,
    customerNo: string,
    ref: string,
    extra: Record<string, unknown>,
    read: (raw: string) => Outcome<T>,
  ): Promise<Outcome<T>> {
    return post(
      keys.transactionPath,
      {
        [keys.commandKey]: command,
        username: cfg.username,
        [keys.productKey]: productCode,
        customer_no: customerNo,
        ref_id: ref,
        ...extra,
        ...(cfg.testing ? { testing: true } : {}),
        sign: sign(ref),
      },
      read,
    );
  }

  const readPayment = (step: "pay" | "status", ref: string) => (raw: string) => readDigiflazzPayment(raw, cfg.dialect, step, ref);
  const prepaid = createDigiflazzPrepaid({ cfg, post, sign, now: opts.now ?? (() => new Date()), retryDelayMs: opts.retryDelayMs });

  return {
    name: "digiflazz",

    inquiry(req: InquiryRequest) {
      if (req.prepaid) return prepaid.inquiry({ ...req, prepaid: req.prepaid });
      // SAMSAT wants "kodeBayar,nomorIdentitas" in customer_no; the bill keeps it so pay sends the same.
      const customerNo = req.identityNo ? `${req.customerNo},${req.identityNo}` : req.customerNo;
      const extra = {
        ...(req.amount !== undefined ? { amount: req.amount } : {}),
        ...(req.year !== undefined ? { year: req.year } : {}),
      };
      const read = (raw: string) =>
        readCoded<Bill>(raw, "inquiry", req.ref, (data) => {
          const t = readTransaction(cfg.dialect, data);
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
      // Asked once: an answerless inquiry is asked again under a fresh ref_id by Payments, since
      // Digiflazz answers a reused one with rc 49 when the first attempt got through.
      return transaction("inq-pasca", req.productCode, customerNo, req.ref, extra, read);
    },

    pay(bill: Bill) {
      if (bill.prepaid) return prepaid.pay(bill);
      // Same ref_id as the inquiry; sent once, a lost answer is settled by status().
      const ref = bill.refs.refId;
      return transaction("pay-pasca", bill.productCode, bill.customerNo, ref, {}, readPayment("pay", ref));
    },

    status(bill: Bill) {
      if (bill.prepaid) return prepaid.status(bill);
      const ref = bill.refs.refId;
      // Asked once: a check that gets no answer waits for the next scheduled one (once a minute at most).
      return transaction("status-pasca", bill.productCode, bill.customerNo, ref, {}, readPayment("status", ref));
    },

    balance() {
      return retryUnknown(
        () => post(keys.balancePath, { cmd: "deposit", username: cfg.username, sign: sign("depo") }, readBalance),
        { delayMs: opts.retryDelayMs },
      );
    },

    prepaidPriceList: () => prepaid.priceList(),

    priceList() {
      return retryUnknown(
        () =>
          post(
            keys.priceListPath,
            { [keys.priceListCommandKey]: "pasca", username: cfg.username, sign: sign("pricelist") },
            (raw) => readPriceList(raw, cfg.dialect),
          ),
        { delayMs: opts.retryDelayMs },
      );
    },
  };
}
