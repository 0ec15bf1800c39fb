import type { Timers } from "../../src/bot/timers.js";

/** 10:00 WIB on a weekday: far from midnight, so only tests that mean to cross a WIB day do. */
export const MORNING_WIB = Date.UTC(2026, 10, 23, 3, 0, 0);

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock the tests move by hand; the bot, the payments and the worker all read it through `now`,
 * and the bot's waits (flood-waits, the outgoing queue) run on its timers: moving the clock fires
 * the ones that fall due, in order.
 */
export class Clock implements Timers {
  t: number;
  private timers: Timer[] = [];
  private seq = 0;
  constructor(readonly startsAt = MORNING_WIB) {
    this.t = startsAt;
  }
  readonly now = () => this.t;
  readonly after = (ms: number, fn: () => void) => {
    const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  };
  advance(ms: number): void {
    const end = this.t + ms;
    for (let next = this.timers[0]; next && next.at <= end; next = this.timers[0]) {
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
  }
  /** How many timers are set. */
  get pending(): number {
    return this.timers.length;
  }
  /**
   * Lets `work` run to its end, moving the clock on to the next timer each time everything else
   * has come to rest: a wait of minutes takes no real time, and what waited sees it pass.
   */
  async settle<T>(work: Promise<T>): Promise<T> {
    let done = false;
    void work.then(
      () => (done = true),
      () => (done = true),
    );
    while (!done) {
      // Everything runnable runs first (promise chains, I/O callbacks already due).
      for (let i = 0; i < 20 && !done; i++) await new Promise((r) => setImmediate(r));
      const next = this.timers[0];
      if (done) break;
      if (next) this.advance(next.at - this.t);
      else await new Promise((r) => setTimeout(r, 1));
    }
    return work;
  }
  /** Back to where it started, for the next test. */
  reset(): void {
    this.t = this.startsAt;
    this.timers = [];
  }
}
