import type { Wallet } from "../payments/wallet.js";
import type { Db } from "./database.js";

export interface DepositRequest {
  id: number;
  userId: number;
  /** What the user said they transferred; null when they did not say. */
  amount: number | null;
  state: "open" | "done" | "dismissed";
  handledBy: number | null;
}

export type CreditResult =
  | { kind: "credited"; request: DepositRequest; amount: number; balance: number }
  /** Done or dismissed already (a second tap, or another admin was first): nothing moved. */
  | { kind: "handled"; request: DepositRequest }
  | { kind: "missing" };

const COLUMNS = "id, user_id AS userId, amount, state, handled_by AS handledBy";

/** Users' requests for a top-up, answered by an admin with one tap. */
export class DepositRequests {
  constructor(
    private readonly db: Db,
    private readonly wallet: Wallet,
  ) {}

  open(userId: number, amount: number | undefined, now: number): DepositRequest {
    const { lastInsertRowid } = this.db
      .prepare("INSERT INTO deposit_requests (user_id, amount, created_at) VALUES (?, ?, ?)")
      .run(userId, amount ?? null, now);
    return this.get(Number(lastInsertRowid))!;
  }

  get(id: number): DepositRequest | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM deposit_requests WHERE id = ?`).get(id) as DepositRequest | undefined;
  }

  /**
   * Credits an open request once, with the amount the user gave or else `amount`. Closing the
   * request and the ledger row are one SQLite transaction guarded by state = 'open', so a second
   * tap, a second admin or a replay credits nothing.
   */
  credit(id: number, adminId: number, amount: number | undefined, now: number): CreditResult {
    return this.db.transaction((): CreditResult => {
      const before = this.get(id);
      if (!before) return { kind: "missing" };
      const credit = before.amount ?? amount;
      if (credit === undefined) throw new Error(`deposit request ${id} has no amount to credit`);
      const closed = this.db
        .prepare("UPDATE deposit_requests SET state = 'done', amount = ?, handled_by = ?, handled_at = ? WHERE id = ? AND state = 'open'")
        .run(credit, adminId, now, id).changes === 1;
      if (!closed) return { kind: "handled", request: before };
      const posted = this.wallet.post({ userId: before.userId, amount: credit, kind: "topup", actorId: adminId, note: `deposit request #${id}`, now });
      // A top-up cannot go below zero and the foreign key guarantees the user: this is a broken database.
      if (!posted.ok) throw new Error(`deposit request ${id}: could not credit user ${before.userId} (${posted.reason})`);
      return { kind: "credited", request: this.get(id)!, amount: credit, balance: posted.balance };
    }).immediate();
  }
}
