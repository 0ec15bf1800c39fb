import type { ListKey, PriceLists } from "../db/price-lists.js";
import type { Outcome } from "../providers/provider.js";

export type RefreshResult =
  | { kind: "refreshed"; items: number }
  /**
   * The last good list stays; `firstFailure` when this started an outage (the admins were told).
   * `retryAt`: when the schedule tries again.
   */
  | { kind: "failed"; reason: string; firstFailure: boolean; retryAt: number }
  /** Refused by the provider's price-list rate limit (Digiflazz rc 83): a failure whose retries back off. */
  | { kind: "rate-limited"; reason: string; firstFailure: boolean; retryAt: number }
  /** The provider publishes no price list. */
  | { kind: "no-list" };

/** One of a provider's price lists: how to fetch it (undefined when it publishes none) and where it is kept. */
export interface PriceListSource<T> {
  key: ListKey;
  fetch: (() => Promise<Outcome<T[]>>) | undefined;
  save(items: T[], now: number): void;
}

export interface PriceRefreshOptions {
  intervalMs: number;
  now: () => number;
  /** Tells the admins a refresh failed; called once per outage. */
  alert(reason: string, lastGood: number | undefined): Promise<void>;
  log(message: string): void;
}

/** A list that could not be fetched is tried again this soon (or at the interval, if shorter), not an hour later. */
const RETRY_AFTER_FAILURE_MS = 10 * 60_000;
/**
 * The first pause after a rate-limit refusal, doubling up to the interval while refusals go on:
 * Digiflazz allows one price-list call per 5 minutes (response-code table, rc 83 "Limitasi
 * pricelist", "Max 1x per 5 menit").
 */
const RATE_LIMIT_FIRST_PAUSE_MS = 5 * 60_000;

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

/**
 * Keeps one of the provider's price lists in SQLite fresh. A list that cannot be fetched keeps the
 * last good one, and the admins hear of it once, not at every attempt. When it is due again is
 * decided here (`dueAt`, on the bot's clock); PriceListSchedule decides when calls are made.
 */
export class PriceListRefresher<T> {
  private running: Promise<RefreshResult> | undefined;
  /** When the next scheduled refresh is due: at once, until one has run. */
  dueAt = -Infinity;
  /** When the provider's price-list endpoint was last called for this list. */
  lastCallAt = -Infinity;
  private pauseMs = RATE_LIMIT_FIRST_PAUSE_MS;

  constructor(
    private readonly source: PriceListSource<T>,
    private readonly lists: PriceLists,
    private readonly opts: PriceRefreshOptions,
  ) {}

  /** A list the schedule may start now: published, not being fetched, and due. */
  due(now: number): boolean {
    return this.source.fetch !== undefined && !this.running && now >= this.dueAt;
  }

  /** Waits for a refresh in progress, so SQLite can be closed after. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** One refresh, now; a call while one runs shares it. */
  refresh(): Promise<RefreshResult> {
    if (!this.running && this.source.fetch) this.lastCallAt = this.opts.now();
    this.running ??= this.fetch().finally(() => (this.running = undefined));
    return this.running;
  }

  private async fetch(): Promise<RefreshResult> {
    const { source, lists, opts } = this;
    if (!source.fetch) return { kind: "no-list" };
    // An adapter throwing must not end the schedule: it is a failed refresh like any other.
    const outcome = await source.fetch().catch((err: unknown): Outcome<T[]> => ({ kind: "unknown", reason: String((err as Error)?.message ?? err) }));
    const now = opts.now();
    if (outcome.kind === "success") {
      source.save(outcome.value, now);
      this.dueAt = now + opts.intervalMs;
      this.pauseMs = RATE_LIMIT_FIRST_PAUSE_MS;
      return { kind: "refreshed", items: outcome.value.length };
    }
    const limited = outcome.kind === "unknown" ? outcome.rateLimit : undefined;
    const pause = limited ? Math.max(this.pauseMs, limited.retryAfterMs ?? 0) : Math.min(opts.intervalMs, RETRY_AFTER_FAILURE_MS);
    if (limited) this.pauseMs = Math.min(this.pauseMs * 2, Math.max(opts.intervalMs, RATE_LIMIT_FIRST_PAUSE_MS));
    this.dueAt = now + pause;
    const said = outcome.kind === "failed" ? `${outcome.code}: ${outcome.message}` : outcome.kind === "unknown" ? outcome.reason : `answered ${outcome.kind}`;
    const reason = limited ? `${said}; next try in ${minutes(pause)}` : said;
    const lastGood = lists.state(source.key).fetchedAt;
    const firstFailure = lists.recordFailure(source.key, reason, now);
    opts.log(`price list ${source.key} not refreshed (the last good one stays): ${reason}`);
    if (firstFailure) await opts.alert(reason, lastGood).catch((err: Error) => opts.log(`price list alert not sent: ${err.message}`));
    return { kind: limited ? "rate-limited" : "failed", reason, firstFailure, retryAt: this.dueAt };
  }
}

/**
 * No two price-list calls to the provider less than this apart, whichever lists they are for:
 * Digiflazz allows one call per 5 minutes (rc 83) and does not say whether its postpaid and
 * prepaid lists count apart; a minute more for clocks that disagree.
 */
const GAP_MS = 6 * 60_000;
/** How often the schedule's timer looks at the bot's clock. */
const TICK_MS = 30_000;

/**
 * When a provider's price lists are fetched: each when it is due, never two calls less than six
 * minutes apart, the first list in `lists` first. So at start the second list follows the first
 * six minutes later, and the hourly refreshes keep that stagger. Runs on the bot's clock, which a
 * timer looks at every 30 seconds (tests call tick() instead).
 */
export class PriceListSchedule {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly lists: PriceListRefresher<unknown>[],
    private readonly now: () => number,
  ) {}

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Starts the first list that is due, unless the provider was called less than six minutes ago; resolves when that refresh ends. */
  tick(): Promise<RefreshResult | undefined> {
    const now = this.now();
    const lastCall = Math.max(...this.lists.map((l) => l.lastCallAt));
    const next = now >= lastCall + GAP_MS ? this.lists.find((l) => l.due(now)) : undefined;
    return next ? next.refresh() : Promise.resolve(undefined);
  }

  /** Stops the timer and waits for a refresh in progress, so SQLite can be closed after. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.lists.map((l) => l.idle()));
  }
}
