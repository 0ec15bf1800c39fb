import type { Db } from "./database.js";

export interface OutboxMessage {
  id: number;
  userId: number;
  text: string;
}

/**
 * Every message to a WhatsApp chat waits here until it is sent, so a reply, a receipt or a top-up
 * note that finds the client disconnected (or the process stopping) goes out once it is back.
 */
export class WhatsAppOutbox {
  constructor(private readonly db: Db) {}

  add(userId: number, texts: string[], now: number): void {
    const insert = this.db.prepare("INSERT INTO whatsapp_outbox (user_id, text, created_at) VALUES (?, ?, ?)");
    this.db.transaction(() => {
      for (const text of texts) insert.run(userId, text, now);
    })();
  }

  /** The oldest waiting message of each chat, oldest chat first: per-chat order is id order. */
  heads(): OutboxMessage[] {
    return this.db
      .prepare("SELECT MIN(id) AS id, user_id AS userId, text FROM whatsapp_outbox GROUP BY user_id ORDER BY id")
      .all() as OutboxMessage[];
  }

  done(id: number): void {
    this.db.prepare("DELETE FROM whatsapp_outbox WHERE id = ?").run(id);
  }

  size(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM whatsapp_outbox").get() as { n: number }).n;
  }
}
