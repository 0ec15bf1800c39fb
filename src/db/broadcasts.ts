import { z } from "zod";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

export const AudienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("level"), level: z.string() }),
  z.object({ kind: z.literal("active"), days: z.number().int().positive() }),
]);

/** Who a broadcast is for: everyone, one price level, or users who wrote in the last N days. */
export type Audience = z.infer<typeof AudienceSchema>;

const PhotoSchema = z.object({ fileId: z.string(), data: z.string() });

/** A broadcast's picture: Telegram's file id (Telegram recipients) and its bytes in base64 (WhatsApp's). */
export type BroadcastPhoto = z.infer<typeof PhotoSchema>;

export type BroadcastState = "draft" | "sending" | "done" | "cancelled";
export type RecipientState = "waiting" | "sending" | "sent" | "blocked" | "opted-out" | "failed" | "unknown";

export interface Broadcast {
  id: number;
  adminId: number;
  audience: Audience;
  text: string;
  photo: BroadcastPhoto | undefined;
  state: BroadcastState;
  statusMessageId: number | undefined;
}

interface Row {
  id: number;
  admin_id: number;
  audience: string;
  text: string;
  photo: string | null;
  state: BroadcastState;
  status_message_id: number | null;
}

const toBroadcast = (r: Row): Broadcast => ({
  id: r.id,
  adminId: r.admin_id,
  audience: AudienceSchema.parse(JSON.parse(r.audience)),
  text: r.text,
  photo: r.photo === null ? undefined : PhotoSchema.parse(JSON.parse(r.photo)),
  state: r.state,
  statusMessageId: r.status_message_id ?? undefined,
});

/**
 * The users an audience names, as SQL over `users`: one row per account (a WhatsApp user linked
 * to a Telegram account is reached through it), never a user an admin blocked.
 */
function audienceWhere(a: Audience, defaultLevel: string, now: number): { sql: string; args: unknown[] } {
  const base = "merged_into IS NULL AND blocked = 0";
  if (a.kind === "level") return { sql: `${base} AND COALESCE(price_level, ?) = ?`, args: [defaultLevel, a.level] };
  if (a.kind === "active") return { sql: `${base} AND COALESCE(last_seen_at, created_at) >= ?`, args: [now - a.days * 86_400_000] };
  return { sql: base, args: [] };
}

export type Counts = Record<RecipientState, number>;

/**
 * Broadcasts and their recipients. A broadcast moves draft -> sending (its recipients written in the
 * same transaction) -> done, or draft -> cancelled; a recipient waiting -> sending (durably, before
 * the message goes) -> sent | blocked | opted-out | failed. A row a crash left 'sending' may or may
 * not have reached the user: it becomes 'unknown' and is never sent again.
 */
export class Broadcasts {
  private readonly sql;

  constructor(
    private readonly db: Db,
    private readonly defaultLevel: string,
  ) {
    this.sql = statements(db);
  }

  draft(adminId: number, audience: Audience, text: string, photo: BroadcastPhoto | undefined, now: number): number {
    const insert = this.sql("INSERT INTO broadcasts (admin_id, audience, text, photo, created_at) VALUES (?, ?, ?, ?, ?)");
    return Number(insert.run(adminId, JSON.stringify(audience), text, photo ? JSON.stringify(photo) : null, now).lastInsertRowid);
  }

  get(id: number): Broadcast | undefined {
    const row = this.sql("SELECT * FROM broadcasts WHERE id = ?").get(id) as Row | undefined;
    return row && toBroadcast(row);
  }

  /** How many users the audience names now, by the channel each would be reached on first. */
  preview(audience: Audience, now: number): { count: number; byChannel: Record<string, number> } {
    const where = audienceWhere(audience, this.defaultLevel, now);
    const rows = this.db
      .prepare(`SELECT COALESCE(last_channel, channel) AS channel, COUNT(*) AS n FROM users WHERE ${where.sql} GROUP BY 1`)
      .all(...where.args) as { channel: string; n: number }[];
    const byChannel = Object.fromEntries(rows.map((r) => [r.channel, r.n]));
    return { count: rows.reduce((s, r) => s + r.n, 0), byChannel };
  }

  /** draft -> sending with its recipients (the audience as it is now); undefined when it was not a draft. */
  start(id: number, now: number): number | undefined {
    return this.db
      .transaction(() => {
        const b = this.get(id);
        if (!b || this.sql("UPDATE broadcasts SET state = 'sending', started_at = ? WHERE id = ? AND state = 'draft'").run(now, id).changes !== 1)
          return undefined;
        const where = audienceWhere(b.audience, this.defaultLevel, now);
        return this.db.prepare(`INSERT INTO broadcast_recipients (broadcast_id, user_id) SELECT ?, id FROM users WHERE ${where.sql}`).run(id, ...where.args)
          .changes;
      })
      .immediate();
  }

  /** draft -> cancelled; false when it was not a draft. */
  cancel(id: number): boolean {
    return this.sql("UPDATE broadcasts SET state = 'cancelled' WHERE id = ? AND state = 'draft'").run(id).changes === 1;
  }

  setStatusMessage(id: number, messageId: number): void {
    this.sql("UPDATE broadcasts SET status_message_id = ? WHERE id = ?").run(messageId, id);
  }

  /** Broadcasts being sent (to resume after a start). */
  sending(): number[] {
    return (this.sql("SELECT id FROM broadcasts WHERE state = 'sending' ORDER BY id").all() as { id: number }[]).map((r) => r.id);
  }

  /**
   * Takes up to `limit` waiting recipients: marked 'sending' in one durable commit before any of
   * them is sent, so a crash can never send one twice.
   */
  take(id: number, limit: number): number[] {
    return this.db
      .transaction(() => {
        const ids = (
          this.sql("SELECT user_id FROM broadcast_recipients WHERE broadcast_id = ? AND state = 'waiting' ORDER BY user_id LIMIT ?").all(id, limit) as {
            user_id: number;
          }[]
        ).map((r) => r.user_id);
        const mark = this.sql("UPDATE broadcast_recipients SET state = 'sending' WHERE broadcast_id = ? AND user_id = ? AND state = 'waiting'");
        return ids.filter((userId) => mark.run(id, userId).changes === 1);
      })
      .immediate();
  }

  /** The outcomes of taken recipients, in one commit. */
  settle(id: number, outcomes: { userId: number; state: RecipientState; channel?: string }[], now: number): void {
    const mark = this.sql("UPDATE broadcast_recipients SET state = ?, channel = ?, done_at = ? WHERE broadcast_id = ? AND user_id = ? AND state = 'sending'");
    this.db.transaction(() => {
      for (const o of outcomes) mark.run(o.state, o.channel ?? null, now, id, o.userId);
    })();
  }

  /** At start-up: what a crash left 'sending' is 'unknown' (it may have gone out). */
  recover(): number {
    return this.sql("UPDATE broadcast_recipients SET state = 'unknown' WHERE state = 'sending'").run().changes;
  }

  counts(id: number): Counts {
    const counts: Counts = { waiting: 0, sending: 0, sent: 0, blocked: 0, "opted-out": 0, failed: 0, unknown: 0 };
    for (const r of this.sql("SELECT state, COUNT(*) AS n FROM broadcast_recipients WHERE broadcast_id = ? GROUP BY state").all(id) as {
      state: RecipientState;
      n: number;
    }[])
      counts[r.state] = r.n;
    return counts;
  }

  /** sending -> done once nobody waits; false otherwise (or when done already). */
  finish(id: number, now: number): boolean {
    return (
      this.sql(
        `UPDATE broadcasts SET state = 'done', finished_at = ? WHERE id = ? AND state = 'sending'
           AND NOT EXISTS (SELECT 1 FROM broadcast_recipients WHERE broadcast_id = ? AND state IN ('waiting', 'sending'))`,
      ).run(now, id, id).changes === 1
    );
  }
}
