import type { ApiClientOptions } from "grammy";
import { httpClient } from "../http-client.js";
import { chatOf, isMessageCall, type OutgoingQueue, type Send } from "./outgoing.js";
import { realTimers, sleep, type Timers } from "./timers.js";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;
type FetchInit = NonNullable<Parameters<Fetch>[1]>;

/**
 * How a Bot API call is tried again. A flood-wait (429 with retry_after) is waited out as long as
 * Telegram says, as often as it says: the message is one a user waits for, and sending it again
 * sooner only earns another refusal. A 5xx is tried again `maxRetryAttempts` times after
 * `serverErrorDelayMs`, doubling each time (3 s, 6 s, 12 s). One exchange with the Bot API is given
 * up after `attemptTimeoutMs` of silence (a connection that hangs); the waits in between do not count.
 */
export interface ApiRetryPolicy {
  maxRetryAttempts: number;
  serverErrorDelayMs: number;
  attemptTimeoutMs: number;
}

export const API_RETRY: Readonly<ApiRetryPolicy> = { maxRetryAttempts: 3, serverErrorDelayMs: 3_000, attemptTimeoutMs: 500_000 };

/**
 * grammY's own timeout covers a whole call, waits included: a day, so that a flood-wait or the
 * queue is never cut short; each exchange has `attemptTimeoutMs` instead.
 */
export const CALL_TIMEOUT_SECONDS = 86_400;

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
type Signal = NonNullable<FetchInit["signal"]>;

export interface RetryOptions {
  policy?: Partial<ApiRetryPolicy>;
  /** The clock the waits run on (the bot's). */
  timers?: Timers;
  /** Telegram's limits: messages wait their turn here (see OutgoingQueue); without it every call goes at once. */
  queue?: OutgoingQueue;
}

/**
 * The Bot API client's fetch, trying calls again on flood-waits and 5xx, and with a queue keeping
 * messages within Telegram's limits. It sits at `client.fetch` rather than on `bot.api.config`
 * because a conversation's `ctx.api` is a fresh Api that does not inherit transformers; there, a
 * transformer would also run outside the conversation's replay log and wait out the same
 * flood-wait again on every replay. Here the log only sees the outcome.
 */
export function retryingFetch(fetch: Fetch = overHttp, { policy, timers = realTimers, queue }: RetryOptions = {}): Fetch {
  const { maxRetryAttempts, serverErrorDelayMs, attemptTimeoutMs } = { ...API_RETRY, ...policy };
  // Without a queue an attempt that must wait sleeps first; the caller's abort ends the sleep.
  const direct =
    (signal: Signal | undefined): Send =>
    (attempt, notBefore) =>
      notBefore === undefined ? attempt() : sleep(timers, notBefore - timers.now(), signal).then(attempt);
  return (async (url: Parameters<Fetch>[0], init?: FetchInit) => {
    // The bot's HTTP client reads `timeoutMs`: an exchange that hangs ends, however long the waits before it.
    const sent = { ...init, body: isStream(init?.body) ? await replayable(init.body) : init?.body, timeoutMs: attemptTimeoutMs } as FetchInit;
    const method = String(url).slice(String(url).lastIndexOf("/") + 1);
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
    const call = async (send: Send): Promise<void> => {
      let result = await send(attempt);
      for (let errors = 0, delay = serverErrorDelayMs; !result.ok && !init?.signal?.aborted; ) {
        const wait = result.parameters?.retry_after;
        // A callback answer is only worth giving at once (the press shows a spinner meanwhile).
        if (result.error_code === 429 && typeof wait === "number" && method !== "answerCallbackQuery") result = await send(attempt, timers.now() + wait * 1000);
        else if ((result.error_code ?? 0) >= 500 && errors++ < maxRetryAttempts) {
          result = await send(attempt, timers.now() + delay);
          delay *= 2;
        } else break;
      }
    };
    const chat = queue && isMessageCall(method) ? chatOf(sent.body) : undefined;
    await (chat === undefined ? call(direct(init?.signal)) : queue!.inTurn(chat, call));
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
