import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Config } from "../../config.js";
import { httpClient } from "../../http-client.js";
import { parseJson, wholeNumber } from "../common.js";
import { send, type FetchLike } from "../http.js";
import type { Outcome } from "../provider.js";

/**
 * Tokopedia's wire: an OAuth2 client-credentials Bearer token (fetched once, shared by concurrent
 * calls, renewed before it expires or after a 401), JSON requests with an RFC 1123 `Date`, the
 * answer's `signature` header kept for the status reader, the partner's RSA keys read once, and
 * every text that may echo our secrets scrubbed before it leaves the adapter.
 */

export type Wire =
  | { kind: "response"; status: number; body: string; signature: string | null }
  | { kind: "unknown"; reason: string }
  /** No request was sent: the token could not be had (`rejected` = credentials refused). */
  | { kind: "no-token"; rejected: boolean; reason: string };
export type Answer = Extract<Wire, { kind: "response" }>;

export const is2xx = (status: number) => status >= 200 && status < 300;

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: wholeNumber, token_type: z.string().optional() });

const JSON_HEADERS = { "Content-Type": "application/json", Accept: "application/json" };
/** The SDK sends an RFC 1123 `Date` on every call (py_sat/http_client.py `send_request`). */
const dateHeader = () => ({ Date: new Date().toUTCString() });

type Bearer = { kind: "token"; value: string } | Extract<Wire, { kind: "no-token" }>;

/** The Bearer token: one request at a time, renewed a minute before it expires; `drop` forgets a refused one. */
function tokenSource(cfg: Config["tokopedia"], basic: string, fetchImpl: FetchLike, timeoutMs: number, onToken: (value: string) => void) {
  let token: { value: string; renewAt: number } | undefined;
  let tokenInFlight: Promise<Bearer> | undefined;

  async function fetchToken(): Promise<Bearer> {
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
    onToken(parsed.data.access_token);
    // Renew a minute early so a token never expires between our check and Tokopedia's.
    token = { value: parsed.data.access_token, renewAt: Date.now() + (parsed.data.expires_in - 60) * 1000 };
    return { kind: "token", value: token.value };
  }

  return {
    async bearer(): Promise<Bearer> {
      if (token && Date.now() < token.renewAt) return { kind: "token", value: token.value };
      // Concurrent calls share one token request.
      tokenInFlight ??= fetchToken().finally(() => (tokenInFlight = undefined));
      return tokenInFlight;
    },
    /** Only if no other call has renewed it meanwhile. */
    drop(value: string) {
      if (token?.value === value) token = undefined;
    },
  };
}

/** A key file read on first use and kept; undefined while it cannot be read. */
function keyFile(read: () => KeyObject): () => KeyObject | undefined {
  let key: KeyObject | undefined;
  return () => {
    try {
      key ??= read();
    } catch {
      return undefined;
    }
    return key;
  };
}

export interface TokopediaClient {
  /**
   * One authorised exchange. A 401 most likely means the token expired or was revoked: the token
   * is dropped so the next call fetches a fresh one, and a call that moves no money (`resend401`)
   * is sent once more with it. A checkout is never sent twice.
   */
  request(method: "GET" | "POST", path: string, opts?: { body?: string; headers?: Record<string, string>; resend401?: boolean }): Promise<Wire>;
  /** Provider texts (error details) are echoed into messages; they must never carry our secrets. */
  scrub<T>(o: Outcome<T>): Outcome<T>;
  /** Our key for signing a checkout (TOKOPEDIA_PRIVATE_KEY_PATH). */
  privateKey(): KeyObject | undefined;
  /** Tokopedia's key for its signed answers, when TOKOPEDIA_PUBLIC_KEY_PATH is set. */
  publicKey?: () => KeyObject | undefined;
}

export function createTokopediaClient(cfg: Config["tokopedia"], opts: { fetch?: FetchLike; timeoutMs?: number } = {}): TokopediaClient {
  const fetchImpl = opts.fetch ?? httpClient;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const basic = Buffer.from(`${cfg.clientId}:${cfg.clientSecret}`).toString("base64");
  const secrets = new Set([cfg.clientSecret, basic].filter((s) => s.length > 0));
  const clean = (text: string) => [...secrets].reduce((t, s) => t.split(s).join("***"), text);
  const tokens = tokenSource(cfg, basic, fetchImpl, timeoutMs, (value) => secrets.add(value));
  const publicKeyPath = cfg.publicKeyPath;

  return {
    async request(method, path, { body, headers = {}, resend401 = true } = {}) {
      for (let attempt = 0; ; attempt++) {
        const auth = await tokens.bearer();
        if (auth.kind !== "token") return auth;
        const seen = { signature: null as string | null };
        const capture: FetchLike = async (input, init) => {
          const res = await fetchImpl(input, init);
          seen.signature = res.headers.get("signature");
          return res;
        };
        const res = await send(
          {
            method,
            url: `${cfg.baseUrl}${path}`,
            headers: { ...JSON_HEADERS, ...dateHeader(), ...headers, Authorization: `Bearer ${auth.value}` },
            body,
            timeoutMs,
          },
          capture,
        );
        if (res.kind === "unknown") return res;
        if (res.status === 401) {
          tokens.drop(auth.value);
          if (resend401 && attempt === 0) continue;
        }
        return { kind: "response", status: res.status, body: res.body, signature: seen.signature };
      }
    },

    scrub<T>(o: Outcome<T>): Outcome<T> {
      if (o.kind === "failed") return { ...o, message: clean(o.message) };
      if (o.kind === "unknown") {
        return { ...o, reason: clean(o.reason), ...(o.alert && { alert: { ...o.alert, message: clean(o.alert.message) } }) };
      }
      if (o.kind === "pending" && o.message !== undefined) return { ...o, message: clean(o.message) };
      return o;
    },

    privateKey: keyFile(() => createPrivateKey(readFileSync(cfg.privateKeyPath))),
    ...(publicKeyPath && { publicKey: keyFile(() => createPublicKey(readFileSync(publicKeyPath))) }),
  };
}
