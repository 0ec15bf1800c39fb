import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { nodeArgs } from "../support/entry.js";
import { tempDir } from "../support/harness.js";

/**
 * The terminal numbers its messages afresh on every start, so the same message id after a restart
 * is a new command: it must not be taken for a redelivered one (that guard is Telegram's).
 */
it("a /topup in the terminal after a restart is a new command (asked to confirm as a repeat), though its message id repeats", () => {
  const dir = tempDir();
  try {
    const run = (input: string) =>
      spawnSync(process.execPath, nodeArgs("main"), {
        env: { PATH: process.env.PATH, DATABASE_PATH: join(dir.dir, "bot.sqlite") },
        input,
        encoding: "utf8",
        timeout: 30_000,
      });
    // "2" presses Saldo on the main menu, which leaves no keyboard to remember across the restart.
    const first = run("/topup 1001 1jt\n2\n");
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("Saldo @operator ditambah Rp 1.000.000. Saldo sekarang: Rp 1.000.000");
    // The same amount again within minutes asks first; "1" confirms it.
    const second = run("/topup 1001 1jt\n1\n");
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain("Kamu sudah menambah saldo @operator sebesar Rp 1.000.000");
    expect(second.stdout).toContain("Saldo @operator ditambah Rp 1.000.000. Saldo sekarang: Rp 2.000.000");
  } finally {
    dir.cleanup();
  }
});
