import type { Db } from "./database.js";

/** Telegram keeps an undelivered update for a day; remembering ids twice that long is enough. */
const KEEP_MS = 2 * 24 * 3_600_000;

/** Telegram update ids already taken by the webhook, so a redelivered update is handled once. */
export class TelegramSeen {
  private lastPrune = 0;
  constructor(private readonly db: Db) {}

  /** True the first time an update id is seen, false ever after. */
  firstTime(updateId: number, now: number): boolean {
    if (now - this.lastPrune > 3_600_000) {
      this.lastPrune = now;
      this.db.prepare("DELETE FROM telegram_updates_seen WHERE seen_at < ?").run(now - KEEP_MS);
    }
    return this.db.prepare("INSERT OR IGNORE INTO telegram_updates_seen (update_id, seen_at) VALUES (?, ?)").run(updateId, now).changes === 1;
  }
}
