import type { Db } from "../db/database.js";
import { Ledger, type LedgerEntry, type LedgerRow } from "../db/ledger.js";

export type PostResult = { ok: true; balance: number } | { ok: false; reason: "insufficient"; balance: number } | { ok: false; reason: "no-user" };

/** The request key was posted already: nothing moved this time; `balance` is the balance now. */
export type Duplicate = { ok: false; reason: "duplicate"; balance: number };

/** A change of a balance as asked for: the ledger row less what the wallet works out (when, and the balance after). */
export interface PostEntry extends Omit<LedgerRow, "createdAt" | "balanceAfter"> {
  now?: number;
}

/**
 * The only code that changes a balance. Every change is a ledger row written in the same SQLite
 * transaction, so a balance always equals the sum of its ledger rows. Callers that need more in
 * the same transaction (a state change) call `post` inside their own `db.transaction`.
 */
export class Wallet {
  private readonly ledger: Ledger;

  constructor(private readonly db: Db) {
    this.ledger = new Ledger(db);
  }

  balance(userId: number): number {
    return this.ledger.balanceOf(userId) ?? 0;
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
    return this.db
      .transaction((): PostResult | Duplicate => {
        const balance = this.ledger.balanceOf(entry.userId);
        if (balance === undefined) return { ok: false, reason: "no-user" };
        if (entry.requestKey !== undefined && this.ledger.hasRequest(entry.requestKey)) return { ok: false, reason: "duplicate", balance };
        const after = balance + entry.amount;
        if (after < 0) return { ok: false, reason: "insufficient", balance };
        const { now, ...row } = entry;
        this.ledger.write({ ...row, createdAt: now ?? Date.now(), balanceAfter: after });
        return { ok: true, balance: after };
      })
      .immediate();
  }

  /** Whether a change with this request key was posted (see PostEntry.requestKey). */
  hasRequest(requestKey: string): boolean {
    return this.ledger.hasRequest(requestKey);
  }

  /** The balance right after a payment's last ledger row (its charge, or its refund); undefined when it has none. */
  balanceAfter(txId: string): number | undefined {
    return this.ledger.balanceAfter(txId);
  }

  entries(userId: number, limit = 50): LedgerEntry[] {
    return this.ledger.entries(userId, limit);
  }

  /** Users whose balance differs from the sum of their ledger rows (should always be empty). */
  mismatches(): { userId: number; balance: number; ledgerSum: number }[] {
    return this.ledger.mismatches();
  }
}
