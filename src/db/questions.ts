import type { Db } from "./database.js";

/**
 * The question a chat's flow is waiting to have answered in typed text (a customer number, a
 * year, a label), so that a chat picked up after a restart can be asked it again.
 */
export class Questions {
  constructor(private readonly db: Db) {}

  asked(chatId: number, flow: string, text: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO chat_questions (chat_id, flow, text, asked_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(chat_id) DO UPDATE SET flow = excluded.flow, text = excluded.text, asked_at = excluded.asked_at`,
      )
      .run(chatId, flow, text, now);
  }

  answered(chatId: number): void {
    this.db.prepare("DELETE FROM chat_questions WHERE chat_id = ?").run(chatId);
  }

  /** The open question, if the flow that asked it is still the one waiting in the chat. */
  open(chatId: number, activeFlows: string[]): string | undefined {
    const row = this.db.prepare("SELECT flow, text FROM chat_questions WHERE chat_id = ?").get(chatId) as { flow: string; text: string } | undefined;
    return row && activeFlows.includes(row.flow) ? row.text : undefined;
  }
}
