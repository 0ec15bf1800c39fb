import { httpClient } from "../http-client.js";

export type Exchange = { kind: "answer"; status: number; json: unknown; text: string } | { kind: "unknown"; reason: string };

/**
 * One JSON exchange with a gateway. Never throws: a timeout, a connection error or a body that is
 * not JSON is `unknown` (the request may have reached the gateway).
 */
export async function exchange(
  url: string,
  init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string; timeoutMs?: number },
): Promise<Exchange> {
  try {
    const res = await httpClient(url, { method: init.method, headers: init.headers, body: init.body, signal: AbortSignal.timeout(init.timeoutMs ?? 15_000) });
    const text = await res.text();
    try {
      return { kind: "answer", status: res.status, json: JSON.parse(text), text };
    } catch {
      return { kind: "unknown", reason: `HTTP ${res.status}, not JSON: ${text.slice(0, 80)}` };
    }
  } catch (err) {
    const e = err as Error;
    return { kind: "unknown", reason: e.name === "TimeoutError" || e.name === "AbortError" ? "timeout" : `connection error (${e.message})` };
  }
}
