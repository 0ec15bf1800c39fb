import type { ListKey, PriceLists } from "../db/price-lists.js";
import type { Outcome } from "../providers/provider.js";

export type RefreshResult =
  | { kind: "refreshed"; items: number }
  /** The last good list stays; `firstFailure` when this started an outage (the admins were told). */
  | { kind: "failed"; reason: string; firstFailure: boolean }
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

/**
 * Keeps one of the provider's price lists in SQLite fresh: at start and then every `intervalMs`. A
 * list that cannot be fetched keeps the last good one, and the admins hear of it once, not every hour.
 */
export class PriceListRefresher<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RefreshResult> | undefined;

  constructor(
    private readonly source: PriceListSource<T>,
    private readonly lists: PriceLists,
    private readonly opts: PriceRefreshOptions,
  ) {}

  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.opts.intervalMs);
    this.timer.unref();
  }

  /** Stops the schedule and waits for a refresh in progress, so SQLite can be closed after. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One refresh; a call while one runs shares it. */
  refresh(): Promise<RefreshResult> {
    this.running ??= this.fetch().finally(() => (this.running = undefined));
    return this.running;
  }

  private async fetch(): Promise<RefreshResult> {
    const { source, lists, opts } = this;
    if (!source.fetch) return { kind: "no-list" };
    // An adapter throwing must not end the schedule: it is a failed refresh like any other.
    const outcome = await source.fetch().catch((err: unknown) => ({ kind: "unknown" as const, reason: String((err as Error)?.message ?? err) }));
    const now = opts.now();
    if (outcome.kind === "success") {
      source.save(outcome.value, now);
      return { kind: "refreshed", items: outcome.value.length };
    }
    const reason =
      outcome.kind === "failed" ? `${outcome.code}: ${outcome.message}` : outcome.kind === "unknown" ? outcome.reason : `answered ${outcome.kind}`;
    const lastGood = lists.state(source.key).fetchedAt;
    const firstFailure = lists.recordFailure(source.key, reason, now);
    opts.log(`price list ${source.key} not refreshed (the last good one stays): ${reason}`);
    if (firstFailure) await opts.alert(reason, lastGood).catch((err: Error) => opts.log(`price list alert not sent: ${err.message}`));
    return { kind: "failed", reason, firstFailure };
  }
}
