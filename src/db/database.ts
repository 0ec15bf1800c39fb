import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database, { type Statement } from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

/** Opens (and creates or upgrades) the bot's SQLite file; a path it cannot use throws one line naming it. */
export function openDatabase(path: string): Db {
  const db = openFile(path);
  migrate(db);
  return db;
}

/**
 * Why the bot cannot keep its database at `path` (DATABASE_PATH), in one line naming the path, or
 * undefined when it can: the folder is made if missing and the file opened for writing once.
 */
export function databasePathProblem(path: string): string | undefined {
  try {
    openFile(path).close();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function openFile(path: string): Db {
  const fail = (what: string, err: unknown) =>
    new Error(`DATABASE_PATH=${path}: ${what} (${(err as Error).message}); choose a file in a folder this user may write to.`);
  if (path !== ":memory:") {
    try {
      makeDirs(dirname(path));
    } catch (err) {
      throw fail(`cannot create the folder ${dirname(path)}`, err);
    }
  }
  let db: Db | undefined;
  try {
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    // FULL: a balance change the user was told about must survive a power cut, not just a crash.
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    return db;
  } catch (err) {
    db?.close();
    throw fail("cannot open it for writing", err);
  }
}

/**
 * Creates `dir` and the parents it lacks, one level at a time: Node's recursive mkdir never
 * returns when a parent takes no new folders (/proc/nope), and this throws instead.
 */
function makeDirs(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is a file, not a folder`);
    return;
  }
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent);
  mkdirSync(dir);
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
