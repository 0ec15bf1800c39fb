import type { Db } from "./database.js";

export interface DepositRequest {
  id: number;
  userId: number;
  /** What the user said they transferred; null when they did not say. */
  amount: number | null;
  state: "open" | "done" | "dismissed";
  handledBy: number | null;
  createdAt: number;
  /** When the user last changed it (a new request while this one was open); null if never. */
  updatedAt: number | null;
}

export type SubmitResult =
  | { kind: "opened" | "updated"; request: DepositRequest }
  /** The user sent `perHour` requests in the last hour already: nothing recorded. */
  | { kind: "too-many"; perHour: number };

/** What closing an open request came to; the money side is creditDepositRequest (src/payments). */
export type CloseResult =
  | { kind: "closed"; request: DepositRequest; amount: number }
  /** Done or dismissed already (a second tap, or another admin was first): nothing changed. */
  | { kind: "handled"; request: DepositRequest }
  /** The user changed the request after the admin's button was made: the button's amount is not the request's. */
  | { kind: "changed"; request: DepositRequest }
  | { kind: "missing" };

const COLUMNS = "id, user_id AS userId, amount, state, handled_by AS handledBy, created_at AS createdAt, updated_at AS updatedAt";
const HOUR_MS = 3_600_000;

/** Users' requests for a top-up, answered by an admin with one tap. */
export class DepositRequests {
  constructor(private readonly db: Db) {}

  /** How many requests the user sent in the hour before `now` (new ones and updates alike). */
  sentInLastHour(userId: number, now: number): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM deposit_submissions WHERE user_id = ? AND created_at > ?").get(userId, now - HOUR_MS) as { n: number })
      .n;
  }

  /**
   * A user's request: opens one, or updates the amount of the one still open (one per user).
   * Refused when the user sent `perHour` in the last hour. One IMMEDIATE transaction, so two
   * presses at once cannot open two requests or pass the cap together.
   */
  submit(userId: number, amount: number | undefined, now: number, perHour: number): SubmitResult {
    return this.db
      .transaction((): SubmitResult => {
        if (this.sentInLastHour(userId, now) >= perHour) return { kind: "too-many", perHour };
        const open = this.db.prepare("SELECT id FROM deposit_requests WHERE user_id = ? AND state = 'open' ORDER BY id DESC LIMIT 1").get(userId) as
          | { id: number }
          | undefined;
        let id: number;
        if (open) {
          this.db.prepare("UPDATE deposit_requests SET amount = ?, updated_at = ? WHERE id = ?").run(amount ?? null, now, open.id);
          id = open.id;
        } else {
          id = Number(
            this.db.prepare("INSERT INTO deposit_requests (user_id, amount, created_at) VALUES (?, ?, ?)").run(userId, amount ?? null, now).lastInsertRowid,
          );
        }
        this.db.prepare("INSERT INTO deposit_submissions (user_id, request_id, amount, created_at) VALUES (?, ?, ?, ?)").run(userId, id, amount ?? null, now);
        return { kind: open ? "updated" : "opened", request: this.get(id)! };
      })
      .immediate();
  }

  /** The requests still waiting for an admin, oldest first. */
  openRequests(limit: number): DepositRequest[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM deposit_requests WHERE state = 'open' ORDER BY id LIMIT ?`).all(limit) as DepositRequest[];
  }

  countOpen(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM deposit_requests WHERE state = 'open'").get() as { n: number }).n;
  }

  /** The message each admin has about a request (to edit it when the request changes). */
  messages(id: number): Map<number, number> {
    const rows = this.db.prepare("SELECT admin_id AS adminId, message_id AS messageId FROM deposit_request_messages WHERE request_id = ?").all(id) as {
      adminId: number;
      messageId: number;
    }[];
    return new Map(rows.map((r) => [r.adminId, r.messageId]));
  }

  rememberMessage(id: number, adminId: number, messageId: number): void {
    this.db
      .prepare(
        "INSERT INTO deposit_request_messages (request_id, admin_id, message_id) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET message_id = excluded.message_id",
      )
      .run(id, adminId, messageId);
  }

  get(id: number): DepositRequest | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM deposit_requests WHERE id = ?`).get(id) as DepositRequest | undefined;
  }

  /**
   * Marks an open request done, with the amount the user gave or else `amount`, guarded by
   * state = 'open': a second tap, a second admin or a replay closes nothing. `shown` is the amount
   * on the admin's button (null: none given): a request the user changed since is not closed from
   * an old button. The caller credits the amount in the same SQLite transaction.
   */
  close(id: number, adminId: number, shown: number | null, amount: number | undefined, now: number): CloseResult {
    const before = this.get(id);
    if (!before) return { kind: "missing" };
    if (before.state === "open" && before.amount !== shown) return { kind: "changed", request: before };
    const credit = before.amount ?? amount;
    if (credit === undefined) throw new Error(`deposit request ${id} has no amount to credit`);
    const closed =
      this.db
        .prepare("UPDATE deposit_requests SET state = 'done', amount = ?, handled_by = ?, handled_at = ? WHERE id = ? AND state = 'open'")
        .run(credit, adminId, now, id).changes === 1;
    return closed ? { kind: "closed", request: this.get(id)!, amount: credit } : { kind: "handled", request: before };
  }
}
