import { constants, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject, generateKeyPairSync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

/**
 * A stand-in for Tokopedia digital B2B ("SAT") on 127.0.0.1. It checks requests the way the real
 * API does (Basic auth on the token endpoint, Bearer tokens, the RSA-PSS `signature` header over
 * the raw checkout bytes, a `Date` header, required fields) and answers from the seed 002 fixtures
 * by product_code.
 *
 * Followed from Tokopedia's official SDK, tokopedia/python-sat:
 * - py_sat/signature/pss.py: PSS with SHA-256 and salt length `key bytes - 32 - 2` (222 for
 *   2048 bits) both to sign and to verify; its verifier takes that salt length only, and so does
 *   this one for checkouts (a shorter salt, or another key, is refused).
 * - py_sat/http_client.py `send_request`: every API call carries `Date` (RFC 1123,
 *   "%a, %d %b %Y %H:%M:%S GMT"); the token request (OAuth2 `fetch_token`) does not.
 * - py_sat/client.py: only `check_status` answers and callbacks are verified, so only they are
 *   signed here; checkout answers come unsigned, as in tests/test_checkout.py.
 * - tests/test_check_status.py: an unknown order id is `400 {"errors": [{"code": "P02", "detail":
 *   "Transaction is not found", "status": "400"}]}`; a status answer is signed over its exact text.
 * - tests/test_checkout.py: a second checkout with the same id is `400 P03 "Duplicate Request ID,
 *   please check your system"`; an unknown product is `400 P04 "Product not found"`.
 * - tests/test_callback.py: the callback is POSTed as `application/vnd.api+json`, its body what
 *   Python's `json.dumps` makes of the order, signed over that text.
 * Other error codes here (ALREADY_PAID, INVALID_SIGNATURE, ...) are the stub's own: Tokopedia
 * publishes no full code table.
 *
 * Scenarios go by client number (TOKOPEDIA_TEST_NUMBERS); any other number takes the default:
 * checkout `Pending`, then `pendingPolls` status GETs answer `Pending`, then the fixture's order
 * detail.
 */

/** A fresh RSA key pair in PEM, for the partner's signing key or Tokopedia's own in tests. */
export const testKeyPair = () =>
  generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });

export const TOKOPEDIA_FIXTURE_DIR = fileURLToPath(new URL("../fixtures/tokopedia/", import.meta.url));

export interface TokopediaProductFixtures {
  code: string;
  inquiryRequest?: string;
  inquiryResponse?: string;
  orderRequest: string;
  orderPending: string;
  /**
   * `.txt` for a seed example that is not valid JSON (steam), kept as the seed writes it; `.jsonc`
   * for one repaired into JSON (google-play), its comment lines saying what was repaired (left out here).
   */
  orderDetail: string;
  orderDetailIsJson: boolean;
}

const loaded = new Map<string, ReadonlyMap<string, Readonly<TokopediaProductFixtures>>>();

/**
 * Every product of seed 002, by the product_code its requests use. Read once per folder: every
 * stand-in started (one per test) answers from the same ~330 files.
 */
export function loadTokopediaFixtures(dir = TOKOPEDIA_FIXTURE_DIR): ReadonlyMap<string, Readonly<TokopediaProductFixtures>> {
  let products = loaded.get(dir);
  if (!products) loaded.set(dir, (products = readTokopediaFixtures(dir)));
  return products;
}

function readTokopediaFixtures(dir: string): Map<string, TokopediaProductFixtures> {
  const files = readdirSync(dir);
  const read = (code: string, kind: string) => {
    const file = files.find((f) => [".json", ".jsonc", ".txt"].some((ext) => f === `${code}.${kind}${ext}`));
    if (file === undefined) return undefined;
    const text = readFileSync(dir + file, "utf8");
    return file.endsWith(".jsonc") ? { text: text.replace(/^\/\/.*\n/gm, ""), json: true } : { text, json: file.endsWith(".json") };
  };
  const products = new Map<string, TokopediaProductFixtures>();
  for (const code of new Set(files.filter((f) => f.includes(".order-request.")).map((f) => f.split(".order-request.")[0]!))) {
    const detail = read(code, "order-detail")!;
    products.set(code, {
      code,
      inquiryRequest: read(code, "inquiry-request")?.text,
      inquiryResponse: read(code, "inquiry-response")?.text,
      orderRequest: read(code, "order-request")!.text,
      orderPending: read(code, "order-pending")!.text,
      orderDetail: detail.text,
      orderDetailIsJson: detail.json,
    });
  }
  return products;
}

/**
 * The prepaid products of seed 002 as the stand-in's product list shows them, in the shape of the
 * SDK's tests/test_product_list.py (`{id, type: "product", attributes: {is_inquiry, price,
 * product_name, status}}`). Seed 002 names no product, so the names are the stand-in's own in the
 * SDK's style ("XL 25,000"); each price is the seed's, quoted. An open amount (DANA, GoPay) is
 * listed with its fee on top of the amount, which the seed shows as none.
 */
export const TOKOPEDIA_PREPAID_LIST: Record<string, { name: string; price: number; openAmount?: true }> = {
  // "Telco - Prepaid ... Product code example: 50k-simpati" ... "sales_price": 52000
  "50k-simpati": { name: "Telkomsel Simpati 50,000", price: 52_000 },
  // "Listrik PLN - Prepaid" ... "sales_price": 50005
  "pln-prepaid-token-50k-sat-new": { name: "PLN Prepaid 50,000", price: 50_005 },
  // "Top Up e-Wallet - DANA" inquiry: "base_price": 15780 ... "sales_price": 15780 (no fee)
  "topup-dana": { name: "DANA Top-up", price: 0, openAmount: true },
  // GoPay inquiry: "base_price": 300000 ... {"name": "Biaya Admin", "value": "Rp 0"} ... "sales_price": 300000
  "dompet-digital-gopay-open-amount": { name: "GoPay Open Amount", price: 0, openAmount: true },
  // "mobile-legends-18-diamonds" inquiry: "base_price": 5500 ... "sales_price": 5500
  "mobile-legends-18-diamonds": { name: "Mobile Legends 18 Diamonds", price: 5_500 },
  // "BIGO LIVE" inquiry: "sales_price": 3520
  "bigo-live-10-diamonds": { name: "Bigo Live 10 Diamonds", price: 3_520 },
  // "kode-voucher-google-play-10000" order: "sales_price": 11000
  "kode-voucher-google-play-10000": { name: "Google Play 10,000", price: 11_000 },
  // "steam-wallet-idr-90" order: "sales_price": 145000
  "steam-wallet-idr-90": { name: "Steam Wallet IDR 90", price: 145_000 },
  // "spotify-premium-spotify-premium-6" order: "sales_price": 300000
  "spotify-premium-spotify-premium-6": { name: "Spotify Premium 6 Bulan", price: 300_000 },
  // "VIU ... viu-buy1get1" order: "sales_price": 31000
  "viu-buy1get1": { name: "VIU Buy 1 Get 1", price: 31_000 },
  // "kfc-50k" order: "sales_price": 43750
  "kfc-50k": { name: "KFC 50,000", price: 43_750 },
  // "Voucher Code ... gofood-20k" order: "sales_price": 17820
  "gofood-20k": { name: "GoFood 20,000", price: 17_820 },
  // "sony-sugema-college-2" order: "sales_price": 50000
  "sony-sugema-college-2": { name: "Sony Sugema College 2", price: 50_000 },
  // "Belajar ... tech-in-asia-edu-4" order: "sales_price": 100000
  "tech-in-asia-edu-4": { name: "Tech in Asia Edu 4", price: 100_000 },
  // "Donasi ... donasi-rumah-zakat-50" order: "amount": 50000 ... "sales_price": 50000
  "donasi-rumah-zakat-50": { name: "Donasi Rumah Zakat 50,000", price: 50_000 },
};

export type TokopediaScenario =
  /** checkout Pending, then Success after `pendingPolls` status GETs (the default) */
  | "success"
  /** the checkout answer itself is Success */
  | "instant-success"
  /** inquiry answers 400 errors[] (number not found) */
  | "inquiry-fails"
  /** checkout answers 400 errors[] (bill already paid); no order is created */
  | "payment-rejected"
  /** checkout Pending, then status Failed with error_code / error_detail */
  | "pending-then-failure"
  /** the checkout answer itself is Failed (unsigned, like every checkout answer); status says Failed too */
  | "instant-failure";

/** Client numbers that pick a scenario for any product (other numbers: "success"). */
export const TOKOPEDIA_TEST_NUMBERS = {
  "instant-success": "081200000001",
  "inquiry-fails": "081200000002",
  "payment-rejected": "081200000005",
  "pending-then-failure": "081200000006",
  "instant-failure": "081200000007",
} as const satisfies Record<Exclude<TokopediaScenario, "success">, string>;

export type TokopediaEndpoint = "token" | "inquiry" | "order" | "status" | "account" | "product-list";

export type TokopediaFault =
  | "none"
  /** hold the request until the stub closes */
  | "timeout"
  | "http500"
  /** 200 with an HTML page */
  | "html"
  /** 200 with truncated JSON */
  | "malformed"
  /** order / status answers with status "Processing" */
  | "unknown-status"
  /** an errors[] body with `errorStatus` (default 400) */
  | "errors"
  /** status answers whose `signature` header does not match the body */
  | "bad-signature"
  /**
   * a checkout whose id Tokopedia already has, as if an earlier identical one had landed: the order
   * exists (and is followed like any other) and this answer is `400 P03` (tests/test_checkout.py)
   */
  | "duplicate"
  /**
   * a checkout lost on the way: Tokopedia never sees it (no order is made, no pay counted) and a
   * gateway in front answers 502; its status is then P02 until the order is sent again
   */
  | "unreached";

export interface TokopediaFaultOptions {
  /** Endpoints the fault applies to; default every API endpoint except the token endpoint. */
  only?: TokopediaEndpoint[];
  errorStatus?: number;
  errorCode?: string;
  /** "{authorization}" is replaced by the request's Authorization header (to prove it is not echoed on). */
  errorDetail?: string;
}

export interface TokopediaStubOptions {
  /** The partner's public key: checkout signatures are verified with it. */
  partnerPublicKey: string | KeyObject;
  /** Tokopedia's own private key: when given, status answers and callbacks are signed. */
  tokopediaPrivateKey?: string | KeyObject;
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds?: number;
  /** Status GETs that answer Pending before the final answer (default 1). */
  pendingPolls?: number;
  balance?: number;
}

export interface TokopediaStubCall {
  endpoint: TokopediaEndpoint | "other";
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

interface StubOrder {
  id: string;
  product: TokopediaProductFixtures;
  clientNumber: string | undefined;
  scenario: TokopediaScenario;
  pendingPolls: number;
  polls: number;
  /** An open amount's price when it is not the seed's: order answers carry it as `sales_price`. */
  salesPrice?: number;
}

export interface TokopediaStub {
  /** Base URL for cfg.baseUrl (…/api). */
  url: string;
  /** URL for cfg.tokenUrl. */
  tokenUrl: string;
  calls: TokopediaStubCall[];
  products: ReadonlyMap<string, Readonly<TokopediaProductFixtures>>;
  /** Checkouts that passed auth and signature and were not refused as a duplicate id (a second one is a double payment). */
  payCalls(orderId: string): number;
  /**
   * Every checkout POST naming this order id, rejected ones included (a 401 too): one pay() sends
   * at most one, so more than that for one payment breaks the at-most-once rule.
   */
  orderAttempts(orderId: string): number;
  tokenCalls(): number;
  statusCalls(orderId: string): number;
  setMode(fault: TokopediaFault, options?: TokopediaFaultOptions): void;
  /** Pick a scenario for a client number (beyond TOKOPEDIA_TEST_NUMBERS). */
  setScenario(clientNumber: string, scenario: TokopediaScenario): void;
  /** Register an order as if it had been checked out, without counting a pay call. */
  seedOrder(orderId: string, productCode: string, options?: { clientNumber?: string; scenario?: TokopediaScenario; pendingPolls?: number }): void;
  /** Drop an order, as if its checkout had never arrived: its status is P02 from now on. */
  forgetOrder(orderId: string): void;
  /** Invalidate every issued token: the next API call gets a 401. */
  revokeTokens(): void;
  setBalance(saldo: number): void;
  /** A product's `status` in the product list: 1 active, 2 inactive, 3 temporarily inactive. */
  setProductStatus(code: string, status: 1 | 2 | 3): void;
  /** POST the order's final body to `url`, signed with Tokopedia's key (or with a bad/no signature). */
  postCallback(url: string, orderId: string, options?: { signature?: "valid" | "bad" | "none" }): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

const API_ENDPOINTS: TokopediaEndpoint[] = ["inquiry", "order", "status", "account", "product-list"];
const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING };

/** The SDK's salt length (py_sat/signature/pss.py): `int(n.bit_length() / 8) - digest_size - 2`. */
export const sdkSaltLength = (key: KeyObject) => Math.floor(key.asymmetricKeyDetails!.modulusLength! / 8) - 32 - 2;

/** RFC 1123 as the SDK writes it (py_sat/constant.py DATE_TIME_FORMAT). */
const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Python's `json.dumps` with its defaults (", " and ": " separators, non-ASCII escaped), as the SDK signs callbacks. */
export function pythonJsonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// biome-ignore lint/suspicious/noExplicitAny: the stand-in reads whatever JSON a test sends, as the real server would.
function asJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The fixture text, unchanged when it already names this id/number, else with them put in. */
function adapt(text: string, id: string, clientNumber: string | undefined, status?: Record<string, unknown>): string {
  const json = asJson(text);
  if (json === undefined) return text;
  const attrs = json.data.attributes;
  if (json.data.id === id && (clientNumber === undefined || attrs.client_number === clientNumber) && !status) return text;
  json.data.id = id;
  if (clientNumber !== undefined) attrs.client_number = clientNumber;
  Object.assign(attrs, status);
  return JSON.stringify(json, null, 2);
}

/** An open amount's inquiry for another amount: no fee (as in the seed), so base and sales price are the amount. */
function openAmountQuote(inquiryResponse: string, amount: number): Record<string, unknown> {
  const lines = (asJson(inquiryResponse).data.attributes.inquiry_result ?? []) as { name: string; value: string }[];
  const rupiah = `Rp${String(amount).replace(/\B(?=(\d{3})+$)/g, ".")}`;
  return {
    base_price: amount,
    sales_price: amount,
    inquiry_result: lines.map((l) => (l.name === "Nominal Top-up" ? { ...l, value: rupiah } : l)),
  };
}

const errorsBody = (status: number, code: string, detail: string) => JSON.stringify({ errors: [{ status: String(status), code, detail }] });

/** The SDK tests' answer to a checkout whose id exists (tests/test_checkout.py). */
const duplicateBody = () => errorsBody(400, "P03", "Duplicate Request ID, please check your system");

export async function startTokopediaStub(options: TokopediaStubOptions): Promise<TokopediaStub> {
  const products = loadTokopediaFixtures();
  const clientId = options.clientId ?? "stub-client";
  const clientSecret = options.clientSecret ?? "stub-secret";
  const ttl = options.tokenTtlSeconds ?? 3600;
  const partnerKey = typeof options.partnerPublicKey === "string" ? createPublicKey(options.partnerPublicKey) : options.partnerPublicKey;
  const tokopediaKey =
    options.tokopediaPrivateKey === undefined
      ? undefined
      : typeof options.tokopediaPrivateKey === "string"
        ? createPrivateKey(options.tokopediaPrivateKey)
        : options.tokopediaPrivateKey;

  const calls: TokopediaStubCall[] = [];
  const tokens = new Map<string, number>();
  const orders = new Map<string, StubOrder>();
  const payCount = new Map<string, number>();
  const attemptCount = new Map<string, number>();
  const statusCount = new Map<string, number>();
  const productStatus = new Map<string, 1 | 2 | 3>();
  /** What the last inquiry quoted for an open amount, by product and number: its checkout must order that. */
  const quoted = new Map<string, number>();
  const scenarios = new Map<string, TokopediaScenario>(Object.entries(TOKOPEDIA_TEST_NUMBERS).map(([scenario, no]) => [no, scenario as TokopediaScenario]));
  let tokenCount = 0;
  let balance = options.balance ?? 10_000_000;
  let fault: TokopediaFault = "none";
  let faultOptions: TokopediaFaultOptions = {};
  const held = new Set<ServerResponse>();

  const scenarioOf = (clientNumber: string | undefined) => (clientNumber && scenarios.get(clientNumber)) || "success";
  const signBody = (body: string) =>
    tokopediaKey ? sign("sha256", Buffer.from(body), { key: tokopediaKey, ...PSS, saltLength: sdkSaltLength(tokopediaKey) }).toString("base64") : undefined;

  /** What the order says now (advancing its poll count when `poll`). */
  function orderBody(order: StubOrder, poll: boolean): string {
    if (poll) order.polls++;
    const price = order.salesPrice === undefined ? undefined : { sales_price: order.salesPrice };
    if (order.scenario === "instant-success" || order.scenario === "instant-failure" || order.polls > order.pendingPolls) {
      if (order.scenario === "pending-then-failure" || order.scenario === "instant-failure") {
        return adapt(order.product.orderPending, order.id, order.clientNumber, {
          ...price,
          status: "Failed",
          error_code: "S04",
          error_detail: "Transaksi gagal dari biller",
        });
      }
      return order.product.orderDetailIsJson ? adapt(order.product.orderDetail, order.id, order.clientNumber, price) : order.product.orderDetail;
    }
    return adapt(order.product.orderPending, order.id, order.clientNumber, price);
  }

  function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(body);
  }

  /** Applies the current fault; returns true when it answered. `body` is the normal answer (for unknown-status). */
  function faulted(endpoint: TokopediaEndpoint, req: IncomingMessage, res: ServerResponse, normal?: () => string): boolean {
    if (fault === "none" || !(faultOptions.only ?? API_ENDPOINTS).includes(endpoint)) return false;
    switch (fault) {
      case "timeout":
        held.add(res);
        return true;
      case "http500":
        reply(res, 500, errorsBody(500, "INTERNAL", "internal server error"));
        return true;
      case "html":
        res.writeHead(200, { "Content-Type": "text/html" });
        res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
        return true;
      case "malformed":
        reply(res, 200, '{"data": {"type": "order", "attributes": {"status": "Succ');
        return true;
      case "unknown-status": {
        if (!normal || (endpoint !== "order" && endpoint !== "status")) return false;
        const json = asJson(normal());
        json.data.attributes.status = "Processing";
        const body = JSON.stringify(json);
        reply(res, 200, body, signatureHeader(body));
        return true;
      }
      case "errors": {
        const status = faultOptions.errorStatus ?? 400;
        const detail = (faultOptions.errorDetail ?? "request rejected").replaceAll("{authorization}", req.headers.authorization ?? "");
        reply(res, status, errorsBody(status, faultOptions.errorCode ?? "E400", detail));
        return true;
      }
      case "unreached":
        // Answered where the checkout is read, before the order would be taken.
        return false;
      case "duplicate":
        if (endpoint !== "order") return false;
        reply(res, 400, duplicateBody());
        return true;
      case "bad-signature": {
        if (!normal || endpoint !== "status") return false;
        const body = normal();
        reply(res, 200, body, { signature: signBody(`${body} `) ?? "AAAA" });
        return true;
      }
    }
  }

  const signatureHeader = (body: string): Record<string, string> => {
    const signature = signBody(body);
    return signature ? { signature } : {};
  };

  function bearerOk(req: IncomingMessage): boolean {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
    const expires = m ? tokens.get(m[1]!) : undefined;
    return expires !== undefined && Date.now() < expires;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    const body = raw.toString("utf8");
    const url = new URL(req.url ?? "/", "http://stub");
    const path = url.pathname;
    const statusMatch = /^\/api\/v2\/order\/([^/]+)$/.exec(path);
    const endpoint: TokopediaStubCall["endpoint"] =
      path === "/token"
        ? "token"
        : path === "/api/v2/inquiry"
          ? "inquiry"
          : path === "/api/v2/order"
            ? "order"
            : statusMatch
              ? "status"
              : path === "/api/v2/account"
                ? "account"
                : path === "/api/v2/product-list"
                  ? "product-list"
                  : "other";
    calls.push({ endpoint, method: req.method ?? "", path, headers: req.headers, body });
    const expectMethod = endpoint === "token" || endpoint === "inquiry" || endpoint === "order" ? "POST" : "GET";
    if (endpoint === "other" || req.method !== expectMethod) return reply(res, 404, errorsBody(404, "NOT_FOUND", "no such endpoint"));

    if (endpoint === "token") {
      tokenCount++;
      if (faulted("token", req, res)) return;
      const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
      if (req.headers.authorization !== expected) return reply(res, 401, JSON.stringify({ error: "invalid_client" }));
      if (!req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) {
        return reply(res, 400, JSON.stringify({ error: "invalid_request" }));
      }
      if (new URLSearchParams(body).get("grant_type") !== "client_credentials") {
        return reply(res, 400, JSON.stringify({ error: "unsupported_grant_type" }));
      }
      const accessToken = randomBytes(18).toString("base64url");
      tokens.set(accessToken, Date.now() + ttl * 1000);
      return reply(res, 200, JSON.stringify({ access_token: accessToken, expires_in: ttl, token_type: "Bearer" }));
    }

    // The checkout id is counted before anything can reject it, so a resent order always shows.
    const json = endpoint === "inquiry" || endpoint === "order" ? asJson(body) : undefined;
    const orderId: unknown = endpoint === "order" ? json?.data?.id : undefined;
    if (typeof orderId === "string") attemptCount.set(orderId, (attemptCount.get(orderId) ?? 0) + 1);

    if (!bearerOk(req)) return reply(res, 401, errorsBody(401, "UNAUTHORIZED", "invalid or expired access token"));
    if (!RFC1123.test(String(req.headers.date ?? ""))) return reply(res, 400, errorsBody(400, "INVALID_DATE", "Date header (RFC 1123) is required"));
    if ((endpoint === "inquiry" || endpoint === "order") && !req.headers["content-type"]?.startsWith("application/json")) {
      return reply(res, 415, errorsBody(415, "UNSUPPORTED_MEDIA_TYPE", "content type must be application/json"));
    }

    if (endpoint === "account") {
      if (faulted("account", req, res)) return;
      return reply(res, 200, JSON.stringify({ data: { type: "account", id: clientId, attributes: { saldo: balance } } }));
    }

    if (endpoint === "product-list") {
      if (faulted("product-list", req, res)) return;
      const data = [...products.values()].map((p) => ({
        type: "product",
        id: p.code,
        attributes: {
          product_name: TOKOPEDIA_PREPAID_LIST[p.code]?.name ?? p.code,
          price: TOKOPEDIA_PREPAID_LIST[p.code]?.price ?? asJson(p.orderPending).data.attributes.sales_price,
          status: productStatus.get(p.code) ?? 1,
          is_inquiry: p.inquiryResponse !== undefined,
        },
      }));
      return reply(res, 200, JSON.stringify({ data }));
    }

    if (endpoint === "status") {
      const id = decodeURIComponent(statusMatch![1]!);
      statusCount.set(id, (statusCount.get(id) ?? 0) + 1);
      const order = orders.get(id);
      let current: string | undefined;
      const normal = () => (current ??= order ? orderBody(order, true) : errorsBody(400, "P02", "Transaction is not found"));
      if (faulted("status", req, res, order ? normal : undefined)) return;
      if (!order) return reply(res, 400, normal());
      const answer = normal();
      return reply(res, 200, answer, signatureHeader(answer));
    }

    // inquiry and order: the body must be the documented JSON:API document.
    const attrs = json?.data?.attributes;
    const productCode: unknown = attrs?.product_code;
    const clientNumber: unknown = attrs?.client_number;
    if (json?.data?.type !== endpoint || typeof productCode !== "string" || typeof clientNumber !== "string") {
      return reply(res, 400, errorsBody(400, "INVALID_REQUEST", `data.type "${endpoint}", product_code and client_number are required`));
    }
    const product = products.get(productCode);
    if (!product) return reply(res, 400, errorsBody(400, "P04", "Product not found"));
    const scenario = scenarioOf(clientNumber);
    // Where the seed's request carries `fields` (PBB period, SAMSAT Jatim's nik, machine_number and
    // phone_number, a game's zone_id), inquiry and checkout must name each of them.
    const seedRequest = asJson((endpoint === "inquiry" ? product.inquiryRequest : undefined) ?? product.orderRequest);
    const sentNames = Array.isArray(attrs.fields) ? attrs.fields.map((f: { name?: unknown }) => f?.name) : [];
    const missing = ((seedRequest?.data?.attributes?.fields ?? []) as { name: string }[]).filter((f) => !sentNames.includes(f.name));
    if (missing.length > 0) {
      return reply(res, 400, errorsBody(400, "FIELD_REQUIRED", `fields required: ${missing.map((f) => f.name).join(", ")}`));
    }

    if (endpoint === "inquiry") {
      if (faulted("inquiry", req, res)) return;
      if (!product.inquiryResponse) return reply(res, 400, errorsBody(400, "INQUIRY_NOT_SUPPORTED", "this product has no inquiry"));
      if (scenario === "inquiry-fails") return reply(res, 400, errorsBody(400, "CLIENT_NUMBER_NOT_FOUND", "Nomor pelanggan tidak ditemukan"));
      // The seed's own number and amount get the seed's answer verbatim (Tokopedia may normalise the number).
      const seed = asJson(product.inquiryRequest ?? "{}")?.data?.attributes;
      const amount =
        TOKOPEDIA_PREPAID_LIST[productCode]?.openAmount && Number.isInteger(attrs.amount) && attrs.amount !== seed?.amount
          ? (attrs.amount as number)
          : undefined;
      if (amount !== undefined) quoted.set(`${productCode}|${clientNumber}`, amount);
      else quoted.delete(`${productCode}|${clientNumber}`);
      if (clientNumber === seed?.client_number && amount === undefined) return reply(res, 200, product.inquiryResponse);
      return reply(
        res,
        200,
        adapt(product.inquiryResponse, clientNumber, clientNumber, amount === undefined ? undefined : openAmountQuote(product.inquiryResponse, amount)),
      );
    }

    // order (checkout)
    const signature = Buffer.from(String(req.headers.signature ?? ""), "base64");
    if (!verify("sha256", raw, { key: partnerKey, ...PSS, saltLength: sdkSaltLength(partnerKey) }, signature)) {
      return reply(res, 401, errorsBody(401, "INVALID_SIGNATURE", "signature does not match the request body"));
    }
    if (typeof orderId !== "string" || orderId === "") return reply(res, 400, errorsBody(400, "INVALID_REQUEST", "data.id is required"));
    if (fault === "unreached" && (faultOptions.only ?? API_ENDPOINTS).includes("order")) {
      res.writeHead(502, { "Content-Type": "text/html" });
      return void res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    }
    // A checkout whose id exists makes no second order: refused, not counted as a pay.
    if (orders.has(orderId)) return reply(res, 400, duplicateBody());
    payCount.set(orderId, (payCount.get(orderId) ?? 0) + 1);
    const openPrice = quoted.get(`${productCode}|${clientNumber}`);
    if (product.inquiryResponse) {
      const price = openPrice ?? asJson(product.inquiryResponse).data.attributes.sales_price;
      if (attrs.amount !== price) return reply(res, 400, errorsBody(400, "INVALID_AMOUNT", `amount must be ${price}`));
    }
    if (scenario === "payment-rejected") return reply(res, 400, errorsBody(400, "ALREADY_PAID", "Tagihan sudah terbayar"));
    const order: StubOrder = {
      id: orderId,
      product,
      clientNumber,
      scenario,
      pendingPolls: options.pendingPolls ?? 1,
      polls: 0,
      ...(openPrice !== undefined && { salesPrice: openPrice }),
    };
    // Faults hit after the order is taken: a lost answer is exactly when the order may still go through.
    orders.set(orderId, order);
    if (faulted("order", req, res, () => orderBody(order, false))) return;
    return reply(res, 200, orderBody(order, false));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks)).catch((err: unknown) => reply(res, 500, errorsBody(500, "STUB", String(err))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/api`,
    tokenUrl: `${origin}/token`,
    calls,
    products,
    payCalls: (id) => payCount.get(id) ?? 0,
    orderAttempts: (id) => attemptCount.get(id) ?? 0,
    tokenCalls: () => tokenCount,
    statusCalls: (id) => statusCount.get(id) ?? 0,
    setMode(f, o = {}) {
      fault = f;
      faultOptions = o;
    },
    setScenario: (no, scenario) => void scenarios.set(no, scenario),
    seedOrder(id, productCode, o = {}) {
      const product = products.get(productCode);
      if (!product) throw new Error(`no fixtures for ${productCode}`);
      orders.set(id, {
        id,
        product,
        clientNumber: o.clientNumber,
        scenario: o.scenario ?? scenarioOf(o.clientNumber),
        pendingPolls: o.pendingPolls ?? options.pendingPolls ?? 1,
        polls: 0,
      });
    },
    forgetOrder: (id) => void orders.delete(id),
    revokeTokens: () => tokens.clear(),
    setBalance: (saldo) => void (balance = saldo),
    setProductStatus: (code, status) => void productStatus.set(code, status),
    async postCallback(target, id, o = {}) {
      const order = orders.get(id);
      if (!order) throw new Error(`unknown order ${id}`);
      const text = orderBody({ ...order, polls: order.pendingPolls + 1 }, false);
      const body = asJson(text) === undefined ? text : pythonJsonDumps(asJson(text));
      const mode = o.signature ?? "valid";
      const headers: Record<string, string> = { "Content-Type": "application/vnd.api+json" };
      if (mode !== "none") {
        const signature = signBody(mode === "bad" ? `${body}x` : body);
        if (!signature) throw new Error("postCallback needs tokopediaPrivateKey");
        headers.signature = signature;
      }
      const res = await fetch(target, { method: "POST", headers, body });
      return { status: res.status, body: await res.text() };
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
