import { type Api, GrammyError, HttpError } from "grammy";

/** grammY types its signals with an AbortSignal polyfill; Node's own is what it gets at run time. */
export type ApiSignal = NonNullable<Parameters<Api["getMe"]>[0]>;

/** How long one start-up call may stay unanswered before it counts as failed (a host that swallows packets). */
export const CONNECT_TIMEOUT_MS = 20_000;

/** The pause before a failed call to Telegram is tried again. */
export const RETRY_MS = 2_000;

/** A lasting outage is told once a minute, not once per try. */
export const OUTAGE_LOG_EVERY_MS = 60_000;

/** What went wrong reaching Telegram, with the network's reason (grammY's own message hides it). */
export function reachError(err: unknown): string {
  if (err instanceof HttpError && err.error instanceof Error) {
    const cause = err.error as Error & { code?: string };
    return cause.message || cause.code || err.message;
  }
  return (err as Error).message;
}

/**
 * Tells a failing connection to Telegram at once, then at most once a minute while it lasts, and
 * when it answers again; meanwhile the calls are tried again every RETRY_MS, silently.
 */
export class TelegramOutage {
  private since: number | undefined;
  private toldAt = -Infinity;
  private reason = "";

  constructor(
    private readonly now: () => number,
    /** Where the failures go (a warning), and the news that Telegram answers again. */
    private readonly warn: (message: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  failed(method: string, err: unknown): void {
    this.since ??= this.now();
    this.reason = reachError(err);
    if (this.now() - this.toldAt < OUTAGE_LOG_EVERY_MS) return;
    this.toldAt = this.now();
    const lasting = this.now() - this.since >= OUTAGE_LOG_EVERY_MS ? ` (unreachable for ${this.seconds()} s)` : "";
    this.warn(`Telegram: ${method} failed (${this.reason}); trying again every ${RETRY_MS / 1000} s${lasting}`);
  }

  answered(): void {
    if (this.since === undefined) return;
    this.log(`Telegram: answering again after ${this.seconds()} s.`);
    this.since = undefined;
    this.toldAt = -Infinity;
  }

  /** For /health: undefined while Telegram answers. */
  problem(): string | undefined {
    return this.since === undefined ? undefined : `cannot reach the Bot API for ${this.seconds()} s: ${this.reason}`;
  }

  private seconds(): number {
    return Math.round((this.now() - (this.since ?? this.now())) / 1000);
  }
}

/** A token Telegram does not know (401) or cannot parse (404): trying again would not help. */
function refusedToken(err: unknown, apiRoot: string | undefined): Error | undefined {
  if (!(err instanceof GrammyError) || (err.error_code !== 401 && err.error_code !== 404)) return undefined;
  const root = apiRoot ? `, and that TELEGRAM_API_ROOT (${apiRoot}) is a Bot API server` : "";
  return new Error(
    `BOT_TOKEN was refused by Telegram (${err.error_code}: ${err.description}): check that it is the whole token @BotFather gave (digits, a colon, then 35 characters) and that it was not revoked${root}.`,
  );
}

export interface Persist {
  outage: TelegramOutage;
  /** The first signal: the tries end and nothing is returned. */
  signal: AbortSignal;
  apiRoot: string | undefined;
}

/**
 * Calls Telegram until it answers: a network failure, a timeout or a 5xx is tried again every
 * RETRY_MS (told as TelegramOutage says). Undefined when `signal` ended the tries; a token
 * Telegram refuses, or any other refusal, is thrown as one readable line.
 */
export async function persist<T>(method: string, call: (signal: ApiSignal) => Promise<T>, o: Persist): Promise<T | undefined> {
  while (!o.signal.aborted) {
    const timeout = AbortSignal.timeout(CONNECT_TIMEOUT_MS);
    try {
      const result = await call(AbortSignal.any([o.signal, timeout]) as unknown as ApiSignal);
      o.outage.answered();
      return result;
    } catch (thrown) {
      if (o.signal.aborted) break;
      const err = timeout.aborted ? new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`) : thrown;
      const refused = refusedToken(err, o.apiRoot);
      if (refused) throw refused;
      if (err instanceof GrammyError && err.error_code < 500 && err.error_code !== 429) throw new Error(`Telegram refused ${method}: ${err.message}`);
      o.outage.failed(method, err);
      await pause(RETRY_MS, o.signal);
    }
  }
  return undefined;
}

/** RETRY_MS, or less when the signal comes. A plain timer: at start-up it is what keeps the process waiting. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
