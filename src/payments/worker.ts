import { earliestCheck, type Payments } from "./payments.js";
import { Failover } from "./failover.js";
import type { RouteHealth } from "../pricing/route-health.js";
import type { Outcome, Payment } from "../providers/provider.js";
import type { Tx, TxState } from "../billing/transaction.js";
import { ProviderPause } from "./provider-pause.js";
import type { WorkerNotifiers } from "./worker-notifiers.js";

export interface WorkerOptions {
  now?: () => number;
  /** How often to look for pending payments whose status check is due. */
  pollIntervalMs?: number;
  /** A payment pending longer than this since it was sent (PENDING_ALERT_MINUTES) is flagged to the admins, once. */
  pendingAlertMs: number;
  log?: (message: string) => void;
  /** How many payments are talked to the provider about at once. */
  concurrency?: number;
  /** Several providers: how a refused purchase goes to the next route (default: within a minute of its confirmation). */
  failover?: Failover;
  /** Several providers: takes a failing one out of routing and brings it back. */
  health?: RouteHealth;
}

/** How long a confirmed payment may wait for its hand-over before the worker takes it anyway. */
const FORGOTTEN_AFTER_MS = 30_000;

/**
 * A payment confirmed this long ago that the provider has not taken yet (still confirmed, or
 * sending) is reported to the admins like an overdue pending one (sooner, if PENDING_ALERT_MINUTES is).
 */
const STUCK_ALERT_MS = 5 * 60_000;

export type CheckResult =
  /** The provider was asked; `tx` is the payment as it stands now (settled, or still pending). */
  | { kind: "checked"; tx: Tx }
  /** Asked less than a minute ago: the next check is moved to `at` instead (the providers' limit). */
  | { kind: "scheduled"; at: number }
  | { kind: "not-pending"; state: TxState | "missing" }
  /** The check broke (logged); nothing changed. */
  | { kind: "error" };

/**
 * Sends confirmed payments to the provider and follows pending ones, outside the chat's update
 * handling: a slow biller never holds up a conversation or a webhook.
 */
export class PaymentWorker {
  private readonly queue: { txId: string; job: () => Promise<void>; drop: () => void }[] = [];
  private started = false;
  private stopped = false;
  /** Payments with a job running now. */
  private readonly active = new Set<string>();
  private readonly idleWaiters: (() => void)[] = [];
  /** When a payment turned away unread may be sent again (the sweep of confirmed payments sends it). */
  private readonly resendAt = new Map<string, number>();
  private wakeTimer: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Payments with a send waiting in the queue: the sweep of confirmed ones must not stack them up. */
  private readonly queuedSends = new Set<string>();
  /** Payments with a poller's status check waiting in the chain: a slow provider must not stack them up. */
  private readonly queuedChecks = new Set<string>();
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly failover: Failover;
  private readonly providerPause: ProviderPause;

  constructor(
    private readonly payments: Payments,
    private readonly notify: WorkerNotifiers,
    private readonly opts: WorkerOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => {});
    this.providerPause = new ProviderPause(opts.concurrency ?? 256, this.now, this.log, (pause) => this.notify.throttled(pause));
    this.failover = opts.failover ?? new Failover(payments, { windowMs: 60_000, now: this.now });
  }

  /** Queues a confirmed payment for sending. */
  enqueue(txId: string): void {
    if (this.queuedSends.has(txId)) return;
    this.queuedSends.add(txId);
    void this.run(
      txId,
      () => {
        this.queuedSends.delete(txId);
        return this.send(txId);
      },
      undefined,
    );
  }

  /**
   * Resolves when no job is running and every queued one has finished or waits out a rate limit's
   * pause (tests and shutdown wait on this).
   */
  idle(): Promise<void> {
    if (this.settled()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private settled(): boolean {
    return this.active.size === 0 && (this.queue.length === 0 || this.providerPause.paused());
  }

  /**
   * Picks up what a previous run left in flight. A confirmed payment was never sent (sending is
   * claimed before the provider is called), so it is sent now; one caught while sending may have
   * reached the provider, so it becomes pending and only ever gets status checks.
   */
  resume(): void {
    for (const tx of this.payments.txs.inStates(["confirmed"])) this.enqueue(tx.id);
    for (const tx of this.payments.txs.inStates(["sending"])) {
      void this.run(
        tx.id,
        async () => {
          const settled = this.payments.settle(tx.id, { kind: "unknown", reason: "interrupted while sending" });
          if (settled) await this.notify.user(settled);
        },
        undefined,
      );
    }
  }

  /** Started and not stopped: what /health asks. */
  get running(): boolean {
    return this.started && !this.stopped;
  }

  start(): void {
    this.started = true;
    this.resume();
    const interval = this.opts.pollIntervalMs ?? 15_000;
    this.timer = setInterval(() => this.tick(), interval);
    this.timer.unref();
  }

  /**
   * Starts nothing new and waits for the jobs under way: a provider call in flight returns and its
   * outcome is recorded. Jobs not begun (also those waiting out a rate limit's pause) are dropped;
   * their payments stay confirmed or pending in SQLite, and the next start picks them up (resume
   * and the poller).
   */
  stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.wakeTimer);
    this.stopped = true;
    for (const queued of this.queue.splice(0)) queued.drop();
    this.queuedSends.clear();
    return this.idle();
  }

  /**
   * One round of follow-up: confirmed payments nobody handed over, the status checks that are due,
   * and admins told about payments pending too long.
   */
  tick(): void {
    this.forgetSettled();
    this.sendForgotten();
    this.checkDue();
    this.flagOverdue();
    void this.reviewRoutes();
    this.pump();
  }

  /** Several providers: those out of routing whose time is up are checked (tests await it). */
  reviewRoutes(): Promise<void> {
    return this.opts.health?.review().catch((err: Error) => this.log(`route health review failed: ${err.message}`)) ?? Promise.resolve();
  }

  /**
   * A confirmed payment is normally handed over right after the user is told; if that step never
   * ran (the chat's update failed after the charge), the money would sit held. Sending twice is
   * impossible: only one claim of a confirmed payment succeeds.
   */
  private sendForgotten(): void {
    const now = this.now();
    for (const tx of this.payments.txs.inStates(["confirmed"])) {
      const due = this.resendAt.get(tx.id) ?? (tx.confirmedAt ?? tx.createdAt) + FORGOTTEN_AFTER_MS;
      if (due <= now) this.enqueue(tx.id);
    }
  }

  /** Drops what the worker remembers of payments that left confirmed, sending and pending (by a callback or an admin). */
  private forgetSettled(): void {
    for (const txId of new Set([...this.providerPause.remembered(), ...this.resendAt.keys()])) {
      const state = this.payments.txs.get(txId)?.state;
      if (state !== "confirmed" && state !== "sending" && state !== "pending") {
        this.providerPause.forget(txId);
        this.resendAt.delete(txId);
      }
    }
  }

  /** Queues a status check for every pending payment that is due one. */
  private checkDue(): void {
    for (const tx of this.payments.txs.dueForCheck(this.now())) {
      if (this.queuedChecks.has(tx.id)) continue;
      this.queuedChecks.add(tx.id);
      void this.run(tx.id, () => this.checkIfDue(tx.id), undefined).finally(() => this.queuedChecks.delete(tx.id));
    }
  }

  /**
   * Asks the provider now where a pending payment stands (a callback arrived, an admin asked).
   * Within a minute of the previous check it only brings the next scheduled check forward.
   */
  checkNow(txId: string): Promise<CheckResult> {
    return this.run(
      txId,
      async (): Promise<CheckResult> => {
        const tx = this.payments.txs.get(txId);
        if (tx?.state !== "pending") return { kind: "not-pending", state: tx?.state ?? "missing" };
        const earliest = earliestCheck(tx);
        if (this.now() < earliest) {
          this.payments.txs.checkNoLaterThan(txId, earliest);
          return { kind: "scheduled", at: earliest };
        }
        return { kind: "checked", tx: await this.ask(tx) };
      },
      { kind: "error" },
    );
  }

  /**
   * Queues a job about one payment. Up to `concurrency` jobs run at once, so one slow biller does
   * not hold up every other payment, but never two for the same payment: its steps stay in order.
   * A job that throws is logged and answers `onError`.
   */
  private run<T>(txId: string, job: () => Promise<T>, onError: T): Promise<T> {
    if (this.stopped) return Promise.resolve(onError);
    return new Promise<T>((resolve) => {
      this.queue.push({
        txId,
        job: () =>
          job().then(resolve, (err: unknown) => {
            this.log(`payment worker: ${(err as Error).stack ?? String(err)}`);
            resolve(onError);
          }),
        drop: () => resolve(onError),
      });
      this.pump();
    });
  }

  private pump(): void {
    const pause = this.providerPause.remainingMs();
    if (pause > 0) {
      // Looked at again when the pause is over (or at the next tick, whichever comes first).
      this.wakeTimer ??= setTimeout(() => {
        this.wakeTimer = undefined;
        this.pump();
      }, pause);
      this.wakeTimer.unref();
      this.wakeIdle();
      return;
    }
    while (this.active.size < this.providerPause.limit) {
      const i = this.queue.findIndex((q) => !this.active.has(q.txId));
      if (i < 0) break;
      const [next] = this.queue.splice(i, 1);
      this.active.add(next!.txId);
      void next!.job().finally(() => {
        this.active.delete(next!.txId);
        this.pump();
        this.wakeIdle();
      });
    }
  }

  private wakeIdle(): void {
    if (this.settled()) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private async send(txId: string): Promise<void> {
    this.resendAt.delete(txId);
    const claimed = this.payments.claim(txId);
    if (!claimed) return;
    const { tx, outcome } = await this.failover.payAlong(claimed, (t) => this.call("pay", t), this.opts.health);
    const seen = this.providerPause.observe(outcome, txId);
    // Turned away unread (RateLimit.unprocessed): confirmed again, and sent again by the sweep of
    // confirmed payments after its own wait; a restart meanwhile sends it like any confirmed
    // payment. Any other rate limit is pending (or, Digiflazz's 85, failed) below.
    if (outcome.kind === "unknown" && outcome.rateLimit?.unprocessed && this.payments.release(txId)) {
      this.resendAt.set(txId, this.now() + seen.wait);
    } else {
      await this.tell(this.payments.settle(txId, outcome));
      await this.alertOperator(outcome, tx);
      await this.opts.health?.observe(tx.provider);
    }
    await seen.report?.();
  }

  /** A call about the payment's current attempt to its provider (one no longer configured: unknown, it may have been paid there). */
  private call(op: "pay" | "status", tx: Tx): Promise<Outcome<Payment>> {
    const provider = this.payments.providerOf(tx);
    if (!provider) return Promise.resolve({ kind: "unknown", reason: `provider ${tx.provider} is not configured` });
    return provider[op](tx.bill).catch((err: unknown) => this.thrown(op, tx.id, err));
  }

  /**
   * The user hears of each change; the admins too when the cost the provider reported is above the
   * price the user paid (a price that rose since the list, which only Digiflazz's max_price stops),
   * and when a purchase the provider reported done came without its token (it becomes a change only
   * once), flagged so the overdue alert does not repeat it.
   */
  private async tell(settled: Tx | undefined): Promise<void> {
    if (!settled) return;
    await this.notify.user(settled);
    if (settled.state === "success" && settled.cost > settled.price) {
      this.log(`payment ${settled.id} (${settled.productId}) sold at a loss: the provider took ${settled.cost}, the user paid ${settled.price}`);
      await this.notify.loss(settled);
    }
    if (settled.state !== "pending" || settled.awaiting === null) return;
    this.payments.txs.flag(settled.id, this.now());
    await this.notify.admins(settled);
  }

  /** A refusal only the operator can fix (failed for the operator's account, or an unknown about the request itself). */
  private async alertOperator(outcome: Outcome<Payment>, tx: Tx): Promise<void> {
    const problem =
      outcome.kind === "failed" && outcome.blame === "operator"
        ? { code: outcome.code, message: outcome.message }
        : outcome.kind === "unknown"
          ? outcome.alert
          : undefined;
    if (problem) await this.notify.operator({ ...problem, productId: tx.productId });
  }

  /** The poller's check, unless a check in between (a callback's, an admin's) moved it on. */
  private async checkIfDue(txId: string): Promise<void> {
    const tx = this.payments.txs.get(txId);
    const now = this.now();
    if (tx?.state !== "pending" || (tx.nextCheckAt ?? now) > now || earliestCheck(tx) > now) return;
    await this.ask(tx);
  }

  /** One status check: the outcome is recorded (a final one settles), the user told of a change. */
  private async ask(tx: Tx): Promise<Tx> {
    const outcome = await this.call("status", tx);
    const { report } = this.providerPause.observe(outcome, tx.id);
    await this.tell(this.payments.settle(tx.id, outcome));
    await this.alertOperator(outcome, tx);
    await this.opts.health?.observe(tx.provider);
    await report?.();
    return this.payments.txs.get(tx.id)!;
  }

  /**
   * An adapter that throws (a bug, an unreadable key) must not strand a payment in `sending` or
   * skip the once-a-minute spacing: the call may have reached the provider, so it is `unknown`.
   */
  private thrown(call: string, txId: string, err: unknown): Outcome<Payment> {
    this.log(`provider ${call} for ${txId} threw: ${(err as Error).stack ?? String(err)}`);
    return { kind: "unknown", reason: `${call} threw` };
  }

  /**
   * Tells the admins, once, about each payment still pending PENDING_ALERT_MINUTES after it was
   * sent, and about each one the provider has not taken STUCK_ALERT_MS after it was confirmed.
   */
  private flagOverdue(): void {
    const now = this.now();
    const stuckAfter = Math.min(STUCK_ALERT_MS, this.opts.pendingAlertMs);
    for (const tx of this.payments.txs.overdueUnflagged(now - this.opts.pendingAlertMs, now - stuckAfter)) {
      // Marked before the message goes out, so overlapping rounds cannot tell the admins twice.
      if (this.payments.txs.flag(tx.id, now)) void this.run(tx.id, () => this.notify.admins(tx), undefined);
    }
  }
}
