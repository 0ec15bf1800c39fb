import type { Db } from "./database.js";

export type AdminChangeKind = "topup" | "deduct";

/** An admin's balance change as the ledger keeps it: when, how much, and the balance after. */
export interface EarlierChange {
  createdAt: number;
  amount: number;
  balanceAfter: number;
}

export interface BalanceRepeat {
  id: number;
  adminId: number;
  userId: number;
  kind: AdminChangeKind;
  /** Positive; a deduction is posted negated. */
  amount: number;
  note: string | null;
  requestKey: string | null;
  state: "asked" | "confirmed" | "cancelled";
}

const COLUMNS = "id, admin_id AS adminId, user_id AS userId, kind, amount, note, request_key AS requestKey, state";

/** How long an admin's identical top-up or deduction counts as a possible repeat of the first. */
export const REPEAT_WINDOW_MS = 10 * 60_000;

/** Admin balance changes that repeat a recent identical one and wait for the admin's confirmation. */
export class BalanceRepeats {
  constructor(private readonly db: Db) {}

  /** The same admin's newest identical change for this user since `since` (a top-up by deposit request tap included). */
  earlier(adminId: number, userId: number, kind: AdminChangeKind, amount: number, since: number): EarlierChange | undefined {
    return this.db
      .prepare(
        `SELECT created_at AS createdAt, amount, balance_after AS balanceAfter FROM ledger
         WHERE actor_id = ? AND user_id = ? AND kind = ? AND amount = ? AND created_at >= ? ORDER BY id DESC LIMIT 1`,
      )
      .get(adminId, userId, kind, kind === "deduct" ? -amount : amount, since) as EarlierChange | undefined;
  }

  /** Records the question; a command already asked (the same request key) gets its existing one back. */
  ask(r: Omit<BalanceRepeat, "id" | "state">, now: number): BalanceRepeat {
    const known = r.requestKey === null ? undefined : this.byRequestKey(r.requestKey);
    if (known) return known;
    const { lastInsertRowid } = this.db
      .prepare("INSERT INTO balance_repeats (admin_id, user_id, kind, amount, note, request_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(r.adminId, r.userId, r.kind, r.amount, r.note, r.requestKey, now);
    return this.get(Number(lastInsertRowid))!;
  }

  byRequestKey(key: string): BalanceRepeat | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM balance_repeats WHERE request_key = ?`).get(key) as BalanceRepeat | undefined;
  }

  get(id: number): BalanceRepeat | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM balance_repeats WHERE id = ?`).get(id) as BalanceRepeat | undefined;
  }

  /** Answers the question once: false when it was answered already (a second press moves nothing). */
  settle(id: number, state: "confirmed" | "cancelled", now: number): boolean {
    return this.db.prepare("UPDATE balance_repeats SET state = ?, handled_at = ? WHERE id = ? AND state = 'asked'").run(state, now, id).changes === 1;
  }
}
