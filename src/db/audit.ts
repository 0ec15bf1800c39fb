import type { Db } from "./database.js";

/** Small JSON-safe facts about an admin action: the command as typed, its outcome, amounts... */
export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  actorId: number;
  /** The command or button: "topup", "selesaikan", "deposit-credit"... */
  action: string;
  /** false for a non-admin's refused attempt. */
  allowed: boolean;
  targetUserId?: number;
  txId?: string;
  detail: AuditDetail;
}

/** Writes one row of the audit log: who did what to whom, when, and whether they were allowed. */
export function writeAudit(db: Db, entry: AuditEntry, now: number): void {
  db.prepare(
    `INSERT INTO audit_log (actor_id, action, allowed, target_user_id, tx_id, detail, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(entry.actorId, entry.action, entry.allowed ? 1 : 0, entry.targetUserId ?? null, entry.txId ?? null, JSON.stringify(entry.detail), now);
}

/** How many of an actor's audit rows for `action` ended in one of `outcomes` after `since` (wrong /tautkan codes). */
export function countAudit(db: Db, q: { actorId: number; action: string; outcomes: string[]; since: number }): number {
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n FROM audit_log WHERE actor_id = ? AND action = ? AND created_at > ?
         AND json_extract(detail, '$.outcome') IN (${q.outcomes.map(() => "?").join(",")})`,
    )
    .get(q.actorId, q.action, q.since, ...q.outcomes) as { n: number };
  return row.n;
}
