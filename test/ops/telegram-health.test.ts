import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { POLL_STALL_MS, telegramChannel } from "../../src/channels/telegram.js";
import { loadConfig } from "../../src/config.js";
import { Clock } from "../support/clock.js";
import { startFakeBotApi } from "../support/fake-bot-api.js";
import { tempDir } from "../support/harness.js";

/** The real Telegram channel (long polling a Bot API stand-in) reports to GET /health. */

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it("health turns 503 when Telegram stops answering getUpdates, and 200 again when it answers", async () => {
  const dir = tempDir();
  cleanup.push(() => dir.cleanup());
  let api = await startFakeBotApi();
  const first = api.url;
  const root = { url: api.url };
  const loaded = loadConfig({ BOT_TOKEN: "123456:TEST-health-token-abcdefghij", TELEGRAM_API_ROOT: api.url, DATABASE_PATH: join(dir.dir, "bot.sqlite") });
  if (!loaded.ok) throw new Error(loaded.message);
  const clock = new Clock();
  const logs: string[] = [];
  // The bot reaches whatever stand-in is current at the same address (the stand-in is replaced below).
  const channel = telegramChannel({ ...loaded.config, botToken: loaded.config.botToken! }, (m) => logs.push(m));
  const started = createApp(loaded.config, {
    channel: "telegram",
    token: channel.token,
    botConfig: { client: { apiRoot: first, fetch: (url: string, init: RequestInit) => fetch(url.replace(first, root.url), init) } as never },
    now: clock.now,
    log: (m) => logs.push(m),
  });
  if (!started.ok) throw new Error(started.message);
  const { app } = started;
  app.worker.start();
  const running = await channel.start(app, app.bot);
  cleanup.push(async () => {
    await running.stop();
    await app.close();
  });
  const health = () => app.health.report();
  await expect.poll(() => health(), { timeout: 10_000 }).toEqual({ ok: true, problems: {} });

  // Telegram goes away: the runner keeps trying, and after POLL_STALL_MS without an answer health says so.
  await api.close();
  await expect.poll(() => logs.some((l) => l.startsWith("Telegram: getUpdates failed")), { timeout: 10_000 }).toBe(true);
  expect(health().ok).toBe(true);
  clock.advance(POLL_STALL_MS + 1_000);
  await expect.poll(() => health().problems.telegram, { timeout: 10_000 }).toMatch(/^no answer to getUpdates for \d+ s$/);
  expect(health().ok).toBe(false);
  // Said once in the log, not a stack trace per attempt.
  expect(logs.filter((l) => l.startsWith("Telegram: getUpdates failed"))).toHaveLength(1);

  // It answers again.
  api = await startFakeBotApi();
  root.url = api.url;
  cleanup.push(() => api.close());
  await expect.poll(() => health(), { timeout: 20_000 }).toEqual({ ok: true, problems: {} });
}, 40_000);
