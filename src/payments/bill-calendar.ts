import type { Bill } from "../billing/bill.js";
import type { Catalog } from "../billing/catalog.js";
import {
  coversCycle,
  cycleOf,
  cycleStart,
  isQuiet,
  nextCycle,
  outsideQuiet,
  risePercent,
  runAt,
  slotDaysLater,
  type QuietHours,
} from "../billing/reminder-calendar.js";
import type { Db } from "../db/database.js";
import type { Favorite, Favorites } from "../db/favorites.js";
import { Reminders, type Reminder, type ReminderOutcome } from "../db/reminders.js";
import type { Payments } from "./payments.js";

/** REMINDER_* settings (see config.ts). */
export interface ReminderPolicy {
  quiet: QuietHours;
  maxPerHour: number;
  retryDays: number;
  maxTries: number;
  jumpPercent: number;
}

/** What a reminder has to tell its user; nothing is told of an inquiry that failed (it is asked again). */
export type ReminderNews =
  | {
      kind: "due";
      favorite: Favorite;
      cycle: string;
      bill: Bill;
      price: number;
      /** The last bill of this number the user paid here, and how many percent the new one is above it. */
      last?: { billAmount: number; paidAt: number; rise: number; jump: boolean };
    }
  | { kind: "paid"; favorite: Favorite; nextRunAt: number }
  /** No bill after the last try of the month. */
  | { kind: "not-published"; favorite: Favorite; tries: number; nextRunAt: number };

/** Where a saved bill stands this month, for /tagihanku. */
export type MonthStatus =
  | { kind: "paid"; at?: number }
  | { kind: "due"; price: number }
  | { kind: "not-published"; nextRunAt?: number }
  | { kind: "scheduled"; at: number }
  /** The biller did not answer usefully; asked again at `at`. */
  | { kind: "unchecked"; at: number }
  | { kind: "off" };

export interface BillCalendarDeps {
  db: Db;
  favorites: Favorites;
  payments: Payments;
  catalog: Catalog;
  /** A user an admin blocked: their reminders wait, asking nothing, until they are unblocked. */
  isBlocked(userId: number): boolean;
  policy: ReminderPolicy;
  now: () => number;
  tell(userId: number, news: ReminderNews): Promise<void>;
  alertOperator(problem: { code: string; message: string; productId: string }): Promise<void>;
  log(message: string): void;
}

/** One run's month: the saved bill, the WIB month, its counts so far, when the biller answered, next month's run. */
interface Month {
  favorite: Favorite;
  cycle: string;
  counts: { tries: number; failures: number };
  after: number;
  nextMonth: number;
}

const HOUR_MS = 3_600_000;
/** How often the schedule looks at the bot's clock (tests call tick() instead). */
const TICK_MS = 60_000;
/** A run cut short (a crash mid-inquiry) is taken up again after this. */
const LEASE_MS = 15 * 60_000;
/** A failed inquiry is asked again after 1, 2, 4... hours, at most a day apart, this many times a month. */
const MAX_FAILURES = 6;
/** How far back a payment here of the very bill found counts as "already paid". */
const PAID_LOOKBACK_MS = 62 * 24 * HOUR_MS;

/**
 * The bill calendar: saved postpaid bills whose biller is asked each month on their day, within
 * the allowed hours and at most `maxPerHour` inquiries an hour, paced over the minutes. Every step
 * is written to SQLite before its message goes out, so after a restart nothing is asked or sent
 * twice. An inquiry records nothing and moves no money: the user's press on "Bayar" starts the
 * usual payment, which asks the biller again.
 */
export class BillCalendar {
  readonly reminders: Reminders;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | undefined;
  private stopped = false;

  constructor(private readonly deps: BillCalendarDeps) {
    this.reminders = new Reminders(deps.db);
  }

  get policy(): ReminderPolicy {
    return this.deps.policy;
  }

  /**
   * The product's default day when a saved bill can be reminded of; undefined for one-off and
   * prepaid ones, and for a product this provider does not serve (or the operator switched off).
   */
  defaultDay(productId: string): number | undefined {
    const product = this.deps.catalog.product(productId);
    return product?.enabled && product.codes[this.deps.payments.provider.name] ? product.remindDay : undefined;
  }

  /** Turns the reminder of a user's saved bill on, on `day` (undefined: the product's default); false when it cannot be reminded of. */
  enable(userId: number, favoriteId: number, day?: number): Reminder | undefined {
    const favorite = this.deps.favorites.get(userId, favoriteId);
    const runDay = day ?? (favorite && this.defaultDay(favorite.productId));
    if (!favorite || runDay === undefined || this.defaultDay(favorite.productId) === undefined) return undefined;
    const now = this.deps.now();
    const cycle = cycleOf(now);
    const current = this.reminders.get(favoriteId);
    // This month's bill already found, paid or given up on: a new day applies from next month.
    if (current?.cycle === cycle && current.status !== "waiting" && current.status !== "not-published") {
      this.reminders.record(favoriteId, { ...current, nextRunAt: runAt(nextCycle(cycle), runDay, favoriteId, this.deps.policy.quiet, now) });
      this.reminders.setDay(favoriteId, day);
    } else {
      this.reminders.put({ favoriteId, userId, day, cycle, nextRunAt: runAt(cycle, runDay, favoriteId, this.deps.policy.quiet, now), now });
    }
    return this.reminders.get(favoriteId);
  }

  disable(userId: number, favoriteId: number): boolean {
    return this.reminders.get(favoriteId)?.userId === userId && this.reminders.remove(favoriteId);
  }

  disableAll(userId: number): number {
    return this.reminders.removeAll(userId);
  }

  /** The day a reminder runs on: the user's, or the product's default. */
  dayOf(r: Pick<Reminder, "day">, productId: string): number | undefined {
    return r.day ?? this.defaultDay(productId);
  }

  /** This month's state of one of the user's saved bills. */
  monthStatus(favorite: Favorite): MonthStatus {
    const now = this.deps.now();
    const cycle = cycleOf(now);
    const paidAt = this.paidIn(favorite, cycle);
    const r = this.reminders.get(favorite.id);
    // A bill found this month and not paid since (a payment early in the month may have been last month's bill).
    const found = r?.cycle === cycle && r.status === "due" ? r : undefined;
    if (found && (paidAt === undefined || paidAt < (found.inquiredAt ?? 0))) return { kind: "due", price: found.price ?? 0 };
    if (paidAt !== undefined) return { kind: "paid", at: paidAt };
    if (!r) return { kind: "off" };
    if (r.cycle !== cycle) return { kind: "scheduled", at: r.nextRunAt };
    switch (r.status) {
      case "paid":
        return { kind: "paid" };
      case "due":
        return { kind: "due", price: r.price ?? 0 };
      case "not-published":
        return { kind: "not-published", nextRunAt: r.nextRunAt };
      case "gave-up":
        return { kind: "not-published" };
      case "waiting":
        return r.failures > 0 ? { kind: "unchecked", at: r.nextRunAt } : { kind: "scheduled", at: r.nextRunAt };
    }
  }

  /**
   * When the user paid this saved bill here in `cycle`'s month for that month's bill (not a late
   * payment of last month's, made early in the month); undefined when they did not.
   */
  private paidIn(favorite: Favorite, cycle: string): number | undefined {
    const last = this.deps.payments.txs.lastPaid(favorite.userId, favorite.productId, favorite.input.customerNo);
    if (!last?.settledAt || last.settledAt < cycleStart(cycle)) return undefined;
    const periods = last.bill.periods.map((p) => p.period);
    return coversCycle(periods, cycle) ? last.settledAt : undefined;
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  /** Stops the timer and waits for a round under way, so SQLite can be closed after. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
  }

  /**
   * One round: outside the quiet hours, the reminders that are due, as many as this minute's share
   * of the hourly cap allows and the last hour's inquiries leave. Resolves with how many asked.
   */
  tick(): Promise<number> {
    this.ticking ??= this.round().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async round(): Promise<number> {
    const { policy } = this.deps;
    const now = this.deps.now();
    if (this.stopped || isQuiet(now, policy.quiet)) return 0;
    const perMinute = Math.ceil(policy.maxPerHour / (HOUR_MS / TICK_MS));
    const budget = Math.min(perMinute, policy.maxPerHour - this.reminders.inquiredSince(now - HOUR_MS));
    let asked = 0;
    for (const r of budget > 0 ? this.reminders.due(now, budget) : []) {
      if (this.stopped) break;
      if (await this.run(r).catch((err: Error) => this.deps.log(`bill reminder ${r.favoriteId} failed: ${err.message}`))) asked++;
    }
    return asked;
  }

  /** Asks the biller for one saved bill's bill, records what it found, then tells the user. */
  private async run(r: Reminder): Promise<boolean> {
    const now = this.deps.now();
    const favorite = this.deps.favorites.get(r.userId, r.favoriteId);
    const day = favorite && this.dayOf(r, favorite.productId);
    // The product left the catalog or is no longer a monthly bill: nothing to ask any more.
    if (!favorite || day === undefined || this.defaultDay(favorite.productId) === undefined) {
      this.reminders.remove(r.favoriteId);
      return false;
    }
    const cycle = cycleOf(now);
    if (this.deps.isBlocked(r.userId)) {
      this.reminders.record(r.favoriteId, { ...r, nextRunAt: runAt(nextCycle(cycle), day, favorite.id, this.deps.policy.quiet, now) });
      return false;
    }
    if (!this.reminders.claim(r, now + LEASE_MS, now)) return false;
    // A new month starts its tries over.
    const counts = cycle === r.cycle ? { tries: r.tries, failures: r.failures } : { tries: 0, failures: 0 };
    const found = await this.deps.payments.lookup(favorite.productId, favorite.input);
    const after = this.deps.now();
    const month: Month = { favorite, cycle, counts, after, nextMonth: runAt(nextCycle(cycle), day, favorite.id, this.deps.policy.quiet, after) };
    if (found.kind === "found") return this.finish(favorite, ...this.billFound(month, found.bill, found.price));
    if (found.kind === "rejected" && (found.reason === "already-paid" || (found.reason === "no-bill" && this.paidIn(favorite, cycle) !== undefined))) {
      return this.finish(favorite, this.outcome(month, { status: "paid" }), { kind: "paid", favorite, nextRunAt: month.nextMonth });
    }
    if (found.kind === "rejected" && found.reason === "no-bill") return this.finish(favorite, ...this.noBill(month));
    // No usable answer: nothing was recorded or charged; asked again later, the user is not troubled.
    if (found.kind === "rejected" && found.blame === "operator") {
      await this.deps.alertOperator({ code: found.code, message: found.message, productId: favorite.productId }).catch(() => {});
    }
    const failures = counts.failures + 1;
    const backoff = Math.min(2 ** (failures - 1) * HOUR_MS, 24 * HOUR_MS);
    const retry = failures >= MAX_FAILURES ? month.nextMonth : outsideQuiet(after + backoff, favorite.id, this.deps.policy.quiet);
    const said = found.kind === "rejected" ? `${found.code} ${found.message}` : "no answer";
    this.deps.log(`bill reminder ${favorite.id}: inquiry failed (${said}), asked again at ${new Date(retry).toISOString()}`);
    return this.finish(favorite, this.outcome(month, { status: "waiting", failures, nextRunAt: retry }));
  }

  /** This month's outcome: by default the month is done and the next run is next month's. */
  private outcome(m: Month, o: Partial<ReminderOutcome> & Pick<ReminderOutcome, "status">): ReminderOutcome {
    return { cycle: m.cycle, ...m.counts, nextRunAt: m.nextMonth, ...o };
  }

  /** A bill: already paid here (the very bill), or due, compared with the last one paid here. */
  private billFound(m: Month, bill: Bill, price: number): [ReminderOutcome, ReminderNews] {
    const { favorite } = m;
    const { txs } = this.deps.payments;
    if (txs.paidSince(favorite.productId, bill, m.after - PAID_LOOKBACK_MS) !== undefined) {
      return [this.outcome(m, { status: "paid" }), { kind: "paid", favorite, nextRunAt: m.nextMonth }];
    }
    const last = txs.lastPaid(favorite.userId, favorite.productId, favorite.input.customerNo);
    const rise = last ? risePercent(last.bill.billAmount, bill.billAmount) : 0;
    const compared = last && { billAmount: last.bill.billAmount, paidAt: last.settledAt ?? last.updatedAt, rise, jump: rise > this.deps.policy.jumpPercent };
    return [
      this.outcome(m, { status: "due", price, billAmount: bill.billAmount }),
      { kind: "due", favorite, cycle: m.cycle, bill, price, ...(compared && { last: compared }) },
    ];
  }

  /** No bill yet: asked again some days later, until the month's tries are spent (then the user is told). */
  private noBill(m: Month): [ReminderOutcome, ReminderNews?] {
    const { favorite } = m;
    const tries = m.counts.tries + 1;
    if (tries >= this.deps.policy.maxTries) {
      return [this.outcome(m, { status: "gave-up", tries }), { kind: "not-published", favorite, tries, nextRunAt: m.nextMonth }];
    }
    const retry = slotDaysLater(m.after, this.deps.policy.retryDays, favorite.id, this.deps.policy.quiet);
    return [this.outcome(m, { status: "not-published", tries, nextRunAt: retry })];
  }

  /** Writes the outcome, then tells the user: a crash in between loses the message rather than sending it twice. */
  private async finish(favorite: Favorite, o: ReminderOutcome, news?: ReminderNews): Promise<true> {
    this.reminders.record(favorite.id, o);
    if (news) await this.deps.tell(favorite.userId, news).catch((err: Error) => this.deps.log(`bill reminder ${favorite.id} not told: ${err.message}`));
    return true;
  }
}
