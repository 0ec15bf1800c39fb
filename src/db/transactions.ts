import type { Statement } from "better-sqlite3";
import { z } from "zod";
import {
  BillDetailSchema,
  BillInputSchema,
  BillSchema,
  PlnTokenSchema,
  ResultCodeSchema,
  type Bill,
  type BillDetail,
  type BillInput,
  type PlnToken,
  type ResultCode,
} from "../billing/bill.js";
import { AwaitingSchema, type Awaiting, type Tx, type TxState } from "../billing/transaction.js";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

interface TxRow {
  id: string;
  user_id: number;
  chat_id: number;
  product_id: string;
  provider: string;
  customer_no: string;
  input: string | null;
  state: TxState;
  price: number;
  cost: number;
  bill: string;
  sn: string | null;
  token: string | null;
  codes: string | null;
  awaiting: string | null;
  result_details: string | null;
  failure_code: string | null;
  failure_message: string | null;
  created_at: number;
  updated_at: number;
  confirmed_at: number | null;
  sent_at: number | null;
  settled_at: number | null;
  next_check_at: number | null;
  checks: number;
  flagged_at: number | null;
  resolved_by: number | null;
  resolution_note: string | null;
}

/**
 * The user @user and the WhatsApp user linked into their account, if any: one history for both (a
 * payment keeps the user who paid it, whose ledger rows it names).
 */
const OWN = "(SELECT id FROM users WHERE id = @user OR merged_into = @user)";

const DetailsJson = z.array(BillDetailSchema);
const CodesJson = z.array(ResultCodeSchema);

const toTx = (r: TxRow): Tx => ({
  id: r.id,
  userId: r.user_id,
  chatId: r.chat_id,
  productId: r.product_id,
  provider: r.provider,
  customerNo: r.customer_no,
  input: r.input ? BillInputSchema.parse(JSON.parse(r.input)) : undefined,
  state: r.state,
  price: r.price,
  cost: r.cost,
  bill: BillSchema.parse(JSON.parse(r.bill)),
  sn: r.sn,
  token: r.token ? PlnTokenSchema.parse(JSON.parse(r.token)) : null,
  codes: r.codes ? CodesJson.parse(JSON.parse(r.codes)) : [],
  awaiting: r.awaiting === null ? null : AwaitingSchema.parse(r.awaiting),
  resultDetails: r.result_details ? DetailsJson.parse(JSON.parse(r.result_details)) : [],
  failureCode: r.failure_code,
  failureMessage: r.failure_message,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  confirmedAt: r.confirmed_at,
  sentAt: r.sent_at,
  settledAt: r.settled_at,
  nextCheckAt: r.next_check_at,
  checks: r.checks,
  flaggedAt: r.flagged_at,
  resolvedBy: r.resolved_by,
  resolutionNote: r.resolution_note,
});

/** Columns a transition may set besides the state. */
export interface TxChanges {
  sn?: string;
  token?: PlnToken;
  codes?: ResultCode[];
  /** Null once the payment is settled. */
  awaiting?: Awaiting | null;
  resultDetails?: BillDetail[];
  failureCode?: string;
  failureMessage?: string;
  rawResult?: string;
  confirmedAt?: number;
  sentAt?: number;
  settledAt?: number;
  nextCheckAt?: number | null;
  checks?: number;
  resolvedBy?: number;
  resolutionNote?: string;
  /** What the provider says it actually took, when it says (it can differ from the quote's). */
  cost?: number;
}

const COLUMN: Record<keyof TxChanges, string> = {
  sn: "sn",
  token: "token",
  codes: "codes",
  awaiting: "awaiting",
  resultDetails: "result_details",
  failureCode: "failure_code",
  failureMessage: "failure_message",
  rawResult: "raw_result",
  confirmedAt: "confirmed_at",
  sentAt: "sent_at",
  settledAt: "settled_at",
  nextCheckAt: "next_check_at",
  checks: "checks",
  resolvedBy: "resolved_by",
  resolutionNote: "resolution_note",
  cost: "cost",
};

export class Transactions {
  private readonly sql;
  /** Iterated (so not among the shared statements of `sql`): successes of a bill, newest first. */
  private readonly paidBills: Statement;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
    this.paidBills = db.prepare(
      "SELECT bill, settled_at FROM transactions WHERE product_id = ? AND customer_no = ? AND state = 'success' AND settled_at >= ? ORDER BY settled_at DESC",
    );
  }

  create(t: {
    id: string;
    userId: number;
    chatId: number;
    productId: string;
    provider: string;
    bill: Bill;
    input: BillInput;
    price: number;
    rawInquiry: string;
    now: number;
  }): void {
    this.sql(
      `INSERT INTO transactions (id, user_id, chat_id, product_id, provider, customer_no, input, state, price, cost,
           bill, raw_inquiry, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'quoted', ?, ?, ?, ?, ?, ?)`,
    ).run(
      t.id,
      t.userId,
      t.chatId,
      t.productId,
      t.provider,
      t.bill.customerNo,
      JSON.stringify(t.input),
      t.price,
      t.bill.cost,
      JSON.stringify(t.bill),
      t.rawInquiry,
      t.now,
      t.now,
    );
  }

  get(id: string): Tx | undefined {
    const row = this.sql("SELECT * FROM transactions WHERE id = ?").get(id) as TxRow | undefined;
    return row && toTx(row);
  }

  /**
   * Moves a transaction from one of `from` to `to`, setting `changes`. Returns false (and changes
   * nothing) when the transaction is not in an expected state: this guard is what makes a second
   * confirmation, a replayed step or a late callback harmless.
   */
  transition(id: string, from: TxState[], to: TxState, changes: TxChanges, now: number): boolean {
    const sets = ["state = ?", "updated_at = ?"];
    const values: unknown[] = [to, now];
    for (const [key, value] of Object.entries(changes) as [keyof TxChanges, unknown][]) {
      if (value === undefined) continue;
      sets.push(`${COLUMN[key]} = ?`);
      values.push(key === "resultDetails" || key === "token" || key === "codes" ? JSON.stringify(value) : value);
    }
    const result = this.sql(`UPDATE transactions SET ${sets.join(", ")} WHERE id = ? AND state IN (${from.map(() => "?").join(",")})`).run(
      ...values,
      id,
      ...from,
    );
    return result.changes === 1;
  }

  /**
   * Moves a payment being sent to another provider's bill (a failover after a refusal that proved
   * nothing was created): its provider, bill and cost change, its price does not. Guarded by
   * "sending", so only the one send under way can do it.
   */
  reroute(id: string, provider: string, bill: Bill, now: number): boolean {
    return (
      this.sql("UPDATE transactions SET provider = ?, bill = ?, cost = ?, updated_at = ? WHERE id = ? AND state = 'sending'").run(
        provider,
        JSON.stringify(bill),
        bill.cost,
        now,
        id,
      ).changes === 1
    );
  }

  inStates(states: TxState[]): Tx[] {
    return (this.sql(`SELECT * FROM transactions WHERE state IN (${states.map(() => "?").join(",")}) ORDER BY created_at`).all(...states) as TxRow[]).map(toTx);
  }

  /** Pending transactions whose next status check is due. */
  dueForCheck(now: number): Tx[] {
    return (
      this.sql("SELECT * FROM transactions WHERE state = 'pending' AND (next_check_at IS NULL OR next_check_at <= ?) ORDER BY next_check_at").all(
        now,
      ) as TxRow[]
    ).map(toTx);
  }

  /**
   * Moves a pending transaction's next status check earlier (never later). Not a state change, so
   * `updated_at`, which dates the last status check, stays as it is.
   */
  checkNoLaterThan(id: string, at: number): void {
    this.sql("UPDATE transactions SET next_check_at = MIN(COALESCE(next_check_at, ?), ?) WHERE id = ? AND state = 'pending'").run(at, at, id);
  }

  /**
   * Transactions admins were not told about yet: pending ones sent before `sentBefore`, and ones
   * confirmed before `confirmedBefore` that the provider has not taken (still confirmed or sending).
   */
  overdueUnflagged(sentBefore: number, confirmedBefore: number): Tx[] {
    return (
      this.sql(
        `SELECT * FROM transactions WHERE flagged_at IS NULL AND ((state = 'pending' AND sent_at <= ?)
             OR (state IN ('confirmed','sending') AND confirmed_at <= ?)) ORDER BY confirmed_at`,
      ).all(sentBefore, confirmedBefore) as TxRow[]
    ).map(toTx);
  }

  /** Marks a transaction in flight as flagged to admins; false when it already was (so they are told once). */
  flag(id: string, now: number): boolean {
    return (
      this.sql("UPDATE transactions SET flagged_at = ? WHERE id = ? AND state IN ('confirmed','sending','pending') AND flagged_at IS NULL").run(now, id)
        .changes === 1
    );
  }

  /** Quotes the user never confirmed or cancelled: closed when a new flow starts. */
  cancelOpenQuotes(userId: number, now: number): number {
    return this.sql("UPDATE transactions SET state = 'cancelled', updated_at = ? WHERE user_id = ? AND state = 'quoted'").run(now, userId).changes;
  }

  /** The products a user paid most recently, newest first (for the product menu, after its categories). */
  recentProducts(userId: number, limit: number): string[] {
    return (
      this.sql(
        `SELECT product_id FROM transactions WHERE user_id IN ${OWN} AND state NOT IN ('quoted','cancelled')
           GROUP BY product_id ORDER BY MAX(created_at) DESC LIMIT @limit`,
      ).all({ user: userId, limit }) as { product_id: string }[]
    ).map((r) => r.product_id);
  }

  /** How many transactions the user's history shows. */
  /**
   * When the same bill (product, customer number and periods) was last paid successfully since
   * `since`, by anyone: a second payment of it is most likely a mistake.
   */
  paidSince(productId: string, bill: Bill, since: number): number | undefined {
    const periods = (b: Bill) => b.periods.map((p) => p.period).join(",");
    const wanted = periods(bill);
    // Read one at a time and only the bill: the newest is nearly always the one, and a number many
    // users pay (a shop's own meter) must not make every summary parse all its payments.
    for (const row of this.paidBills.iterate(productId, bill.customerNo, since) as Iterable<{ bill: string; settled_at: number }>) {
      if (periods(BillSchema.parse(JSON.parse(row.bill))) === wanted) return row.settled_at;
    }
    return undefined;
  }

  /** How many of a user's purchases of this product for this number since `since` are paid or under way (the reseller's "transaksi ke-N"). */
  countSince(userId: number, productId: string, customerNo: string, since: number): number {
    const row = this.db
      .prepare(
        "SELECT COUNT(*) AS n FROM transactions WHERE user_id = ? AND product_id = ? AND customer_no = ? AND state IN ('confirmed','sending','pending','success') AND created_at >= ?",
      )
      .get(userId, productId, customerNo, since) as { n: number };
    return row.n;
  }

  /** The user's newest successful payment of this product for this number, if any (a bill reminder compares with it). */
  lastPaid(userId: number, productId: string, customerNo: string): Tx | undefined {
    const row = this.sql(
      "SELECT * FROM transactions WHERE user_id = ? AND product_id = ? AND customer_no = ? AND state = 'success' ORDER BY settled_at DESC, id DESC LIMIT 1",
    ).get(userId, productId, customerNo) as TxRow | undefined;
    return row && toTx(row);
  }

  /** What a user's payments in flight hold of their money (confirmed, being sent, waiting for the provider). */
  heldFor(userId: number): number {
    const row = this.db
      .prepare("SELECT COALESCE(SUM(price), 0) AS held FROM transactions WHERE user_id = ? AND state IN ('confirmed','sending','pending')")
      .get(userId) as { held: number };
    return row.held;
  }

  countByUser(userId: number): number {
    return (
      this.sql(`SELECT COUNT(*) AS n FROM transactions WHERE user_id IN ${OWN} AND state NOT IN ('quoted','cancelled')`).get({ user: userId }) as { n: number }
    ).n;
  }

  byUser(userId: number, limit: number, offset = 0): Tx[] {
    return (
      this.sql(
        `SELECT * FROM transactions WHERE user_id IN ${OWN} AND state NOT IN ('quoted','cancelled')
           ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
      ).all({ user: userId, limit, offset }) as TxRow[]
    ).map(toTx);
  }
}
