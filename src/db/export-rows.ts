import Database from "better-sqlite3";
import type { Db } from "./database.js";
import type { Span } from "./account-statement.js";

/**
 * Runs `read` on a read-only connection of its own to the same file. A better-sqlite3 iterator
 * keeps its connection busy until it ends; a file written row by row waits on the disk between
 * rows, and in that time the bot's own connection must stay free for payments. WAL lets the
 * reader see one consistent snapshot per statement while others write.
 */
export async function withReader<T>(db: Db, read: (reader: Db) => Promise<T>): Promise<T> {
  const reader = new Database(db.name, { readonly: true, fileMustExist: true });
  try {
    return await read(reader);
  } finally {
    reader.close();
  }
}

/** A purchase that moved money (confirmed in the span), with what the user paid, what the provider took and the margin of a success. */
export interface TransactionRow {
  id: string;
  createdAt: number;
  confirmedAt: number;
  settledAt: number | null;
  userId: number;
  productId: string;
  prepaidName: string | null;
  provider: string;
  customerNo: string;
  state: string;
  price: number;
  cost: number;
  /** price - cost for a success; 0 otherwise (a failure was refunded, one in flight has not earned yet). */
  margin: number;
  sn: string | null;
  failureCode: string | null;
}

export function transactionRows(db: Db, span: Span): IterableIterator<TransactionRow> {
  return db
    .prepare(
      `SELECT id, created_at AS createdAt, confirmed_at AS confirmedAt, settled_at AS settledAt, user_id AS userId,
         product_id AS productId, json_extract(bill, '$.prepaid.name') AS prepaidName, provider, customer_no AS customerNo,
         state, price, cost, CASE WHEN state = 'success' THEN price - cost ELSE 0 END AS margin, sn, failure_code AS failureCode
       FROM transactions WHERE confirmed_at >= ? AND confirmed_at < ? ORDER BY confirmed_at, id`,
    )
    .iterate(span.from, span.to) as IterableIterator<TransactionRow>;
}

export interface LedgerRowOut {
  id: number;
  createdAt: number;
  userId: number;
  kind: string;
  amount: number;
  balanceAfter: number;
  txId: string | null;
  actorId: number | null;
  note: string | null;
}

/** Every user's balance changes in the span, in the order they were written. */
export function ledgerRows(db: Db, span: Span): IterableIterator<LedgerRowOut> {
  return db
    .prepare(
      `SELECT id, created_at AS createdAt, user_id AS userId, kind, amount, balance_after AS balanceAfter, tx_id AS txId,
         actor_id AS actorId, note
       FROM ledger WHERE created_at >= ? AND created_at < ? ORDER BY id`,
    )
    .iterate(span.from, span.to) as IterableIterator<LedgerRowOut>;
}

export interface DepositRow {
  id: string;
  createdAt: number;
  settledAt: number | null;
  userId: number;
  gateway: string;
  method: string;
  state: string;
  amount: number;
  fee: number;
  feePayer: string;
  payAmount: number;
  gatewayRef: string | null;
}

/** Gateway deposits opened in the span, whatever became of them. */
export function depositRows(db: Db, span: Span): IterableIterator<DepositRow> {
  return db
    .prepare(
      `SELECT id, created_at AS createdAt, settled_at AS settledAt, user_id AS userId, gateway, method, state, amount, fee,
         fee_payer AS feePayer, pay_amount AS payAmount, gateway_ref AS gatewayRef
       FROM deposits WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`,
    )
    .iterate(span.from, span.to) as IterableIterator<DepositRow>;
}
