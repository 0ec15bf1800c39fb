import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { tempDir } from "../support/harness.js";
import { startMain } from "../support/main-process.js";

/**
 * A DATABASE_PATH the process cannot use (issue 22 item 12): `npm start` (the bundled src/main.ts)
 * says so in one line naming the path and exits with 1, with no stack trace and without hanging.
 * The terminal chat (no BOT_TOKEN) writes its log beside the database, so it is the harder case.
 */

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

async function refused(databasePath: string, env: Record<string, string> = {}): Promise<string[]> {
  const bot = startMain({ DATABASE_PATH: databasePath, ...env });
  cleanup.push(() => bot.kill());
  expect(await bot.exited, bot.stderr()).toBe(1);
  return bot.stderr().split("\n").filter(Boolean);
}

const advice = "; choose a file in a folder this user may write to.";

it("a folder that cannot be made (/proc/nope, where Node's recursive mkdir never returns): one line, exit 1", async () => {
  expect(await refused("/proc/nope/bot.sqlite")).toEqual([
    `DATABASE_PATH=/proc/nope/bot.sqlite: cannot create the folder /proc/nope (ENOENT: no such file or directory, mkdir '/proc/nope')${advice}`,
  ]);
}, 20_000);

it("a folder that is a file, and a folder SQLite cannot create a file in: one line naming the path, also on Telegram", async () => {
  const dir = tempDir();
  cleanup.push(() => dir.cleanup());
  const file = join(dir.dir, "notes.txt");
  writeFileSync(file, "not a folder");
  expect(await refused(join(file, "bot.sqlite"))).toEqual([
    `DATABASE_PATH=${file}/bot.sqlite: cannot create the folder ${file} (${file} is a file, not a folder)${advice}`,
  ]);
  expect(await refused("/proc/bot.sqlite", { BOT_TOKEN: "123456:TEST-database-token-abcdefghij", TELEGRAM_API_ROOT: "http://127.0.0.1:9" })).toEqual([
    `DATABASE_PATH=/proc/bot.sqlite: cannot open it for writing (unable to open database file)${advice}`,
  ]);
}, 20_000);

// root writes into a read-only folder anyway: the /proc cases above stand in for it there.
it.skipIf(process.getuid?.() === 0)(
  "a read-only folder: one line naming the path, exit 1",
  async () => {
    const dir = tempDir();
    const ro = join(dir.dir, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    cleanup.push(() => {
      chmodSync(ro, 0o755);
      dir.cleanup();
    });
    expect(await refused(join(ro, "bot.sqlite"))).toEqual([
      `DATABASE_PATH=${ro}/bot.sqlite: cannot open it for writing (unable to open database file)${advice}`,
    ]);
  },
  20_000,
);
