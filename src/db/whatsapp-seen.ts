import type { Db } from "./database.js";

/** How long a handled message id is remembered: far longer than any backlog WhatsApp redelivers. */
const KEEP_MS = 14 * 24 * 3_600_000;

/** WhatsApp message ids already handled, so a redelivered message is never handled twice. */
export class WhatsAppSeen {
  private lastPrune = 0;
  constructor(private readonly db: Db) {}

  /** True the first time a message id is seen, false ever after. */
  firstTime(messageId: string, now: number): boolean {
    if (now - this.lastPrune > 3_600_000) {
      this.lastPrune = now;
      this.db.prepare("DELETE FROM whatsapp_seen WHERE seen_at < ?").run(now - KEEP_MS);
    }
    return this.db.prepare("INSERT OR IGNORE INTO whatsapp_seen (message_id, seen_at) VALUES (?, ?)").run(messageId, now).changes === 1;
  }
}
