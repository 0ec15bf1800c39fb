import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { backupDatabase, scheduleBackups } from "../../src/db/backup.js";
import { openDatabase } from "../../src/db/database.js";
import { Wallet } from "../../src/payments/wallet.js";
import { Users } from "../../src/db/users.js";
import { nodeArgs } from "../support/entry.js";

function seeded(dir: string) {
  const db = openDatabase(join(dir, "bot.sqlite"));
  new Users(db).upsert({ id: 7, channel: "telegram", firstName: "Ani" });
  new Wallet(db).post({ userId: 7, amount: 50_000, kind: "topup", now: Date.now() });
  return db;
}

describe("backups", () => {
  it("copies the live database, WAL included, and keeps only the newest ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "backup-"));
    const db = seeded(dir);
    const out = join(dir, "backups");
    const paths: string[] = [];
    for (let i = 0; i < 4; i++) paths.push((await backupDatabase(db, out, 3, new Date(Date.UTC(2026, 10, 29, 12, 0, i)))).path);
    // Written after the first backup: only the later backups may have it.
    new Wallet(db).post({ userId: 7, amount: 1_000, kind: "topup", now: Date.now() });
    const last = await backupDatabase(db, out, 3, new Date(Date.UTC(2026, 10, 29, 12, 0, 9)));
    expect(readdirSync(out).sort()).toEqual(["bot-20261129-120002.sqlite", "bot-20261129-120003.sqlite", "bot-20261129-120009.sqlite"]);
    expect(last.removed).toEqual(["bot-20261129-120001.sqlite"]);
    const copy = new Database(last.path, { readonly: true });
    expect(copy.prepare("SELECT balance FROM users WHERE id = 7").pluck().get()).toBe(51_000);
    expect(copy.prepare("SELECT SUM(amount) FROM ledger WHERE user_id = 7").pluck().get()).toBe(51_000);
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
    db.close();
  });

  it("names two backups taken in the same second apart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "backup-"));
    const db = seeded(dir);
    const at = new Date(Date.UTC(2026, 10, 29, 12, 0, 0));
    const a = await backupDatabase(db, join(dir, "b"), 5, at);
    const b = await backupDatabase(db, join(dir, "b"), 5, at);
    expect(a.path).not.toBe(b.path);
    db.close();
  });

  it("BACKUP_EVERY_HOURS takes one each time the hours have passed, until stopped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "backup-"));
    const db = seeded(dir);
    const out = join(dir, "auto");
    const logs: string[] = [];
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const stop = scheduleBackups(db, out, 5, 6, (m) => logs.push(m));
      vi.advanceTimersByTime(6 * 3_600_000 - 1);
      expect(logs).toEqual([]);
      vi.advanceTimersByTime(1);
      await vi.waitFor(() => expect(logs).toHaveLength(1));
      expect(logs[0]).toMatch(/^backup written: .*bot-\d{8}-\d{6}\.sqlite$/);
      stop();
      vi.advanceTimersByTime(24 * 3_600_000);
      expect(readdirSync(out)).toHaveLength(1);
    } finally {
      vi.useRealTimers();
      db.close();
    }
  });

  it("npm run backup works while the bot holds the database open", () => {
    const dir = mkdtempSync(join(tmpdir(), "backup-"));
    const db = seeded(dir);
    const env = { ...process.env, DATABASE_PATH: join(dir, "bot.sqlite"), BACKUP_DIR: join(dir, "out"), BACKUP_KEEP: "2" };
    const run = spawnSync(process.execPath, nodeArgs("backup"), { env, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Backup written: .*bot-\d{8}-\d{6}\.sqlite\n$/);
    expect(readdirSync(join(dir, "out"))).toHaveLength(1);
    db.close();
  });

  it("says so when there is no database to back up", () => {
    const dir = mkdtempSync(join(tmpdir(), "backup-"));
    const env = { ...process.env, DATABASE_PATH: join(dir, "none.sqlite"), BACKUP_DIR: join(dir, "out") };
    const run = spawnSync(process.execPath, nodeArgs("backup"), { env, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("No database at");
  });
});
