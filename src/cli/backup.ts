import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { loadConfig } from "../config.js";
import { backupDatabase } from "../db/backup.js";

/**
 * `npm run backup`: one online backup of the bot's database into BACKUP_DIR, safe while the bot
 * runs (it reads through SQLite, never copies the file), then old backups rotated out.
 */
if (existsSync(".env")) process.loadEnvFile(".env");
const loaded = loadConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const { databasePath, backupDir, backupKeep } = loaded.config;
if (!existsSync(databasePath)) {
  console.error(`No database at ${databasePath} yet: nothing to back up.`);
  process.exit(1);
}
const db = new Database(databasePath, { readonly: true, fileMustExist: true });
try {
  const result = await backupDatabase(db, backupDir, backupKeep);
  console.log(`Backup written: ${result.path}`);
  for (const old of result.removed) console.log(`Removed old backup: ${old}`);
} catch (err) {
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  db.close();
}
