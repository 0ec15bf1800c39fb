import { z } from "zod";
import type { Db } from "./database.js";

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

/**
 * Every message to a WhatsApp chat waits here until it is sent, so a reply, a receipt or a top-up
 * note that finds the client disconnected (or the process stopping) goes out once it is back.
 */
export class WhatsAppOutbox {
  constructor(private readonly db: Db) {}

  /** The texts of one bot message, in order; `media` goes with the first (as its caption); `bulk` for a broadcast's. */
  add(userId: number, texts: string[], now: number, media?: OutboxMedia, bulk = false): void {
    const insert = this.db.prepare("INSERT INTO whatsapp_outbox (user_id, text, created_at, media, bulk) VALUES (?, ?, ?, ?, ?)");
    this.db.transaction(() => {
      texts.forEach((text, i) => insert.run(userId, text, now, i === 0 && media ? JSON.stringify(media) : null, bulk ? 1 : 0));
    })();
  }

  /** The oldest waiting message of each chat, oldest chat first: per-chat order is id order. */
  heads(): OutboxMessage[] {
    // SQLite takes the bare columns from the row MIN(id) picked.
    const rows = this.db.prepare("SELECT MIN(id) AS id, user_id AS userId, text, media, bulk FROM whatsapp_outbox GROUP BY user_id ORDER BY id").all() as (Omit<
      OutboxMessage,
      "media" | "bulk"
    > & { media: string | null; bulk: number })[];
    return rows.map(({ media, bulk, ...m }) => {
      const parsed = media === null ? undefined : mediaSchema.safeParse(JSON.parse(media));
      // A picture that does not read back goes as its caption alone rather than blocking the chat.
      return parsed?.success ? { ...m, bulk: bulk === 1, media: parsed.data } : { ...m, bulk: bulk === 1 };
    });
  }

  done(id: number): void {
    this.db.prepare("DELETE FROM whatsapp_outbox WHERE id = ?").run(id);
  }

  size(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM whatsapp_outbox").get() as { n: number }).n;
  }
}
