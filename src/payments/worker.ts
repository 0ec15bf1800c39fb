import type { Payments } from "./payments.js";
import type { Tx } from "./transactions.js";

/** Tells a user what became of their payment, through whatever channel they use. */
export type PaymentNotifier = (tx: Tx) => Promise<void>;

export interface WorkerOptions {
  now?: () => number;
  /** How often to look for pending payments whose status check is due. */
  pollIntervalMs?: number;
  log?: (message: string) => void;
}

/**
 * Sends confirmed payments to the provider and follows pending ones, outside the chat's update
 * handling: a slow biller never holds up a conversation or a webhook. Jobs run one at a time.
 */
export class PaymentWorker {
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly payments: Payments,
    private readonly notify: PaymentNotifier,
    private readonly opts: WorkerOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => {});
  }

  /** Queues a confirmed payment for sending. */
  enqueue(txId: string): void {
    this.run(() => this.send(txId));
  }

  /** Resolves when every queued job has finished (tests and shutdown wait on this). */
  idle(): Promise<void> {
    return this.chain;
  }

  /**
   * Picks up what a previous run left in flight. A confirmed payment was never sent (sending is
   * claimed before the provider is called), so it is sent now; one caught while sending may have
   * reached the provider, so it becomes pending and only ever gets status checks.
   */
  resume(): void {
    for (const tx of this.payments.txs.inStates(["confirmed"])) this.enqueue(tx.id);
    for (const tx of this.payments.txs.inStates(["sending"])) {
      this.run(async () => {
        const settled = this.payments.settle(tx.id, { kind: "unknown", reason: "interrupted while sending" });
        if (settled) await this.notify(settled);
      });
    }
  }

  start(): void {
    this.resume();
    const interval = this.opts.pollIntervalMs ?? 15_000;
    this.timer = setInterval(() => this.checkDue(), interval);
    this.timer.unref();
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    return this.idle();
  }

  /** Queues a status check for every pending payment that is due one. */
  checkDue(): void {
    for (const tx of this.payments.txs.dueForCheck(this.now())) this.run(() => this.check(tx.id));
  }

  /** Asks the provider now where a pending payment stands. */
  checkNow(txId: string): Promise<void> {
    return this.run(() => this.check(txId));
  }

  private run(job: () => Promise<void>): Promise<void> {
    const next = this.chain.then(job).catch((err: unknown) => this.log(`payment worker: ${(err as Error).stack ?? String(err)}`));
    this.chain = next;
    return next;
  }

  private async send(txId: string): Promise<void> {
    const tx = this.payments.claim(txId);
    if (!tx) return;
    const outcome = await this.payments.provider.pay(tx.bill);
    const settled = this.payments.settle(txId, outcome);
    if (settled) await this.notify(settled);
  }

  private async check(txId: string): Promise<void> {
    const tx = this.payments.txs.get(txId);
    if (!tx || tx.state !== "pending") return;
    const outcome = await this.payments.provider.status(tx.bill);
    const settled = this.payments.settle(txId, outcome);
    if (settled) await this.notify(settled);
  }
}
