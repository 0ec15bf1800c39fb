import type { Db } from "../db/database.js";
import { statements } from "../db/statements.js";

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

export type PostResult = { ok: true; balance: number } | { ok: false; reason: "insufficient"; balance: number } | { ok: false; reason: "no-user" };

/** The request key was posted already: nothing moved this time; `balance` is the balance now. */
export type Duplicate = { ok: false; reason: "duplicate"; balance: number };

export interface PostEntry {
  userId: number;
  amount: number;
  kind: LedgerKind;
  txId?: string;
  actorId?: number;
  note?: string;
  now?: number;
  /**
   * What asked for this change, unique forever (an admin's command message): a second post with
   * the same key writes nothing and answers Duplicate.
   */
  requestKey?: string;
}

/**
 * The only code that changes a balance. Every change is a ledger row written in the same SQLite
 * transaction, so a balance always equals the sum of its ledger rows. Callers that need more in
 * the same transaction (a state change) call `post` inside their own `db.transaction`.
 */
export class Wallet {
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  balance(userId: number): number {
    const row = this.sql("SELECT balance FROM users WHERE id = ?").get(userId) as { balance: number } | undefined;
    return row?.balance ?? 0;
  }

  /**
   * Adds a signed amount. Refuses to go below zero, and (with a requestKey) to post the same
   * request twice. Must run inside a db transaction when combined with other writes.
   */
  post(entry: PostEntry & { requestKey?: undefined }): PostResult;
  post(entry: PostEntry): PostResult | Duplicate;
  post(entry: PostEntry): PostResult | Duplicate {
    if (!Number.isSafeInteger(entry.amount) || entry.amount === 0) {
      throw new Error(`ledger amount must be a non-zero whole number of rupiah, got ${entry.amount}`);
    }
    // IMMEDIATE: the balance is read under the write lock, so another connection cannot change it in between.
    return this.db.transaction((): PostResult | Duplicate => {
      const row = this.sql("SELECT balance FROM users WHERE id = ?").get(entry.userId) as { balance: number } | undefined;
      if (!row) return { ok: false, reason: "no-user" };
      if (entry.requestKey !== undefined && this.sql("SELECT 1 FROM ledger WHERE request_key = ?").get(entry.requestKey)) {
        return { ok: false, reason: "duplicate", balance: row.balance };
      }
      const after = row.balance + entry.amount;
      if (after < 0) return { ok: false, reason: "insufficient", balance: row.balance };
      this.sql("UPDATE users SET balance = ? WHERE id = ?").run(after, entry.userId);
      this.sql(
          `INSERT INTO ledger (user_id, amount, kind, tx_id, balance_after, actor_id, note, created_at, request_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          entry.userId,
          entry.amount,
          entry.kind,
          entry.txId ?? null,
          after,
          entry.actorId ?? null,
          entry.note ?? null,
          entry.now ?? Date.now(),
          entry.requestKey ?? null,
        );
      return { ok: true, balance: after };
    }).immediate();
  }

  /** Whether a change with this request key was posted (see PostEntry.requestKey). */
  hasRequest(requestKey: string): boolean {
    return this.sql("SELECT 1 FROM ledger WHERE request_key = ?").get(requestKey) !== undefined;
  }

  /** The balance right after a payment's last ledger row (its charge, or its refund); undefined when it has none. */
  balanceAfter(txId: string): number | undefined {
    const row = this.sql("SELECT balance_after AS b FROM ledger WHERE tx_id = ? ORDER BY id DESC LIMIT 1").get(txId) as { b: number } | undefined;
    return row?.b;
  }

  entries(userId: number, limit = 50): LedgerEntry[] {
    return (
      this.sql(
          `SELECT id, user_id AS userId, amount, kind, tx_id AS txId, balance_after AS balanceAfter,
                  actor_id AS actorId, note, created_at AS createdAt
           FROM ledger WHERE user_id = ? ORDER BY id DESC LIMIT ?`,
        )
        .all(userId, limit) as LedgerEntry[]
    );
  }

  /** Users whose balance differs from the sum of their ledger rows (should always be empty). */
  mismatches(): { userId: number; balance: number; ledgerSum: number }[] {
    return this.sql(
        `SELECT u.id AS userId, u.balance AS balance, COALESCE(SUM(l.amount), 0) AS ledgerSum
         FROM users u LEFT JOIN ledger l ON l.user_id = u.id
         GROUP BY u.id HAVING u.balance <> COALESCE(SUM(l.amount), 0)`,
      )
      .all() as { userId: number; balance: number; ledgerSum: number }[];
  }
}
