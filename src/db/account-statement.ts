import type { Db } from "./database.js";
import { statements } from "./statements.js";

/** One change of a user's balance as a statement shows it. */
export interface StatementEntry {
  id: number;
  amount: number;
  /** The ledger's kind: topup, charge, refund, deduct or correction. */
  kind: string;
  balanceAfter: number;
  createdAt: number;
  txId: string | null;
  /** The gateway deposit's order id, for a top-up paid through a gateway. */
  depositId: string | null;
  /** The purchase behind a charge or a refund: its catalog product and, for prepaid, the name it was sold under. */
  productId: string | null;
  prepaidName: string | null;
}

export interface Span {
  from: number;
  to: number;
}

// Oldest first, like a bank statement: each row's balance follows from the one before.
const ENTRIES = `SELECT l.id, l.amount, l.kind, l.balance_after AS balanceAfter, l.created_at AS createdAt, l.tx_id AS txId,
    CASE WHEN l.request_key LIKE 'deposit:%' THEN substr(l.request_key, 9) END AS depositId,
    t.product_id AS productId, json_extract(t.bill, '$.prepaid.name') AS prepaidName
  FROM ledger l LEFT JOIN transactions t ON t.id = l.tx_id
  WHERE l.user_id = ? AND l.created_at >= ? AND l.created_at < ? ORDER BY l.id`;

/** A user's balance statement for a span of time, from the ledger (the balance after each row is the ledger's own). */
export class AccountStatement {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** The balance when the span starts: after the user's last ledger row before it (0 before any). */
  opening(userId: number, span: Span): number {
    const row = this.sql("SELECT balance_after AS b FROM ledger WHERE user_id = ? AND created_at < ? ORDER BY id DESC LIMIT 1").get(userId, span.from) as
      | { b: number }
      | undefined;
    return row?.b ?? 0;
  }

  /** The balance when the span ends. */
  closing(userId: number, span: Span): number {
    return this.opening(userId, { from: span.to, to: span.to });
  }

  count(userId: number, span: Span): number {
    return (
      this.sql("SELECT COUNT(*) AS n FROM ledger WHERE user_id = ? AND created_at >= ? AND created_at < ?").get(userId, span.from, span.to) as { n: number }
    ).n;
  }

  page(userId: number, span: Span, limit: number, offset: number): StatementEntry[] {
    return this.sql(`${ENTRIES} LIMIT ? OFFSET ?`).all(userId, span.from, span.to, limit, offset) as StatementEntry[];
  }
}

/** The same entries one at a time (for a file), on `db`: a connection of its own (see withReader), so others are not held up. */
export function statementEntries(db: Db, userId: number, span: Span): IterableIterator<StatementEntry> {
  return db.prepare(ENTRIES).iterate(userId, span.from, span.to) as IterableIterator<StatementEntry>;
}
