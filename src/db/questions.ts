import type { Db } from "./database.js";

/**
 * The question each chat's flow last asked for a typed answer (a customer number, a year, a
 * label), so that a chat picked up after a restart can be asked it again.
 */
export class Questions {
  constructor(private readonly db: Db) {}

  asked(chatId: number, text: string, now: number): void {
    this.db
      .prepare("INSERT INTO chat_questions (chat_id, text, asked_at) VALUES (?, ?, ?) ON CONFLICT(chat_id) DO UPDATE SET text = excluded.text, asked_at = excluded.asked_at")
      .run(chatId, text, now);
  }

  last(chatId: number): string | undefined {
    return (this.db.prepare("SELECT text FROM chat_questions WHERE chat_id = ?").get(chatId) as { text: string } | undefined)?.text;
  }
}
