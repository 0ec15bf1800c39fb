import type { DepositService } from "./deposits.js";

export interface DepositPollerOptions {
  /** How often (real time) to look for deposits whose check is due on the bot's clock. */
  intervalMs?: number;
  log(message: string): void;
}

/**
 * Follows open deposits whose notification never came, until the gateway settles them, after a
 * restart too (the schedule lives in SQLite); tells customers what a restart kept from them.
 */
export class DepositPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly service: DepositService,
    private readonly opts: DepositPollerOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? 5_000);
    this.timer.unref();
  }

  /** One sweep (a sweep still running is waited for instead of starting a second). */
  tick(): Promise<void> {
    this.running ??= this.service
      .sweep()
      .catch((err: unknown) => this.opts.log(`deposit poll failed: ${(err as Error).stack ?? String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
