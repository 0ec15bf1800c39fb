import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { tempDir } from "../support/harness.js";

/** `npm start` with no token: the README's terminal walk-through, typed into stdin. */
it("pays a sandbox PLN bill in the terminal chat exactly as the README shows", () => {
  const dir = tempDir();
  try {
    const lines = ["/topup 1001 1jt", "/bayar", "1", "1", "530000000001", "1", "/saldo"];
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH, DATABASE_PATH: join(dir.dir, "bot.sqlite") },
      input: `${lines.join("\n")}\n`,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toContain("Halo Operator!");
    expect(out).toContain("1. 💡 Bayar tagihan");
    expect(out).toContain("Balas dengan nomor pilihan.");
    expect(out).toContain("Saldo @operator ditambah Rp 1.000.000");
    expect(out).toContain("🧾 Tagihan PLN Pascabayar");
    expect(out).toContain("✅ Pembayaran berhasil");
    const total = Number(/Total bayar: Rp ([\d.]+)/.exec(out)![1]!.replace(/\./g, ""));
    expect(out).toContain(`Saldo kamu: Rp ${(1_000_000 - total).toLocaleString("de-DE")}`);
  } finally {
    dir.cleanup();
  }
});
