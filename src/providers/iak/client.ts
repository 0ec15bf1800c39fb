import type { Config } from "../../config.js";
import { md5Signer } from "../common.js";
import { send, type FetchLike, type HttpResult } from "../http.js";

/**
 * IAK's two APIs on the wire, both POSTs of JSON signed md5(username + apiKey + x): the postpaid
 * one at `api/v1/bill/check`, calls told apart by `commands`, and the prepaid one at
 * `api/<call>` on its own base URL. What comes back is read by read.ts and prepaid.ts.
 */

const BILL_PATH = "/api/v1/bill/check";

export interface IakClient {
  /** A postpaid call: `commands`, its fields, signed with `signWith` (the ref, the tr_id or a fixed word). */
  bill(commands: string, fields: Record<string, string>, signWith: string): Promise<HttpResult>;
  /** A prepaid call to `api/<path>`; the body carries its own `sign`. */
  prepaid(path: string, body: Record<string, unknown>): Promise<HttpResult>;
  sign: (x: string) => string;
}

export function createIakClient(cfg: Config["iak"], opts: { fetch?: FetchLike; timeoutMs?: number } = {}): IakClient {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const sign = md5Signer(cfg.username, cfg.apiKey);
  const post = (url: string, body: Record<string, unknown>) =>
    send(
      { method: "POST", url, headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body), timeoutMs },
      opts.fetch,
    );
  return {
    bill: (commands, fields, signWith) => post(`${cfg.baseUrl}${BILL_PATH}`, { commands, username: cfg.username, ...fields, sign: sign(signWith) }),
    prepaid: (path, body) => post(`${cfg.prepaidBaseUrl.replace(/\/+$/, "")}/api/${path}`, { username: cfg.username, ...body }),
    sign,
  };
}
