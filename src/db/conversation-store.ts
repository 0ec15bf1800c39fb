import type { VersionedStateStorage } from "@grammyjs/conversations";
import { relaxed, type Db } from "./database.js";

/**
 * Conversation state in SQLite, one row per chat, so a chat in the middle of a flow continues
 * where it was after a restart. Written on every update of a flow without a sync of its own: a
 * power cut may send a chat back a step, never lose money (see `relaxed`).
 */
export function sqliteConversationStorage<S>(db: Db, now: () => number = Date.now): VersionedStateStorage<string, S> {
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
      relaxed(db, () => write.run(key, JSON.stringify(state), now()));
    },
    delete(key) {
      relaxed(db, () => remove.run(key));
    },
  };
}

/**
 * Ends the flows of chats that have not moved since `before` (FLOW_EXPIRY_HOURS), and cancels the
 * quotes no flow is left to confirm: a quote can only be paid from its flow's Bayar button.
 */
export function expireStaleFlows(db: Db, before: number, now: number): { flows: number; quotes: number } {
  return db.transaction(() => ({
    flows: db.prepare("DELETE FROM conversations WHERE updated_at < ?").run(before).changes,
    quotes: db
      .prepare(
        `UPDATE transactions SET state = 'cancelled', updated_at = ?
         WHERE state = 'quoted' AND created_at < ? AND CAST(chat_id AS TEXT) NOT IN (SELECT key FROM conversations)`,
      )
      .run(now, before).changes,
  }))();
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
