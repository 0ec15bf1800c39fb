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
 * node-fetch, which costs twice its CPU per call; a payment takes about 14 Bot API calls. grammY's
 * init (method, headers, body, signal) is what the client reads.
 */
const overHttp = httpClient as unknown as Fetch;

/** A multipart upload arrives as a one-shot stream: read it once so a retry can send it again. */
async function replayable(body: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

const isStream = (body: unknown): body is AsyncIterable<Uint8Array | string> => body !== null && typeof body === "object" && Symbol.asyncIterator in body;

type Result = { ok: boolean; error_code?: number; parameters?: { retry_after?: number } };

/**
 * The Bot API client's fetch with @grammyjs/auto-retry for flood-waits. It sits at `client.fetch`
 * rather than on `bot.api.config` because a conversation's `ctx.api` is a fresh Api that does not
 * inherit transformers; there, a transformer would also run outside the conversation's replay
 * log and wait out the same flood-wait again on every replay. Here the log only sees the outcome.
 */
export function retryingFetch(fetch: Fetch = overHttp, policy: Partial<ApiRetryPolicy> = {}): Fetch {
  const { maxDelaySeconds, maxRetryAttempts, serverErrorDelayMs } = { ...API_RETRY, ...policy };
  // auto-retry honours flood-waits; 5xx answers come back to the loop below, whose pause is ours.
  const retry = autoRetry({ maxDelaySeconds, maxRetryAttempts, rethrowHttpErrors: true, rethrowInternalServerErrors: true });
  return (async (url: Parameters<Fetch>[0], init?: FetchInit) => {
    const sent = init !== undefined && isStream(init.body) ? ({ ...init, body: await replayable(init.body) } as FetchInit) : init;
    let last: Answer = { status: 0, text: "", parsed: undefined };
    const attempt = async (): Promise<Result> => {
      const response = await fetch(url, sent);
      // Read once, not cloned: a fetch's clone of a large body (getUpdates) read alone stalls.
      last = { status: response.status, text: await response.text(), parsed: undefined };
      try {
        return (last.parsed = JSON.parse(last.text)) as Result;
      } catch {
        // A proxy's HTML error page is still a status worth retrying when it is a 5xx.
        return { ok: false, error_code: last.status };
      }
    };
    // auto-retry only once Telegram asked for a wait (its wrapper per call was a tenth of the
    // Bot API path's allocation); the answer in hand is its first attempt's.
    const once = async (): Promise<Result> => {
      const first = await attempt();
      if (typeof first.parameters?.retry_after !== "number") return first;
      let handed = false;
      const method = String(url).slice(String(url).lastIndexOf("/") + 1);
      return (await retry((() => (handed ? attempt() : ((handed = true), Promise.resolve(first)))) as never, method as never, {} as never, init?.signal as never)) as Result;
    };
    let result = await once();
    for (let attempt = 0, delay = serverErrorDelayMs; !result.ok && (result.error_code ?? 0) >= 500 && attempt < maxRetryAttempts; attempt++, delay *= 2) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (init?.signal?.aborted) break;
      result = await once();
    }
    return new Answered(last) as unknown as Awaited<ReturnType<Fetch>>;
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
class Answered {
  readonly ok: boolean;
  readonly status: number;
  constructor(private readonly answer: Answer) {
    this.status = answer.status;
    this.ok = answer.status >= 200 && answer.status < 300;
  }
  text(): Promise<string> {
    return Promise.resolve(this.answer.text);
  }
  json(): Promise<unknown> {
    const { parsed, text } = this.answer;
    // A rejection, not a throw, as an async json() gives.
    return parsed === undefined ? Promise.resolve().then(() => JSON.parse(text) as unknown) : Promise.resolve(parsed);
  }
}
