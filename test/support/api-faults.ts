import type { ApiClientOptions } from "grammy";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;

/** An error answer of the Bot API, as Telegram sends it (HTTP status = error_code). */
export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

/** Telegram's flood-wait answer: https://core.telegram.org/bots/api#responseparameters */
export const tooManyRequests = (retryAfter: number): ApiError => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${retryAfter}`,
  parameters: { retry_after: retryAfter },
});

/** What Telegram answers a message to someone who blocked the bot. */
export const blockedByUser: ApiError = { error_code: 403, description: "Forbidden: bot was blocked by the user" };

export const badGateway: ApiError = { error_code: 502, description: "Bad Gateway" };

/**
 * Sits in front of the emulator at grammY's `client.fetch`, where every Bot API call passes (those
 * made inside conversations too): a queued fault answers the next call of its method instead of
 * the emulator; the call never reaches the emulator, as a refused request never reaches Telegram.
 */
export class ApiFaults {
  private readonly queued: { method: string; error: ApiError; when?: (payload: Record<string, unknown>) => boolean }[] = [];
  /** The faults answered so far, oldest first. */
  readonly answered: { method: string; payload: Record<string, unknown>; error: ApiError }[] = [];

  constructor(private readonly next: Fetch) {}

  /** The next call of `method` (whose payload passes `when`, if given) gets `error`. */
  failNext(method: string, error: ApiError, when?: (payload: Record<string, unknown>) => boolean): void {
    this.queued.push({ method, error, when });
  }

  readonly fetch = (async (url: string, init?: { body?: unknown }) => {
    const method = String(url).split("/").pop() ?? "";
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const i = this.queued.findIndex((f) => f.method === method && (f.when?.(payload) ?? true));
    if (i < 0) return this.next(url as never, init as never);
    const { error } = this.queued.splice(i, 1)[0]!;
    this.answered.push({ method, payload, error });
    return new Response(JSON.stringify({ ok: false, ...error }), { status: error.error_code, headers: { "content-type": "application/json" } });
  }) as unknown as Fetch;
}
