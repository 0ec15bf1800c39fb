import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Bill, BillDetail, BillPeriod } from "../../billing/bill.js";
import type { PrepaidCatalogEntry } from "../../billing/prepaid-catalog.js";
import type { Config } from "../../config.js";
import { parseJson, unknown, wholeNumber, type Unknown } from "../common.js";
import { httpClient } from "../../http-client.js";
import { retryUnknown, send, type FetchLike } from "../http.js";
import { plnTokenFromLines } from "../pln-token.js";
import type { Blame, InquiryRequest, OperatorProblem, Outcome, Payment, Provider } from "../provider.js";
import { orderCodes, tokopediaPrepaidBill, tokopediaPrepaidProducts, type TokopediaListedProduct } from "./prepaid.js";
import { signTokopedia, verifyTokopediaSignature } from "./signature.js";

/**
 * Tokopedia digital B2B ("SAT"), JSON:API style. OAuth2 client-credentials Bearer token; the
 * checkout carries an RSA-SHA256 PSS signature of its raw body; the order is asynchronous
 * (`Pending`, then poll `GET /v2/order/{id}` or wait for a signed callback). Read against
 * Tokopedia's official SDK, tokopedia/python-sat (py_sat/client.py and its tests).
 */

// ---- wire format (zod at the boundary) ----

const NameValueLines = z.array(z.object({ name: z.string(), value: z.string() })).nullish();

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: wholeNumber, token_type: z.string().optional() });

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

const OrderAnswer = z.object({
  data: z.object({
    type: z.literal("order"),
    id: z.string(),
    attributes: z.object({
      status: z.string(),
      error_code: z.string().nullish(),
      error_detail: z.string().nullish(),
      serial_number: z.string().nullish(),
      voucher_code: z.string().nullish(),
      sales_price: wholeNumber.nullish(),
      fulfillment_result: NameValueLines,
    }),
  }),
});

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

const AccountAnswer = z.object({ data: z.object({ attributes: z.object({ saldo: wholeNumber }) }) });

const ProductListAnswer = z.object({
  data: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).optional(),
      attributes: z.object({
        product_code: z.string().optional(),
        product_name: z.string(),
        price: wholeNumber.nullish(),
        /** 1 active, 2 inactive, 3 temporarily inactive. */
        status: wholeNumber,
        /** The product is quoted by an inquiry (PLN token, a game's nickname, an e-wallet's name). */
        is_inquiry: z.boolean().optional(),
      }),
    }),
  ),
});

// ---- order answers (checkout, status and callbacks share one reader) ----

/**
 * Reads an order body (checkout answer, `GET /v2/order/{id}` answer or callback). `Pending` is
 * pending, `Success` a Payment, `Failed` the documented final failure; any other status or shape
 * is unknown.
 */
export function readTokopediaOrder(raw: string): { orderId: string | undefined; outcome: Outcome<Payment> } {
  const json = parseJson(raw);
  if (json === undefined) return { orderId: undefined, outcome: unknown("Tokopedia's order answer is not JSON", raw) };
  const parsed = OrderAnswer.safeParse(json);
  if (!parsed.success) {
    return { orderId: undefined, outcome: unknown("Tokopedia's order answer does not match the documented shape", raw) };
  }
  const { id, attributes: a } = parsed.data.data;
  switch (a.status) {
    case "Pending":
      return { orderId: id, outcome: { kind: "pending", raw, code: "Pending", message: "Tokopedia is processing the order" } };
    case "Success": {
      const details = (a.fulfillment_result ?? []).map((l) => ({ key: l.name, value: l.value }));
      const token = plnTokenFromLines(details);
      return {
        orderId: id,
        outcome: {
          kind: "success",
          raw,
          value: {
            // A bill's receipt shows one biller reference: the serial number, else the voucher code.
            sn: a.serial_number || a.voucher_code || "",
            cost: a.sales_price ?? undefined,
            details,
            ...(token && { token }),
            codes: orderCodes(a, token?.token),
          },
        },
      };
    }
    case "Failed":
      // Tokopedia documents `Failed` as final but publishes no error_code table, so blame stays generic.
      return {
        orderId: id,
        outcome: { kind: "failed", code: a.error_code || "Failed", message: a.error_detail || "Tokopedia gave no reason", blame: "provider", raw },
      };
    default:
      return { orderId: id, outcome: unknown(`Tokopedia reported an undocumented order status "${a.status}"`, raw) };
  }
}

// ---- bill model ----

/** inquiry_result names that carry the billing period (month list, tax year, instalment number...). */
const PERIOD_NAMES = new Set([
  "bl/th",
  "periode",
  "periode tagihan",
  "periode bayar",
  "bulan",
  "tahun pajak",
  "tahun sppt",
  "masa pajak",
  "tagihan ke",
]);
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
  const months = details
    .filter((d) => MONTH_LINE.test(d.key.trim()))
    .map((d) => ({ name: d.key.trim(), amount: rupiahText(d.value) }));
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

// ---- errors ----

/** Tokopedia's first error in an errors[] body, when the body is one. */
function firstError(body: string) {
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
const CODES = {
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
const CHECKOUT_REJECTIONS = new Set([400, 422]);

/**
 * A refusal outside 2xx. `message` is Tokopedia's own words (it may reach the customer); the
 * HTTP status and body stay in `code` and `raw`. Refused credentials are the operator's to fix
 * even without a body; any other refusal counts only with Tokopedia's words in errors[].
 */
function rejection(status: number, body: string): Extract<Outcome<never>, { kind: "failed" }> | Unknown {
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
function requestProblem(status: number, body: string): OperatorProblem | undefined {
  if (status < 400 || status >= 500) return undefined;
  const first = firstError(body);
  return { code: first?.code ?? `HTTP ${status}`, message: `Tokopedia refused the request (HTTP ${status})${first?.detail ? `: ${first.detail}` : ""}` };
}

/**
 * A 429 turns the request away before it is looked at; an order id Tokopedia already has is
 * answered "Duplicate Request ID" (P03), so a checkout re-sent after a 429 cannot make a second
 * order: the worker may send it again after its back-off.
 */
function throttled<T>(wire: Wire, outcome: Outcome<T>): Outcome<T> {
  return wire.kind === "response" && wire.status === 429 && outcome.kind === "unknown" ? { ...outcome, rateLimit: { unprocessed: true } } : outcome;
}

// ---- the adapter ----

type Wire =
  | { kind: "response"; status: number; body: string; signature: string | null }
  | { kind: "unknown"; reason: string }
  /** No request was sent: the token could not be had (`rejected` = credentials refused). */
  | { kind: "no-token"; rejected: boolean; reason: string };
type Answer = Extract<Wire, { kind: "response" }>;

/** For calls that move no money: refused credentials are the operator's to fix, anything else may pass. */
const noToken = (wire: { rejected: boolean; reason: string }): Outcome<never> =>
  wire.rejected ? { kind: "failed", code: "AUTH", message: wire.reason, blame: "operator", raw: "" } : unknown(wire.reason);

const JSON_HEADERS = { "Content-Type": "application/json", Accept: "application/json" };
/** The SDK sends an RFC 1123 `Date` on every call (py_sat/http_client.py `send_request`). */
const dateHeader = () => ({ Date: new Date().toUTCString() });
const is2xx = (status: number) => status >= 200 && status < 300;

export function createTokopediaProvider(
  cfg: Config["tokopedia"],
  opts: {
    fetch?: FetchLike;
    timeoutMs?: number;
    retryDelayMs?: number;
    now?: () => Date;
    /** What each prepaid product code is (the catalog's `prepaid.tokopedia`); without it no prepaid list is offered. */
    prepaidCatalog?: PrepaidCatalogEntry[];
  } = {},
): Provider {
  const fetchImpl = opts.fetch ?? httpClient;
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const retry = { delayMs: opts.retryDelayMs ?? 300 };
  const basic = Buffer.from(`${cfg.clientId}:${cfg.clientSecret}`).toString("base64");
  const secrets = new Set([cfg.clientSecret, basic].filter((s) => s.length > 0));

  /** Provider texts (error details) are echoed into messages; they must never carry our secrets. */
  const clean = (text: string) => [...secrets].reduce((t, s) => t.split(s).join("***"), text);
  function scrub<T>(o: Outcome<T>): Outcome<T> {
    if (o.kind === "failed") return { ...o, message: clean(o.message) };
    if (o.kind === "unknown") {
      return { ...o, reason: clean(o.reason), ...(o.alert && { alert: { ...o.alert, message: clean(o.alert.message) } }) };
    }
    if (o.kind === "pending" && o.message !== undefined) return { ...o, message: clean(o.message) };
    return o;
  }

  let token: { value: string; renewAt: number } | undefined;
  let tokenInFlight: Promise<Wire | { kind: "token"; value: string }> | undefined;

  async function fetchToken(): Promise<Wire | { kind: "token"; value: string }> {
    const res = await send(
      {
        method: "POST",
        url: cfg.tokenUrl,
        headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", ...dateHeader() },
        body: "grant_type=client_credentials",
        timeoutMs,
      },
      fetchImpl,
    );
    if (res.kind === "unknown") return { kind: "no-token", rejected: false, reason: `token request failed: ${res.reason}` };
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      return { kind: "no-token", rejected: true, reason: `Tokopedia refused the client credentials (HTTP ${res.status})` };
    }
    const parsed = TokenAnswer.safeParse(parseJson(res.body));
    if (res.status !== 200 || !parsed.success) {
      return { kind: "no-token", rejected: false, reason: `token endpoint answered HTTP ${res.status} without a usable token` };
    }
    secrets.add(parsed.data.access_token);
    // Renew a minute early so a token never expires between our check and Tokopedia's.
    token = { value: parsed.data.access_token, renewAt: Date.now() + (parsed.data.expires_in - 60) * 1000 };
    return { kind: "token", value: token.value };
  }

  async function bearer(): Promise<Wire | { kind: "token"; value: string }> {
    if (token && Date.now() < token.renewAt) return { kind: "token", value: token.value };
    // Concurrent calls share one token request.
    tokenInFlight ??= fetchToken().finally(() => (tokenInFlight = undefined));
    return tokenInFlight;
  }

  /**
   * One authorised exchange. A 401 most likely means the token expired or was revoked: the token
   * is dropped so the next call fetches a fresh one, and a call that moves no money (`resend401`)
   * is sent once more with it. A checkout is never sent twice.
   */
  async function request(
    method: "GET" | "POST",
    path: string,
    { body, headers = {}, resend401 = true }: { body?: string; headers?: Record<string, string>; resend401?: boolean } = {},
  ): Promise<Wire> {
    for (let attempt = 0; ; attempt++) {
      const auth = await bearer();
      if (auth.kind !== "token") return auth;
      const seen = { signature: null as string | null };
      const capture: FetchLike = async (input, init) => {
        const res = await fetchImpl(input, init);
        seen.signature = res.headers.get("signature");
        return res;
      };
      const res = await send(
        { method, url: `${cfg.baseUrl}${path}`, headers: { ...JSON_HEADERS, ...dateHeader(), ...headers, Authorization: `Bearer ${auth.value}` }, body, timeoutMs },
        capture,
      );
      if (res.kind === "unknown") return res;
      if (res.status === 401) {
        // Only if no other call has renewed it meanwhile.
        if (token?.value === auth.value) token = undefined;
        if (resend401 && attempt === 0) continue;
      }
      return { kind: "response", status: res.status, body: res.body, signature: seen.signature };
    }
  }

  let privateKey: KeyObject | undefined;
  let publicKey: KeyObject | undefined;
  function loadPrivateKey(): KeyObject | undefined {
    try {
      privateKey ??= createPrivateKey(readFileSync(cfg.privateKeyPath));
    } catch {
      return undefined;
    }
    return privateKey;
  }
  function loadPublicKey(path: string): KeyObject | undefined {
    try {
      publicKey ??= createPublicKey(readFileSync(path));
    } catch {
      return undefined;
    }
    return publicKey;
  }

  function readInquiry(wire: Wire, req: InquiryRequest): Outcome<Bill> {
    if (wire.kind === "no-token") return noToken(wire);
    if (wire.kind === "unknown") return unknown(wire.reason);
    if (!is2xx(wire.status)) return rejection(wire.status, wire.body);
    const parsed = InquiryAnswer.safeParse(parseJson(wire.body));
    if (!parsed.success) return unknown("Tokopedia's inquiry answer does not match the documented shape", wire.body);
    const a = parsed.data.data.attributes;
    const bill = req.prepaid ? tokopediaPrepaidBill({ ...req, prepaid: req.prepaid }, now(), a) : toBill(a, req);
    return { kind: "success", value: bill, raw: wire.body };
  }

  /** An order body about this order, or unknown. */
  function readOrder(body: string, orderId: string): Outcome<Payment> {
    const { orderId: answered, outcome } = readTokopediaOrder(body);
    if (outcome.kind !== "unknown" && answered !== orderId) {
      return unknown(`Tokopedia answered about order ${answered ?? "?"} instead of ${orderId}`, body);
    }
    return outcome;
  }

  /**
   * What the answer to a sent checkout proves. The SDK reads a checkout answer without a signature
   * (client.py `checkout`: only `check_status` and `handle_callback` verify one), so Tokopedia's
   * public key is not asked for here: `Pending` and `Success` are taken as they come. `Failed` is
   * not final on this unsigned word: nothing that refunds rests on an answer Tokopedia does not
   * sign when a signed one is a status check away, so it is pending and the next status check (at
   * most a minute later, signed) settles it, refund included. A rejection is final only when it
   * proves no order was made (CHECKOUT_REJECTIONS with errors[]); anything else is unknown, and the
   * operator hears about a refusal of the request itself (our signature or key, credentials, IP).
   */
  function readCheckout(wire: Answer, orderId: string): Outcome<Payment> {
    if (is2xx(wire.status)) {
      const outcome = readOrder(wire.body, orderId);
      if (outcome.kind !== "failed") return outcome;
      return { kind: "pending", raw: wire.body, code: outcome.code, message: `checkout answered Failed (${outcome.message}); the status check decides` };
    }
    const first = firstError(wire.body);
    if (wire.status === 400 && first?.code === CODES.duplicate) {
      // An order under this id exists (we never send one twice, so it is ours unless ids were
      // reused): its status says what became of it, and it must never be refunded on this answer.
      const alert = { code: CODES.duplicate, message: `Tokopedia already has an order ${orderId} (Duplicate Request ID); its status decides` };
      return { ...unknown(alert.message, wire.body), alert };
    }
    const outcome = rejection(wire.status, wire.body);
    if (outcome.kind === "failed" && CHECKOUT_REJECTIONS.has(wire.status)) return outcome;
    const reason =
      outcome.kind === "failed"
        ? `Tokopedia turned the checkout away with HTTP ${wire.status} (${outcome.code}: ${outcome.message}); it does not document that no order was made`
        : outcome.reason;
    const alert = requestProblem(wire.status, wire.body);
    return alert ? { ...unknown(reason, wire.body), alert } : unknown(reason, wire.body);
  }

  /**
   * A status answer speaks about the payment only when it is the order's own body (Pending,
   * Success or Failed for this id), signed by Tokopedia when its public key is configured (as the
   * SDK's `check_status` demands). Anything about the request itself leaves the payment pending;
   * the operator is told when it is theirs to fix.
   */
  function readStatus(wire: Wire, orderId: string): Outcome<Payment> {
    if (wire.kind === "no-token") {
      return wire.rejected ? { ...unknown(wire.reason), alert: { code: "AUTH", message: wire.reason } } : unknown(wire.reason);
    }
    if (wire.kind === "unknown") return unknown(wire.reason);
    if (wire.status === 400 && firstError(wire.body)?.code === CODES.notFound) {
      // Read apart by status(), which sends the checkout again; here only if that could not be.
      return unknown(`Tokopedia does not know order ${orderId} (yet)`, wire.body);
    }
    if (!is2xx(wire.status)) {
      const first = firstError(wire.body);
      const reason = `order status check refused with HTTP ${wire.status}${first?.detail ? `: ${first.detail}` : ""}`;
      const alert = requestProblem(wire.status, wire.body);
      return alert ? { ...unknown(reason, wire.body), alert } : unknown(reason, wire.body);
    }
    if (cfg.publicKeyPath) {
      const key = loadPublicKey(cfg.publicKeyPath);
      if (!key) {
        const message = "Tokopedia's public key (TOKOPEDIA_PUBLIC_KEY_PATH) could not be read; status answers cannot be verified";
        return { ...unknown(message, wire.body), alert: { code: "KEY", message } };
      }
      if (!verifyTokopediaSignature(wire.body, wire.signature, key)) {
        // Either the configured key is not Tokopedia's or the answer was tampered with: both are
        // for the operator to look into, and neither says anything about the order.
        const message = `the signature on Tokopedia's status answer is ${wire.signature ? "wrong" : "missing"} (check TOKOPEDIA_PUBLIC_KEY_PATH)`;
        return { ...unknown(message, wire.body), alert: { code: "SIGNATURE", message } };
      }
    }
    return readOrder(wire.body, orderId);
  }

  /** `GET /v2/product-list`, every item read (bills and prepaid share it). */
  async function productList(): Promise<Outcome<TokopediaListedProduct[]>> {
    const wire = await request("GET", "/v2/product-list");
    if (wire.kind === "no-token") return scrub(noToken(wire));
    if (wire.kind === "unknown") return scrub(unknown(wire.reason));
    if (!is2xx(wire.status)) return scrub(rejection(wire.status, wire.body));
    const parsed = ProductListAnswer.safeParse(parseJson(wire.body));
    if (!parsed.success) return unknown("Tokopedia's product list does not match the documented shape", wire.body);
    const items: TokopediaListedProduct[] = [];
    for (const p of parsed.data.data) {
      const code = p.attributes.product_code ?? (p.id === undefined ? undefined : String(p.id));
      if (code === undefined) return unknown("Tokopedia's product list has an item without a product code", wire.body);
      const a = p.attributes;
      items.push({ code, name: a.product_name, price: a.price ?? undefined, status: a.status, isInquiry: a.is_inquiry ?? false });
    }
    return { kind: "success", value: items, raw: wire.body };
  }

  /**
   * `POST /v2/order` for the bill, signed; never sent twice by one call (a 401 is not re-sent
   * with a fresh token). `outcome` when nothing could be sent or nothing came back.
   */
  async function checkout(bill: Bill): Promise<{ wire: Answer; orderId: string } | { outcome: Outcome<Payment> }> {
    const orderId = bill.refs.orderId ?? bill.refs.refId;
    const body = JSON.stringify({
      data: {
        type: "order",
        id: orderId,
        attributes: { product_code: bill.productCode, client_number: bill.customerNo, amount: bill.cost, ...(bill.fields ? { fields: bill.fields } : {}) },
      },
    });
    // Until the checkout is sent nothing can have happened at Tokopedia, so these are final.
    const key = loadPrivateKey();
    if (!key) {
      return { outcome: { kind: "failed", code: "KEY", message: "Tokopedia private key could not be read; the order was not sent", blame: "operator", raw: "" } };
    }
    const wire = await request("POST", "/v2/order", { body, headers: { signature: signTokopedia(body, key) }, resend401: false });
    if (wire.kind === "no-token") {
      const message = `${wire.reason}; the order was not sent`;
      return { outcome: { kind: "failed", code: "AUTH", message, blame: wire.rejected ? "operator" : "provider", raw: "" } };
    }
    if (wire.kind === "unknown") return { outcome: unknown(wire.reason) };
    return { wire, orderId };
  }

  const prepaidCatalog = opts.prepaidCatalog ?? [];

  return {
    name: "tokopedia",

    async inquiry(req) {
      if (req.prepaid && !req.prepaid.check) return { kind: "success", value: tokopediaPrepaidBill({ ...req, prepaid: req.prepaid }, now()), raw: "" };
      const attributes: Record<string, unknown> = { product_code: req.productCode, client_number: req.customerNo };
      const fields = inquiryFields(req);
      if (fields.length > 0) attributes.fields = fields;
      if (req.amount !== undefined) attributes.amount = req.amount;
      const body = JSON.stringify({ data: { type: "inquiry", attributes } });
      // Asked once: Payments asks an answerless inquiry again.
      const wire = await request("POST", "/v2/inquiry", { body });
      return scrub(throttled(wire, readInquiry(wire, req)));
    },

    async pay(bill) {
      const sent = await checkout(bill);
      return scrub("outcome" in sent ? sent.outcome : throttled(sent.wire, readCheckout(sent.wire, sent.orderId)));
    },

    /**
     * `GET /v2/order/{id}`, asked once: a check that fails waits for the worker's next one, as
     * Tokopedia allows one a minute per order. "Transaction is not found" (P02) proves nothing by
     * itself: a checkout whose answer was lost may never have arrived, or not be visible yet, and
     * refunding could pay the customer back for an order Tokopedia then fulfils. But Tokopedia
     * refuses a checkout whose id it already has (P03, "Duplicate Request ID"), so the very same
     * order is sent again: P03 says it exists (its status decides, at the next check); any other
     * answer is that of the one order under this id, made now (Pending, Success), or refused in a
     * way that proves none was made (a final failure, refunded). Either way it is paid once.
     */
    async status(bill) {
      const orderId = bill.refs.orderId ?? bill.refs.refId;
      const wire = await request("GET", `/v2/order/${encodeURIComponent(orderId)}`);
      if (!(wire.kind === "response" && wire.status === 400 && firstError(wire.body)?.code === CODES.notFound)) {
        return scrub(throttled(wire, readStatus(wire, orderId)));
      }
      const sent = await checkout(bill);
      if ("outcome" in sent) {
        // Not sent again (no key, no token): nothing is known of the first one, so nothing is final.
        const o = sent.outcome;
        return scrub(o.kind === "failed" ? { ...unknown(`order ${orderId} not found, and not sent again: ${o.message}`), alert: { code: o.code, message: o.message } } : o);
      }
      const { wire: again } = sent;
      if (again.status === 400 && firstError(again.body)?.code === CODES.duplicate) {
        return unknown(`Tokopedia does not show order ${orderId} yet but has it (Duplicate Request ID); its status decides`, again.body);
      }
      return scrub(throttled(again, readCheckout(again, orderId)));
    },

    async balance() {
      const wire = await request("GET", "/v2/account");
      if (wire.kind === "no-token") return scrub(noToken(wire));
      if (wire.kind === "unknown") return scrub(unknown(wire.reason));
      if (!is2xx(wire.status)) return scrub(rejection(wire.status, wire.body));
      const parsed = AccountAnswer.safeParse(parseJson(wire.body));
      if (!parsed.success) return unknown("Tokopedia's account answer does not match the documented shape", wire.body);
      return { kind: "success", value: parsed.data.data.attributes.saldo, raw: wire.body };
    },

    async priceList() {
      const list = await productList();
      if (list.kind !== "success") return list;
      return { ...list, value: list.value.map((p) => ({ code: p.code, name: p.name, price: p.price, active: p.status === 1 })) };
    },

    // Only an operator who describes Tokopedia's prepaid codes in the catalog gets a prepaid list.
    ...(prepaidCatalog.length > 0 && {
      async prepaidPriceList() {
        const list = await productList();
        if (list.kind !== "success") return list;
        return { ...list, value: tokopediaPrepaidProducts(list.value, prepaidCatalog) };
      },
    }),
  };
}
