import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createApp } from "../src/app.js";
import { BotApiEmulator, EMULATOR_BOT_INFO } from "../src/channels/emulator.js";
import { loadConfig } from "../src/config.js";

/**
 * Speed and memory of the whole pay flow through the real bot (sandbox biller, real SQLite file):
 * /bayar -> category -> product -> number -> Bayar -> receipt, for many users. Prints figures; asserts nothing.
 * Targets on the 2-core reference machine: p95 under 30 ms per payment, RSS under 250 MB.
 */
const USERS = Number(process.env.BENCH_USERS ?? 500);

const dir = mkdtempSync(join(tmpdir(), "tagihan-bench-"));
const loaded = loadConfig({ DATABASE_PATH: join(dir, "bench.sqlite"), ADMIN_IDS: "1" });
if (!loaded.ok) throw new Error(loaded.message);
const emulator = new BotApiEmulator();
const started = createApp(loaded.config, {
  channel: "telegram",
  token: "1:BENCH",
  botConfig: { botInfo: EMULATOR_BOT_INFO, client: { fetch: emulator.fetch } },
  log: () => {},
});
if (!started.ok) throw new Error(started.message);
const { app } = started;
const admin = { id: 1, firstName: "Admin" };
const say = (user: { id: number; firstName: string }, text: string) => app.bot.handleUpdate(emulator.text(user, text));

const durations: number[] = [];
const t0 = performance.now();
for (let i = 0; i < USERS; i++) {
  const user = { id: 10_000 + i, firstName: `U${i}` };
  await say(user, "/start");
  await say(admin, `/topup ${user.id} 1jt`);
  const start = performance.now();
  await say(user, "/bayar");
  await say(user, "1"); // Listrik PLN
  await say(user, "1"); // PLN Pascabayar
  await say(user, String(530_000_100_000 + i));
  await say(user, "1"); // Bayar
  await app.worker.idle();
  durations.push(performance.now() - start);
}
const total = performance.now() - t0;
durations.sort((a, b) => a - b);
const pct = (p: number) => durations[Math.min(durations.length - 1, Math.floor((p / 100) * durations.length))]!.toFixed(2);
const paid = app.deps.db.prepare("SELECT COUNT(*) AS n FROM transactions WHERE state = 'success'").get() as { n: number };
const mem = process.memoryUsage();

console.log(`payments through the bot: ${paid.n}/${USERS} succeeded in ${(total / 1000).toFixed(2)} s`);
console.log(`per payment (5 updates + provider + receipt): p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms`);
console.log(`throughput: ${(USERS / (total / 1000)).toFixed(1)} payments/s (one chat at a time)`);
console.log(`memory: rss ${(mem.rss / 2 ** 20).toFixed(1)} MB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(1)} MB`);
const p95 = Number(pct(95));
console.log(`targets: p95 < 30 ms ${p95 < 30 ? "met" : "MISSED"}, rss < 250 MB ${mem.rss < 250 * 2 ** 20 ? "met" : "MISSED"}`);
// Figures from a run where payments did not go through measure nothing.
if (paid.n !== USERS) process.exitCode = 1;
await app.close();
rmSync(dir, { recursive: true, force: true });
