import type { Db } from "./database.js";
import { statements } from "./statements.js";

/** What the operator holds for customers right now. */
export interface MoneyHeld {
  /** The sum of every customer's balance: what the operator owes them. */
  balances: number;
  /** Charged to purchases in flight (confirmed, sending, pending): refunded if they fail. */
  held: number;
  inFlight: number;
}

/** The books' totals the money overview and its alerts read. */
export class MoneyBooks {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  held(): MoneyHeld {
    const { balances } = this.sql("SELECT COALESCE(SUM(balance), 0) AS balances FROM users").get() as { balances: number };
    const flight = this.sql(
      "SELECT COALESCE(SUM(price), 0) AS held, COUNT(*) AS inFlight FROM transactions WHERE state IN ('confirmed','sending','pending')",
    ).get() as { held: number; inFlight: number };
    return { balances, ...flight };
  }

  /** What the provider took for the successes settled in [from, to): what its deposit pays for. */
  costBetween(from: number, to: number): number {
    return (
      this.sql("SELECT COALESCE(SUM(cost), 0) AS cost FROM transactions WHERE state = 'success' AND settled_at >= ? AND settled_at < ?").get(from, to) as {
        cost: number;
      }
    ).cost;
  }

  /** Records that an alert was told for this condition and period; false when it already was. */
  firstAlert(condition: string, period: string, at: number): boolean {
    return this.sql("INSERT OR IGNORE INTO money_alerts (condition, period, created_at) VALUES (?, ?, ?)").run(condition, period, at).changes === 1;
  }
}
