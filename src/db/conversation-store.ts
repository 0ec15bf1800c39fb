import type { VersionedStateStorage } from "@grammyjs/conversations";
import type { Db } from "./database.js";

/**
 * Conversation state in SQLite, one row per chat, so a chat in the middle of a flow continues
 * where it was after a restart.
 */
export function sqliteConversationStorage<S>(db: Db): VersionedStateStorage<string, S> {
  const read = db.prepare("SELECT value FROM conversations WHERE key = ?");
  const write = db.prepare(
    "INSERT INTO conversations (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
  );
  const remove = db.prepare("DELETE FROM conversations WHERE key = ?");
  return {
    read(key) {
      const row = read.get(key) as { value: string } | undefined;
      return row ? JSON.parse(row.value) : undefined;
    },
    write(key, state) {
      write.run(key, JSON.stringify(state), Date.now());
    },
    delete(key) {
      remove.run(key);
    },
  };
}

/** Whether a chat is in the middle of a flow (the plugin deletes a chat's row when none is left). */
export function hasStoredConversation(db: Db, chatId: number): boolean {
  return !!db.prepare("SELECT 1 FROM conversations WHERE key = ?").get(String(chatId));
}

/** The flows (conversation names) a chat is in the middle of, as the conversations plugin stored them. */
export function activeFlows(db: Db, chatId: number): string[] {
  const row = db.prepare("SELECT value FROM conversations WHERE key = ?").get(String(chatId)) as { value: string } | undefined;
  const state = row ? (JSON.parse(row.value) as { state?: Record<string, unknown[]> }).state : undefined;
  return Object.entries(state ?? {})
    .filter(([, running]) => Array.isArray(running) && running.length > 0)
    .map(([name]) => name);
}
