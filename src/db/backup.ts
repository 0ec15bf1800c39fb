import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "./database.js";

/** Backup files are named for when they were taken, so sorting the names sorts them by age. */
const BACKUP_NAME = /^bot-\d{8}-\d{6}(-\d+)?\.sqlite$/;

export interface BackupResult {
  path: string;
  /** Older backups removed to keep `keep`. */
  removed: string[];
}

/** `bot-20261129-234518.sqlite` (UTC), with a counter when two are taken within one second. */
function backupName(dir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const taken = new Set(readdirSync(dir));
  let name = `bot-${stamp}.sqlite`;
  for (let i = 2; taken.has(name); i++) name = `bot-${stamp}-${i}.sqlite`;
  return name;
}

/**
 * An online copy of the database into `dir` through SQLite's backup API: consistent while the bot
 * keeps writing (WAL included), unlike copying the file. Keeps the newest `keep` backups.
 */
export async function backupDatabase(db: Db, dir: string, keep: number, now = new Date()): Promise<BackupResult> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, backupName(dir, now));
  await db.backup(path);
  const backups = readdirSync(dir)
    .filter((f) => BACKUP_NAME.test(f))
    .sort();
  const removed = backups.slice(0, Math.max(0, backups.length - keep));
  for (const f of removed) rmSync(join(dir, f), { force: true });
  return { path, removed };
}

/** Runs `backupDatabase` every `hours` (BACKUP_EVERY_HOURS) until the returned stop is called. */
export function scheduleBackups(db: Db, dir: string, keep: number, hours: number, log: (message: string) => void): () => void {
  const timer = setInterval(() => {
    backupDatabase(db, dir, keep).then(
      (r) => log(`backup written: ${r.path}`),
      (err: Error) => log(`backup failed: ${err.message}`),
    );
  }, hours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
