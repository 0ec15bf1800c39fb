import type { Config } from "../../config.js";
import { md5Signer, unknown, type Unknown } from "../common.js";
import { send, type FetchLike, type HttpResult } from "../http.js";
import type { Outcome } from "../provider.js";

/**
 * Digiflazz's wire, in both dialects: the canonical api.digiflazz.com one and the white-label
 * `*.api.digiswitch.id` one the seeds document. Every call is a POST of JSON signed
 * md5(username + apiKey + x); what comes back is handed to a reader only when it is worth reading.
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

/** One signed POST to `path`, its answer read by `read` when there is one worth reading. */
export type Post = <T>(path: string, body: Record<string, unknown>, read: (raw: string) => Outcome<T>) => Promise<Outcome<T>>;

export type PostpaidCommand = "inq-pasca" | "pay-pasca" | "status-pasca";

export interface DigiflazzClient {
  keys: (typeof DIGIFLAZZ_DIALECTS)[DigiflazzDialect];
  sign: (x: string) => string;
  post: Post;
  /** A postpaid transaction call, signed with its ref_id. */
  transaction<T>(
    command: PostpaidCommand,
    productCode: string,
    customerNo: string,
    ref: string,
    extra: Record<string, unknown>,
    read: (raw: string) => Outcome<T>,
  ): Promise<Outcome<T>>;
}

export function createDigiflazzClient(cfg: Config["digiflazz"], opts: { fetch?: FetchLike; timeoutMs?: number } = {}): DigiflazzClient {
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
    command: PostpaidCommand,
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

  return { keys, sign, post, transaction };
}
