import type { Outcome } from "../providers/provider.js";
import type { ThrottleAlert } from "./worker-notifiers.js";

/** The first pause after the provider says "too many requests"; it doubles while that goes on. */
const BACKOFF_FIRST_MS = 1_000;
/** The longest pause for everyone, whatever the provider asks for; reaching it is reported to the admins. */
const PAUSE_CEILING_MS = 60_000;

/**
 * The payment worker's answer to the provider's "too many requests": when no job may start, how
 * many may run at once, and how long each refused payment waits.
 */
export class ProviderPause {
  /** How many jobs may run at once now: halved on a rate limit, back up by one per answer that was not. */
  private currentLimit: number;
  /** No job starts before this (a rate limit's pause), for any payment. */
  private pausedUntil = 0;
  private backoffMs = BACKOFF_FIRST_MS;
  /** The admins heard of the current run of refusals (an answer that is not one ends the run). */
  private throttleReported = false;
  /**
   * Refusals in a row per payment. Only a payment's first one pauses everyone: a purchase the
   * provider keeps refusing waits longer each time on its own and never holds up the others again.
   */
  private readonly refusals = new Map<string, number>();

  constructor(
    private readonly concurrency: number,
    private readonly now: () => number,
    private readonly log: (message: string) => void,
    private readonly throttled: ThrottleAlert,
  ) {
    this.currentLimit = concurrency;
  }

  get limit(): number {
    return this.currentLimit;
  }

  paused(): boolean {
    return this.now() < this.pausedUntil;
  }

  /** How long the pause still lasts (zero or less: none). */
  remainingMs(): number {
    return this.pausedUntil - this.now();
  }

  /** Payments with refusals in a row remembered. */
  remembered(): IterableIterator<string> {
    return this.refusals.keys();
  }

  forget(txId: string): void {
    this.refusals.delete(txId);
  }

  /**
   * "Too many requests" slows payments down. A payment's first refusal in a row stops every job
   * for a pause that doubles while refusals go on (at least what the provider asks for, never
   * more than PAUSE_CEILING_MS; reaching it is reported to the admins once a run), and fewer run
   * at once afterwards, one more for each answer that is not a refusal. Refusals of calls made
   * before the pause began count once. Returns how long this payment itself waits before it is
   * sent again (longer at each of its refusals in a row, up to the ceiling), and the admins'
   * report when there is one: sent after the outcome is recorded, so a message can never hold
   * money up.
   */
  observe(outcome: Outcome<unknown>, txId: string): { wait: number; report?: () => Promise<void> } {
    const refusal =
      outcome.kind === "failed"
        ? outcome.rateLimit && { limit: outcome.rateLimit, reason: `rc ${outcome.code}: ${outcome.message}` }
        : outcome.kind === "unknown"
          ? outcome.rateLimit && { limit: outcome.rateLimit, reason: outcome.reason }
          : undefined;
    if (!refusal) {
      this.refusals.delete(txId);
      this.backoffMs = BACKOFF_FIRST_MS;
      this.throttleReported = false;
      this.currentLimit = Math.min(this.concurrency, this.currentLimit + 1);
      return { wait: 0 };
    }
    const asked = Math.min(refusal.limit.retryAfterMs ?? 0, PAUSE_CEILING_MS);
    // A failure is final: nothing of this payment comes again, so nothing to remember.
    const inARow = outcome.kind === "failed" ? 1 : (this.refusals.get(txId) ?? 0) + 1;
    if (outcome.kind !== "failed") this.refusals.set(txId, inARow);
    const report = inARow === 1 && !this.paused() ? this.pause(Math.max(this.backoffMs, asked), refusal.reason) : undefined;
    return { wait: Math.min(PAUSE_CEILING_MS, Math.max(asked, BACKOFF_FIRST_MS * 2 ** (inARow - 1))), ...(report && { report }) };
  }

  /** Stops every job for `wanted` (at most the ceiling); the admins' report when it reaches the ceiling, once a run. */
  private pause(wanted: number, reason: string): (() => Promise<void>) | undefined {
    const ms = Math.min(wanted, PAUSE_CEILING_MS);
    this.pausedUntil = this.now() + ms;
    this.backoffMs = Math.min(this.backoffMs * 2, PAUSE_CEILING_MS);
    this.currentLimit = Math.max(1, Math.floor(this.currentLimit / 2));
    this.log(`provider rate limit (${reason}): pausing ${ms} ms, then at most ${this.currentLimit} at once`);
    if (ms < PAUSE_CEILING_MS || this.throttleReported) return undefined;
    this.throttleReported = true;
    return () => this.throttled({ ms, reason });
  }
}
