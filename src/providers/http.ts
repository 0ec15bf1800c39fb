import { httpClient, type HttpAnswer, type HttpInit } from "../http-client.js";
import type { Outcome } from "./provider.js";

/** What came back over the wire, before any provider-specific reading. */
export type HttpResult = { kind: "response"; status: number; body: string; contentType: string } | { kind: "unknown"; reason: string };

export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** How `send` makes its request (tests pass a fetch of their own); providers send text bodies only. */
export type FetchLike = (input: string, init: HttpInit & { body?: string }) => Promise<HttpAnswer>;

/**
 * One HTTP exchange. Never throws: a timeout or a connection error is `unknown`, because the
 * request may or may not have reached the provider.
 */
export async function send(req: HttpRequest, fetchImpl: FetchLike = httpClient): Promise<HttpResult> {
  try {
    const res = await fetchImpl(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const body = await res.text();
    return { kind: "response", status: res.status, body, contentType: res.headers.get("content-type") ?? "" };
  } catch (err) {
    const e = err as Error;
    const reason = e.name === "TimeoutError" || e.name === "AbortError" ? "timeout" : `connection error (${e.message})`;
    return { kind: "unknown", reason };
  }
}

/**
 * Retries a read-only call (balance, price list; an inquiry, under a fresh ref each time) while
 * its outcome is `unknown`. Never used for pay: a payment that may have reached the provider is
 * followed up with a status check instead; nor for status checks, which the worker spaces out.
 * A rate-limit refusal is not retried: asking again 300 ms later only earns another (Digiflazz
 * allows one price-list call per 5 minutes); the caller backs off instead.
 */
export async function retryUnknown<T>(
  attempt: () => Promise<Outcome<T>>,
  { tries = 2, delayMs = 300 }: { tries?: number; delayMs?: number } = {},
): Promise<Outcome<T>> {
  let last = await attempt();
  for (let i = 1; i < tries && last.kind === "unknown" && !last.rateLimit; i++) {
    await new Promise((r) => setTimeout(r, delayMs));
    last = await attempt();
  }
  return last;
}
