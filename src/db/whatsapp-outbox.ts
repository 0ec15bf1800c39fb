import { z } from "zod";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

const mediaSchema = z.object({ mimetype: z.string(), data: z.string(), filename: z.string() });

/** A picture to send with a text as its caption; `data` is base64. */
export type OutboxMedia = z.infer<typeof mediaSchema>;

export interface OutboxMessage {
  id: number;
  userId: number;
  text: string;
  media?: OutboxMedia;
  /** A broadcast's message: sent when no reply waits. */
  bulk: boolean;
}

type Row = Omit<OutboxMessage, "media" | "bulk"> & { media: string | null; bulk: number };

/** How many broadcast messages the pacer looks at once (the one whose chat may be written to soonest goes). */
const BULK_HEADS = 50;

/**
 * Every message to a WhatsApp chat waits here until it is sent, so a reply, a receipt or a top-up
 * note that finds the client disconnected (or the process stopping) goes out once it is back.
 */
export class WhatsAppOutbox {
  // The pacer reads the heads before every message it sends: prepared once.
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  /** The texts of one bot message, in order; `media` goes with the first (as its caption); `bulk` for a broadcast's. */
  add(userId: number, texts: string[], now: number, media?: OutboxMedia, bulk = false): void {
    const insert = this.sql("INSERT INTO whatsapp_outbox (user_id, text, created_at, media, bulk) VALUES (?, ?, ?, ?, ?)");
    this.db.transaction(() => {
      texts.forEach((text, i) => insert.run(userId, text, now, i === 0 && media ? JSON.stringify(media) : null, bulk ? 1 : 0));
    })();
  }

  /**
   * What may go next: the oldest waiting reply of each chat, oldest chat first (per-chat order is
   * id order); when no reply waits, the oldest broadcast (bulk) messages. Both read through the
   * (bulk, id) index, so a broadcast of thousands waiting costs a reply nothing.
   */
  heads(): OutboxMessage[] {
    // SQLite takes the bare columns from the row MIN(id) picked.
    const replies = this.sql(
      "SELECT MIN(id) AS id, user_id AS userId, text, media, bulk FROM whatsapp_outbox WHERE bulk = 0 GROUP BY user_id ORDER BY id",
    ).all() as Row[];
    const rows =
      replies.length > 0
        ? replies
        : (this.sql(`SELECT id, user_id AS userId, text, media, bulk FROM whatsapp_outbox WHERE bulk = 1 ORDER BY id LIMIT ${BULK_HEADS}`).all() as Row[]);
    return rows.map(({ media, bulk, ...m }) => {
      const parsed = media === null ? undefined : mediaSchema.safeParse(JSON.parse(media));
      // A picture that does not read back goes as its caption alone rather than blocking the chat.
      return parsed?.success ? { ...m, bulk: bulk === 1, media: parsed.data } : { ...m, bulk: bulk === 1 };
    });
  }

  done(id: number): void {
    this.sql("DELETE FROM whatsapp_outbox WHERE id = ?").run(id);
  }

  size(): number {
    return (this.sql("SELECT COUNT(*) AS n FROM whatsapp_outbox").get() as { n: number }).n;
  }
}
