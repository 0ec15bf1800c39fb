import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database, { type Statement } from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

/** Opens (and creates or upgrades) the bot's SQLite file. */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // FULL: a balance change the user was told about must survive a power cut, not just a crash.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

const syncModes = new WeakMap<Db, { normal: Statement; full: Statement }>();

/**
 * Runs `write` with a commit that is not synced to disk on its own: for what a power cut may take
 * back (where a chat is in a flow, a quote not yet confirmed, a user's name), never money. In WAL
 * mode such a commit is still atomic, and the next durable commit (every money step) syncs it too.
 */
export function relaxed<T>(db: Db, write: () => T): T {
  // Inside a transaction the enclosing commit decides.
  if (db.inTransaction) return write();
  let modes = syncModes.get(db);
  if (!modes) {
    modes = { normal: db.prepare("PRAGMA synchronous = NORMAL"), full: db.prepare("PRAGMA synchronous = FULL") };
    syncModes.set(db, modes);
  }
  modes.normal.run();
  try {
    return write();
  } finally {
    modes.full.run();
  }
}
