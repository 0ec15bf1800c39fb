import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { tempDir } from "../support/harness.js";

/**
 * The terminal numbers its messages afresh on every start, so the same message id after a restart
 * is a new command: it must not be taken for a redelivered one (that guard is Telegram's).
 */
it("a /topup in the terminal after a restart credits again, though its message id repeats", () => {
  const dir = tempDir();
  try {
    const run = () =>
      spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
        env: { PATH: process.env.PATH, DATABASE_PATH: join(dir.dir, "bot.sqlite") },
        // "2" presses Saldo on the main menu, which leaves no keyboard to remember across the restart.
        input: "/topup 1001 1jt\n2\n",
        encoding: "utf8",
        timeout: 30_000,
      });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("Saldo @operator ditambah Rp 1.000.000. Saldo sekarang: Rp 1.000.000");
    const second = run();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain("Saldo @operator ditambah Rp 1.000.000. Saldo sekarang: Rp 2.000.000");
  } finally {
    dir.cleanup();
  }
});
