import type { Db } from "./database.js";
import { statements } from "./statements.js";

export type DepositState = "open" | "paid" | "expired" | "failed";
export type FeePayer = "customer" | "operator";

/** A deposit through a payment gateway; `id` is the order id the gateway knows. */
export interface Deposit {
  id: string;
  userId: number;
  gateway: string;
  method: string;
  state: DepositState;
  /** What the balance gains. */
  amount: number;
  fee: number;
  feePayer: FeePayer;
  /** What the customer pays at the gateway. */
  payAmount: number;
  gatewayRef: string | null;
  payCode: string | null;
  bank: string | null;
  expiresAt: number;
  createdAt: number;
  nextCheckAt: number;
  settledAt: number | null;
  settledBy: number | null;
  reason: string | null;
  /** What the gateway reported paid when it was less than the charge (open, left to an admin); null otherwise. */
  shortPaid: number | null;
  told: boolean;
}

/** How an open deposit's reason records a payment short of the charge (see markShortPaid). */
const SHORT_PAID = /^short-paid (\d+)$/;

export type NewDeposit = Pick<
  Deposit,
  "id" | "userId" | "gateway" | "method" | "amount" | "fee" | "feePayer" | "payAmount" | "expiresAt" | "createdAt" | "nextCheckAt"
>;

const COLUMNS = `id, user_id AS userId, gateway, method, state, amount, fee, fee_payer AS feePayer, pay_amount AS payAmount,
  gateway_ref AS gatewayRef, pay_code AS payCode, bank, expires_at AS expiresAt, created_at AS createdAt,
  next_check_at AS nextCheckAt, settled_at AS settledAt, settled_by AS settledBy, reason, told`;

type Row = Omit<Deposit, "told" | "shortPaid"> & { told: number };
function fromRow(r: Row | undefined): Deposit | undefined {
  if (!r) return undefined;
  const short = r.state === "open" ? SHORT_PAID.exec(r.reason ?? "") : null;
  return { ...r, shortPaid: short ? Number(short[1]) : null, told: r.told === 1 };
}

/** The deposits table. State moves are guarded by the state they leave; the money side is src/payments/deposits.ts. */
export class Deposits {
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  insert(d: NewDeposit): void {
    this.sql(
      `INSERT INTO deposits (id, user_id, gateway, method, state, amount, fee, fee_payer, pay_amount, expires_at, created_at, next_check_at)
       VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)`,
    ).run(d.id, d.userId, d.gateway, d.method, d.amount, d.fee, d.feePayer, d.payAmount, d.expiresAt, d.createdAt, d.nextCheckAt);
  }

  get(id: string): Deposit | undefined {
    return fromRow(this.sql(`SELECT ${COLUMNS} FROM deposits WHERE id = ?`).get(id) as Row | undefined);
  }

  /** What the gateway answered the charge with; only while still open. */
  attachCharge(id: string, c: { ref: string; payCode: string; bank: string | null; expiresAt: number }): boolean {
    return (
      this.sql("UPDATE deposits SET gateway_ref = ?, pay_code = ?, bank = ?, expires_at = ? WHERE id = ? AND state = 'open'").run(
        c.ref,
        c.payCode,
        c.bank,
        c.expiresAt,
        id,
      ).changes === 1
    );
  }

  /**
   * Moves an open deposit to its end; false when it was not open (someone else settled it).
   * `credited`: an admin credits less than asked (the customer paid short); `amount` becomes it.
   */
  close(id: string, state: Exclude<DepositState, "open">, at: number, reason: string | null, by: number | null = null, credited?: number): boolean {
    return (
      this.sql("UPDATE deposits SET state = ?, settled_at = ?, reason = ?, settled_by = ?, amount = COALESCE(?, amount) WHERE id = ? AND state = 'open'").run(
        state,
        at,
        reason,
        by,
        credited ?? null,
        id,
      ).changes === 1
    );
  }

  /** The gateway reported an open deposit paid with less than its charge: kept open for an admin. */
  markShortPaid(id: string, received: number): void {
    this.sql("UPDATE deposits SET reason = ? WHERE id = ? AND state = 'open'").run(`short-paid ${received}`, id);
  }

  scheduleCheck(id: string, at: number): void {
    this.sql("UPDATE deposits SET next_check_at = ? WHERE id = ? AND state = 'open'").run(at, id);
  }

  markTold(id: string): void {
    this.sql("UPDATE deposits SET told = 1 WHERE id = ?").run(id);
  }

  /** A user's open deposits, oldest first. */
  openOf(userId: number): Deposit[] {
    return (this.sql(`SELECT ${COLUMNS} FROM deposits WHERE user_id = ? AND state = 'open' ORDER BY created_at, rowid`).all(userId) as Row[]).map(
      (r) => fromRow(r)!,
    );
  }

  /** Open deposits whose check is due, soonest first. */
  dueForCheck(now: number, limit: number): Deposit[] {
    return (
      this.sql(`SELECT ${COLUMNS} FROM deposits WHERE state = 'open' AND next_check_at <= ? ORDER BY next_check_at LIMIT ?`).all(now, limit) as Row[]
    ).map((r) => fromRow(r)!);
  }

  /** Settled deposits whose customer was not told yet (a restart came in between). */
  untold(limit: number): Deposit[] {
    return (this.sql(`SELECT ${COLUMNS} FROM deposits WHERE state <> 'open' AND told = 0 ORDER BY settled_at LIMIT ?`).all(limit) as Row[]).map(
      (r) => fromRow(r)!,
    );
  }

  /** The newest deposits, optionally only one state's, for the admins. */
  recent(limit: number, state?: DepositState): Deposit[] {
    const rows = state
      ? this.sql(`SELECT ${COLUMNS} FROM deposits WHERE state = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(state, limit)
      : this.sql(`SELECT ${COLUMNS} FROM deposits ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(limit);
    return (rows as Row[]).map((r) => fromRow(r)!);
  }

  /** How many deposits are open (all users). */
  countOpen(): number {
    return (this.sql("SELECT COUNT(*) AS n FROM deposits WHERE state = 'open'").get() as { n: number }).n;
  }

  ofUser(userId: number, limit: number): Deposit[] {
    return (this.sql(`SELECT ${COLUMNS} FROM deposits WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(userId, limit) as Row[]).map(
      (r) => fromRow(r)!,
    );
  }

  /** Paid deposits in [from, to): how many, what they credited, their fees, and the part the operator bore. */
  paidBetween(from: number, to: number): { count: number; amount: number; fees: number; operatorFees: number } {
    return this.sql(
      `SELECT COUNT(*) AS count, COALESCE(SUM(amount), 0) AS amount, COALESCE(SUM(fee), 0) AS fees,
         COALESCE(SUM(CASE WHEN fee_payer = 'operator' THEN fee ELSE 0 END), 0) AS operatorFees
       FROM deposits WHERE state = 'paid' AND settled_at >= ? AND settled_at < ?`,
    ).get(from, to) as { count: number; amount: number; fees: number; operatorFees: number };
  }

  /** Runs `fn` in one IMMEDIATE transaction (a state move and its ledger row together). */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
