import type { Statement } from "better-sqlite3";
import { relaxed, type Db } from "./database.js";

/**
 * The question a chat's flow is waiting to have answered in typed text (a customer number, a
 * year, a label), so that a chat picked up after a restart can be asked it again. Asked and
 * answered on every flow, so prepared once and committed without a sync of their own: like the
 * flow's state, a power cut may take one back, never money.
 */
export class Questions {
  private readonly write: Statement;
  private readonly remove: Statement;
  private readonly read: Statement;

  constructor(private readonly db: Db) {
    this.write = db.prepare(
      `INSERT INTO chat_questions (chat_id, flow, text, asked_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(chat_id) DO UPDATE SET flow = excluded.flow, text = excluded.text, asked_at = excluded.asked_at`,
    );
    this.remove = db.prepare("DELETE FROM chat_questions WHERE chat_id = ?");
    this.read = db.prepare("SELECT flow, text FROM chat_questions WHERE chat_id = ?");
  }

  asked(chatId: number, flow: string, text: string, now: number): void {
    relaxed(this.db, () => this.write.run(chatId, flow, text, now));
  }

  answered(chatId: number): void {
    relaxed(this.db, () => this.remove.run(chatId));
  }

  /** The open question, if the flow that asked it is still the one waiting in the chat. */
  open(chatId: number, activeFlows: string[]): string | undefined {
    const row = this.read.get(chatId) as { flow: string; text: string } | undefined;
    return row && activeFlows.includes(row.flow) ? row.text : undefined;
  }
}
