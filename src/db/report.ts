import type { Db } from "./database.js";

export interface DailyReport {
  /** Payments that succeeded that day: what users paid, what the provider took, the difference. */
  payments: { count: number; volume: number; cost: number; markup: number };
  refunds: { count: number; amount: number };
  /** Payments confirmed that day and still in flight (confirmed, sending or pending). */
  pending: number;
  topups: { count: number; amount: number };
  deductions: { count: number; amount: number };
}

/** The business of a span of time (a WIB day, a month, a range), from the transactions and the ledger. */
export function dailyReport(db: Db, range: { from: number; to: number }): DailyReport {
  const paid = db
    .prepare(
      `SELECT COUNT(*) AS count, COALESCE(SUM(price), 0) AS volume, COALESCE(SUM(cost), 0) AS cost
       FROM transactions WHERE state = 'success' AND settled_at >= ? AND settled_at < ?`,
    )
    .get(range.from, range.to) as { count: number; volume: number; cost: number };
  const pending = db
    .prepare(
      `SELECT COUNT(*) AS n FROM transactions
       WHERE state IN ('confirmed','sending','pending') AND confirmed_at >= ? AND confirmed_at < ?`,
    )
    .get(range.from, range.to) as { n: number };
  const ledger = db
    .prepare(
      `SELECT kind, COUNT(*) AS count, COALESCE(SUM(ABS(amount)), 0) AS amount
       FROM ledger WHERE created_at >= ? AND created_at < ? GROUP BY kind`,
    )
    .all(range.from, range.to) as { kind: string; count: number; amount: number }[];
  const sum = (kind: string) => {
    const row = ledger.find((r) => r.kind === kind);
    return { count: row?.count ?? 0, amount: row?.amount ?? 0 };
  };
  return {
    payments: { ...paid, markup: paid.volume - paid.cost },
    refunds: sum("refund"),
    pending: pending.n,
    topups: sum("topup"),
    deductions: sum("deduct"),
  };
}

/**
 * Successful payments through `provider` settled since `from` whose provider cost was more than
 * what the user paid, by product: how many and the rupiah lost in all.
 */
export function lossesByProduct(db: Db, provider: string, from: number): Map<string, { count: number; amount: number }> {
  const rows = db
    .prepare(
      `SELECT product_id, COUNT(*) AS count, SUM(cost - price) AS amount FROM transactions
       WHERE state = 'success' AND provider = ? AND settled_at >= ? AND cost > price GROUP BY product_id`,
    )
    .all(provider, from) as { product_id: string; count: number; amount: number }[];
  return new Map(rows.map((r) => [r.product_id, { count: r.count, amount: r.amount }]));
}
