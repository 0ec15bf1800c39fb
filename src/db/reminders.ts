import { z } from "zod";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

export const ReminderStatusSchema = z.enum(["waiting", "not-published", "due", "paid", "gave-up"]);
/**
 * Where a reminder stands in its month: waiting for its day; the biller had no bill yet (asked
 * again later); a bill was found and sent (`price`); paid (here or elsewhere); no bill came within
 * the tries.
 */
export type ReminderStatus = z.infer<typeof ReminderStatusSchema>;

export interface Reminder {
  favoriteId: number;
  userId: number;
  /** The user's day of the month; undefined: the product's default. */
  day: number | undefined;
  /** The WIB month ("YYYY-MM") the status is about. */
  cycle: string;
  status: ReminderStatus;
  /** "No bill yet" answers this month. */
  tries: number;
  /** Inquiries that got no usable answer this month. */
  failures: number;
  nextRunAt: number;
  inquiredAt: number | undefined;
  /** What the bill found costs the user, and the biller's own amount (status due). */
  price: number | undefined;
  billAmount: number | undefined;
}

const RowSchema = z.object({
  favorite_id: z.number(),
  user_id: z.number(),
  day: z.number().nullable(),
  cycle: z.string(),
  status: ReminderStatusSchema,
  tries: z.number(),
  failures: z.number(),
  next_run_at: z.number(),
  inquired_at: z.number().nullable(),
  price: z.number().nullable(),
  bill_amount: z.number().nullable(),
});

const toReminder = (raw: unknown): Reminder => {
  const r = RowSchema.parse(raw);
  return {
    favoriteId: r.favorite_id,
    userId: r.user_id,
    day: r.day ?? undefined,
    cycle: r.cycle,
    status: r.status,
    tries: r.tries,
    failures: r.failures,
    nextRunAt: r.next_run_at,
    inquiredAt: r.inquired_at ?? undefined,
    price: r.price ?? undefined,
    billAmount: r.bill_amount ?? undefined,
  };
};

/** What a run found, written in one statement. */
export interface ReminderOutcome {
  cycle: string;
  status: ReminderStatus;
  tries: number;
  failures: number;
  nextRunAt: number;
  price?: number;
  billAmount?: number;
}

/** The reminders table: who asked to be reminded of which saved bill, and where each stands. */
export class Reminders {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** Turns a saved bill's reminder on (or moves its day); its status starts over. */
  put(r: { favoriteId: number; userId: number; day: number | undefined; cycle: string; nextRunAt: number; now: number }): void {
    this.sql(
      `INSERT INTO reminders (favorite_id, user_id, day, cycle, status, next_run_at, created_at) VALUES (?, ?, ?, ?, 'waiting', ?, ?)
       ON CONFLICT(favorite_id) DO UPDATE SET day = excluded.day, cycle = excluded.cycle, status = 'waiting', tries = 0, failures = 0,
         next_run_at = excluded.next_run_at, price = NULL, bill_amount = NULL`,
    ).run(r.favoriteId, r.userId, r.day ?? null, r.cycle, r.nextRunAt, r.now);
  }

  setDay(favoriteId: number, day: number | undefined): void {
    this.sql("UPDATE reminders SET day = ? WHERE favorite_id = ?").run(day ?? null, favoriteId);
  }

  get(favoriteId: number): Reminder | undefined {
    const row = this.sql("SELECT * FROM reminders WHERE favorite_id = ?").get(favoriteId);
    return row === undefined ? undefined : toReminder(row);
  }

  forUser(userId: number): Reminder[] {
    return this.sql("SELECT * FROM reminders WHERE user_id = ?").all(userId).map(toReminder);
  }

  remove(favoriteId: number): boolean {
    return this.sql("DELETE FROM reminders WHERE favorite_id = ?").run(favoriteId).changes === 1;
  }

  removeAll(userId: number): number {
    return this.sql("DELETE FROM reminders WHERE user_id = ?").run(userId).changes;
  }

  /** Reminders whose run is due, earliest first. */
  due(now: number, limit: number): Reminder[] {
    return this.sql("SELECT * FROM reminders WHERE next_run_at <= ? ORDER BY next_run_at, favorite_id LIMIT ?").all(now, limit).map(toReminder);
  }

  /**
   * Takes a due run: only the caller that still finds `nextRunAt` gets it, and until `leaseUntil`
   * no one else does. A run cut short by a crash is taken again after the lease; one that finished
   * has moved `next_run_at` on, so nothing is asked or sent twice.
   */
  claim(r: Reminder, leaseUntil: number, now: number): boolean {
    return (
      this.sql("UPDATE reminders SET next_run_at = ?, inquired_at = ? WHERE favorite_id = ? AND next_run_at = ?").run(
        leaseUntil,
        now,
        r.favoriteId,
        r.nextRunAt,
      ).changes === 1
    );
  }

  record(favoriteId: number, o: ReminderOutcome): void {
    this.sql("UPDATE reminders SET cycle = ?, status = ?, tries = ?, failures = ?, next_run_at = ?, price = ?, bill_amount = ? WHERE favorite_id = ?").run(
      o.cycle,
      o.status,
      o.tries,
      o.failures,
      o.nextRunAt,
      o.price ?? null,
      o.billAmount ?? null,
      favoriteId,
    );
  }

  /** How many reminders asked the biller since `since` (the hourly cap). */
  inquiredSince(since: number): number {
    return (this.sql("SELECT COUNT(*) AS n FROM reminders WHERE inquired_at > ?").get(since) as { n: number }).n;
  }
}
