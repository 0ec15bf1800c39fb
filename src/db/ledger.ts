import type { Db } from "./database.js";
import { statements } from "./statements.js";

export type LedgerKind = "topup" | "charge" | "refund" | "deduct" | "correction";

export interface LedgerEntry {
  id: number;
  userId: number;
  amount: number;
  kind: LedgerKind;
  txId: string | null;
  balanceAfter: number;
  actorId: number | null;
  note: string | null;
  createdAt: number;
}

/** One ledger row as written, with the balance it leaves. */
export interface LedgerRow {
  userId: number;
  amount: number;
  kind: LedgerKind;
  txId?: string;
  actorId?: number;
  note?: string;
  createdAt: number;
  /**
   * What asked for this change, unique forever (an admin's command message): a second post with
   * the same key writes nothing and answers Duplicate.
   */
  requestKey?: string;
  balanceAfter: number;
}

/**
 * The balances and their ledger rows in SQLite. Only the Wallet (src/payments) writes here: it
 * decides whether a change may happen and runs the write in its transaction.
 */
export class Ledger {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** The user's balance; undefined when there is no such user. */
  balanceOf(userId: number): number | undefined {
    const row = this.sql("SELECT balance FROM users WHERE id = ?").get(userId) as { balance: number } | undefined;
    return row?.balance;
  }

  /** Sets the balance and writes its ledger row; the caller holds the write lock (an IMMEDIATE transaction). */
  write(row: LedgerRow): void {
    this.sql("UPDATE users SET balance = ? WHERE id = ?").run(row.balanceAfter, row.userId);
    this.sql(
      `INSERT INTO ledger (user_id, amount, kind, tx_id, balance_after, actor_id, note, created_at, request_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.userId, row.amount, row.kind, row.txId ?? null, row.balanceAfter, row.actorId ?? null, row.note ?? null, row.createdAt, row.requestKey ?? null);
  }

  /** Whether a change with this request key was posted. */
  hasRequest(requestKey: string): boolean {
    return this.sql("SELECT 1 FROM ledger WHERE request_key = ?").get(requestKey) !== undefined;
  }

  /** The balance right after a payment's last ledger row (its charge, or its refund); undefined when it has none. */
  balanceAfter(txId: string): number | undefined {
    const row = this.sql("SELECT balance_after AS b FROM ledger WHERE tx_id = ? ORDER BY id DESC LIMIT 1").get(txId) as { b: number } | undefined;
    return row?.b;
  }

  entries(userId: number, limit = 50): LedgerEntry[] {
    return this.sql(
      `SELECT id, user_id AS userId, amount, kind, tx_id AS txId, balance_after AS balanceAfter,
              actor_id AS actorId, note, created_at AS createdAt
       FROM ledger WHERE user_id = ? ORDER BY id DESC LIMIT ?`,
    ).all(userId, limit) as LedgerEntry[];
  }

  /** Users whose balance differs from the sum of their ledger rows (should always be empty). */
  mismatches(): { userId: number; balance: number; ledgerSum: number }[] {
    return this.sql(
      `SELECT u.id AS userId, u.balance AS balance, COALESCE(SUM(l.amount), 0) AS ledgerSum
       FROM users u LEFT JOIN ledger l ON l.user_id = u.id
       GROUP BY u.id HAVING u.balance <> COALESCE(SUM(l.amount), 0)`,
    ).all() as { userId: number; balance: number; ledgerSum: number }[];
  }
}
