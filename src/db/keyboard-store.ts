import { z } from "zod";
import type { Db } from "./database.js";

/** A button of a chat's numbered menu: the number typed for it, its label and its callback data. */
export interface ButtonChoice {
  n: number;
  text: string;
  data: string;
}

export interface StoredMessage {
  text: string;
  buttons: ButtonChoice[];
}

/**
 * Where each chat's active keyboard is kept across restarts, so a number typed after the bot
 * comes back still presses the button it meant (the conversation itself lives in SQLite too).
 */
export interface KeyboardStore {
  load(chatId: number): (StoredMessage & { messageId: number }) | undefined;
  save(chatId: number, messageId: number, message: StoredMessage): void;
  clear(chatId: number): void;
  /** The highest message id kept: new ids start above it, so they never collide with a restored one. */
  lastMessageId(): number;
}

const Buttons = z.array(z.object({ n: z.number().int(), text: z.string(), data: z.string() }));

/** The emulator's active keyboards in SQLite, next to the conversations they belong to. */
export function sqliteKeyboardStore(db: Db): KeyboardStore {
  const load = db.prepare("SELECT message_id, text, buttons FROM chat_keyboards WHERE chat_id = ?");
  const save = db.prepare(
    `INSERT INTO chat_keyboards (chat_id, message_id, text, buttons) VALUES (?, ?, ?, ?)
     ON CONFLICT(chat_id) DO UPDATE SET message_id = excluded.message_id, text = excluded.text, buttons = excluded.buttons`,
  );
  const clear = db.prepare("DELETE FROM chat_keyboards WHERE chat_id = ?");
  const last = db.prepare("SELECT COALESCE(MAX(message_id), 0) AS id FROM chat_keyboards");
  return {
    load(chatId) {
      const row = load.get(chatId) as { message_id: number; text: string; buttons: string } | undefined;
      return row && { messageId: row.message_id, text: row.text, buttons: Buttons.parse(JSON.parse(row.buttons)) };
    },
    save(chatId, messageId, message) {
      save.run(chatId, messageId, message.text, JSON.stringify(message.buttons));
    },
    clear(chatId) {
      clear.run(chatId);
    },
    lastMessageId: () => (last.get() as { id: number }).id,
  };
}
