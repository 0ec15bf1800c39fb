import type { Bot } from "grammy";

/**
 * The updates a bot is handling right now. The runner's task() resolves when fetching stops, not
 * when handlers finish, and a webhook answers before its update is handled: a shutdown waits here
 * before SQLite is closed under them.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];
  /** The highest update_id seen, for confirming to Telegram what was handled. */
  lastUpdateId: number | undefined;

  begin(updateId: number): void {
    this.count++;
    if (this.lastUpdateId === undefined || updateId > this.lastUpdateId) this.lastUpdateId = updateId;
  }

  end(): void {
    this.count--;
    if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  get size(): number {
    return this.count;
  }

  /** Resolves true once nothing is in flight, or false after `timeoutMs` with updates still running. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(wake), 1);
        resolve(false);
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push(wake);
    });
  }
}

const trackers = new WeakMap<object, InFlight>();

/** The in-flight tracker of a bot built by createBot. */
// biome-ignore lint/suspicious/noExplicitAny: a bot of any context type; only its identity is used.
export function inFlight(bot: Bot<never> | Bot<any>): InFlight {
  let t = trackers.get(bot);
  if (!t) trackers.set(bot, (t = new InFlight()));
  return t;
}
