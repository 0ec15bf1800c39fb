import { autoRetry } from "@grammyjs/auto-retry";
import type { ApiClientOptions } from "grammy";
import { httpClient } from "../http-client.js";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;
type FetchInit = NonNullable<Parameters<Fetch>[1]>;

/**
 * How long a flood-wait (429 retry_after) may hold a chat's update, and how often one call is
 * tried again (429 and 5xx). A longer wait fails the call: better an error now than a reply
 * minutes late, and a committed top-up does not depend on its reply anyway. A 5xx is tried again
 * after `serverErrorDelayMs`, doubling each time (3 s, 6 s, 12 s).
 */
export interface ApiRetryPolicy {
  maxDelaySeconds: number;
  maxRetryAttempts: number;
  serverErrorDelayMs: number;
}

export const API_RETRY: Readonly<ApiRetryPolicy> = { maxDelaySeconds: 30, maxRetryAttempts: 3, serverErrorDelayMs: 3_000 };

/**
 * Telegram over the bot's own HTTP client (Node's keep-alive agents) rather than grammY's
 * node-fetch, which costs twice its CPU per call; a payment takes about 14 Bot API calls.
 */
const overHttp = ((url: Parameters<Fetch>[0], init?: FetchInit) =>
  httpClient(String(url), {
    method: init?.method,
    headers: init?.headers as Record<string, string> | undefined,
    body: init?.body as string | Uint8Array | undefined,
    signal: init?.signal as AbortSignal | undefined,
  })) as unknown as Fetch;

/** A multipart upload arrives as a one-shot stream: read it once so a retry can send it again. */
async function replayable(body: unknown): Promise<unknown> {
  if (body === null || typeof body !== "object" || !(Symbol.asyncIterator in body)) return body;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * The Bot API client's fetch with @grammyjs/auto-retry around each call. It sits at `client.fetch`
 * rather than on `bot.api.config` because a conversation's `ctx.api` is a fresh Api that does not
 * inherit transformers; there, a transformer would also run outside the conversation's replay
 * log and wait out the same flood-wait again on every replay. Here the log only sees the outcome.
 */
export function retryingFetch(fetch: Fetch = overHttp, policy: Partial<ApiRetryPolicy> = {}): Fetch {
  const { maxDelaySeconds, maxRetryAttempts, serverErrorDelayMs } = { ...API_RETRY, ...policy };
  // auto-retry honours flood-waits; 5xx answers come back to the loop below, whose pause is ours.
  const retry = autoRetry({ maxDelaySeconds, maxRetryAttempts, rethrowHttpErrors: true, rethrowInternalServerErrors: true });
  return (async (url: Parameters<Fetch>[0], init?: FetchInit) => {
    const body = await replayable(init?.body);
    const method = String(url).split("/").pop() ?? "";
    let last: Answer = { status: 0, text: "", parsed: undefined };
    const once = () =>
      retry(
        async () => {
          const response = await fetch(url, { ...init, body } as FetchInit);
          // Read once, not cloned: a fetch's clone of a large body (getUpdates) read alone stalls.
          last = { status: response.status, text: await response.text(), parsed: undefined };
          try {
            last.parsed = JSON.parse(last.text);
            return last.parsed as never;
          } catch {
            // A proxy's HTML error page is still a status worth retrying when it is a 5xx.
            return { ok: false, error_code: last.status, description: last.text.slice(0, 100) } as never;
          }
        },
        method as never,
        {} as never,
        init?.signal as never,
      ) as Promise<{ ok: boolean; error_code?: number }>;
    let result = await once();
    for (let attempt = 0, delay = serverErrorDelayMs; !result.ok && (result.error_code ?? 0) >= 500 && attempt < maxRetryAttempts; attempt++, delay *= 2) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (init?.signal?.aborted) break;
      result = await once();
    }
    return answered(last) as unknown as Awaited<ReturnType<Fetch>>;
  }) as Fetch;
}

/** The last attempt's answer: its body as read and, when it was JSON, as parsed. */
interface Answer {
  status: number;
  text: string;
  parsed: unknown;
}

/**
 * The part of a fetch Response that grammY reads (`json()`), over the body already read and parsed:
 * a web Response built per call, with its streams, cost about 0.2 ms of CPU per Bot API call.
 * A body that is not JSON fails `json()` as a Response's would.
 */
const answered = ({ status, text, parsed }: Answer) => ({
  ok: status >= 200 && status < 300,
  status,
  text: async () => text,
  json: async () => (parsed === undefined ? JSON.parse(text) : parsed) as unknown,
});
