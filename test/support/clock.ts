/** 10:00 WIB on a weekday: far from midnight, so only tests that mean to cross a WIB day do. */
export const MORNING_WIB = Date.UTC(2026, 10, 23, 3, 0, 0);

/** A clock the tests move by hand; the bot, the payments and the worker all read it through `now`. */
export class Clock {
  t: number;
  constructor(readonly startsAt = MORNING_WIB) {
    this.t = startsAt;
  }
  readonly now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
  /** Back to where it started, for the next test. */
  reset(): void {
    this.t = this.startsAt;
  }
}
