import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { telegramChannel } from "../../src/channels/telegram.js";
import type { RunningChannel } from "../../src/channels/channel.js";
import { loadConfig } from "../../src/config.js";
import type { Provider } from "../../src/providers/provider.js";
import { booksProblems } from "../support/books.js";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";
import { tempDir } from "../support/harness.js";
import { gatedProvider } from "../support/gated-provider.js";

/**
 * Telegram by webhook through the real HTTP server and the real Telegram channel: the bot talks
 * to a Bot API stand-in, the test posts updates as Telegram does.
 */

const TOKEN = "123456:TEST-webhook-token-abcdefghij";
const SECRET = "webhook-secret-0123456789abcdef";
const ADMIN = 777;

interface Running {
  app: App;
  api: FakeBotApi;
  channel: RunningChannel;
  url: string;
  logs: string[];
  /** Posts an update as Telegram would; `secret` null sends no secret header. */
  post(update: Record<string, unknown>, secret?: string | null): Promise<number>;
}

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function start(provider?: Provider): Promise<Running> {
  const dir = tempDir();
  cleanup.push(() => dir.cleanup());
  const api = await startFakeBotApi();
  cleanup.push(() => api.close());
  const loaded = loadConfig({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.url,
    WEBHOOK_URL: "https://bot.example.com/telegram/hook",
    WEBHOOK_SECRET: SECRET,
    HTTP_PORT: "8443",
    DATABASE_PATH: join(dir.dir, "bot.sqlite"),
    ADMIN_IDS: String(ADMIN),
  });
  if (!loaded.ok) throw new Error(loaded.message);
  const config = loaded.config;
  const logs: string[] = [];
  const spec = telegramChannel({ ...config, botToken: TOKEN }, (m) => logs.push(m));
  const started = createApp(config, { channel: "telegram", token: TOKEN, botConfig: spec.botConfig, provider, log: (m) => logs.push(m) });
  if (!started.ok) throw new Error(started.message);
  const { app } = started;
  const server = (await app.listen({ ephemeral: true }))!;
  app.worker.start();
  const channel = await spec.start(app, app.bot);
  cleanup.push(async () => {
    await channel.stop();
    expect(booksProblems(app.deps.db)).toEqual([]);
    await app.close();
  });
  const url = `${server.url}/telegram/hook`;
  return {
    app,
    api,
    channel,
    url,
    logs,
    async post(update, secret: string | null = SECRET) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }) },
        body: JSON.stringify(update),
      });
      await res.arrayBuffer();
      return res.status;
    },
  };
}

let nextUpdateId = 1000;
let nextMessageId = 1;
const user = (id: number) => ({ id, is_bot: false, first_name: `U${id}` });
const chat = (id: number) => ({ id, type: "private", first_name: `U${id}` });
const text = (userId: number, body: string, updateId = ++nextUpdateId) => {
  const command = /^\/\w+/.exec(body);
  return {
    update_id: updateId,
    message: {
      message_id: ++nextMessageId,
      date: Math.floor(Date.now() / 1000),
      chat: chat(userId),
      from: user(userId),
      text: body,
      ...(command && { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }),
    },
  };
};
const press = (userId: number, messageId: number, data: string) => ({
  update_id: ++nextUpdateId,
  callback_query: {
    id: String(nextUpdateId),
    from: user(userId),
    chat_instance: String(userId),
    data,
    message: { message_id: messageId, date: 0, chat: chat(userId), from: { id: 42, is_bot: true, first_name: "Bench" }, text: "" },
  },
});

/** Presses the button whose label matches on the newest message in the chat that has it. */
async function tap(r: Running, userId: number, label: RegExp): Promise<void> {
  const m = [...r.api.sent(userId)].reverse().find((s) => s.buttons.some((b) => label.test(b.text)));
  if (!m)
    throw new Error(
      `no button ${label} in chat ${userId}: ${r.api
        .sent(userId)
        .map((s) => s.text)
        .join(" | ")}`,
    );
  const after = r.api.sent(userId).length;
  expect(await r.post(press(userId, m.messageId, m.buttons.find((b) => label.test(b.text))!.data))).toBe(200);
  await r.api.next(userId, { after, timeoutMs: 10_000 });
}

it("answers Telegram's updates on the URL's path", async () => {
  const r = await start();
  const after = r.api.sent(4242).length;
  expect(await r.post(text(4242, "/start"))).toBe(200);
  const greeting = await r.api.next(4242, { after, timeoutMs: 10_000 });
  expect(greeting.text).toContain("Halo U4242!");
  expect(r.logs.some((l) => l.includes("Running on Telegram as @bench_bot (webhook)"))).toBe(true);
  expect((await fetch(`${r.url}`)).status).toBe(405);
});

it("refuses a request without the right secret token with 401 and logs it", async () => {
  const r = await start();
  expect(await r.post(text(4243, "/start"), null)).toBe(401);
  expect(await r.post(text(4243, "/start"), "not-the-secret-0123456789abcdef")).toBe(401);
  expect(await r.post(text(4243, "/start"), SECRET.slice(0, -1))).toBe(401);
  expect(r.logs.filter((l) => l.includes("refused a request without the right secret token"))).toHaveLength(3);
  // Nothing reached the bot: its first answer in that chat is to the first genuine update.
  const after = r.api.sent(4243).length;
  expect(await r.post(text(4243, "/saldo"))).toBe(200);
  await r.api.next(4243, { after, timeoutMs: 10_000 });
  expect(r.api.sent(4243)).toHaveLength(1);
});

it("handles an update Telegram delivers again only once", async () => {
  const r = await start();
  const update = text(4244, "/saldo");
  expect(await r.post(update)).toBe(200);
  await r.api.next(4244, { timeoutMs: 10_000, after: 0 });
  expect(await r.post(update)).toBe(200);
  expect(await r.post(update)).toBe(200);
  // A later update is answered, and by then the repeats would have been too.
  expect(await r.post(text(4244, "/bantuan"))).toBe(200);
  await r.api.next(4244, { after: 1, timeoutMs: 10_000 });
  await r.channel.stop();
  expect(r.api.sent(4244)).toHaveLength(2);
  expect(r.logs.filter((l) => l.includes("delivered again: already handled"))).toHaveLength(2);
});

it("answers at once while the biller is slow, keeps each chat's order and other chats moving", async () => {
  const slow = gatedProvider();
  const r = await start(slow.provider);
  const sari = 5001;
  const budi = 5002;
  expect(await r.post(text(sari, "/bayar"))).toBe(200);
  await r.api.next(sari, { after: 0, timeoutMs: 10_000 });
  await tap(r, sari, /Listrik PLN/);
  await tap(r, sari, /PLN Pascabayar/);
  const before = r.api.sent(sari).length;

  // The customer number starts an inquiry that does not answer: the webhook request returns anyway.
  expect(await r.post(text(sari, "530000000001"))).toBe(200);
  await expect.poll(() => slow.inquiries()).toBe(1);
  // Sari's next message waits behind her bill; Budi is answered meanwhile.
  expect(await r.post(text(sari, "/bantuan"))).toBe(200);
  expect(await r.post(text(budi, "/saldo"))).toBe(200);
  await r.api.next(budi, { after: 0, timeoutMs: 10_000 });
  const sariSoFar = r.api
    .sent(sari)
    .slice(before)
    .map((m) => m.text);
  expect(sariSoFar.some((t) => t.includes("/bayar"))).toBe(false);

  slow.open();
  await r.api.next(sari, { after: before, match: (m) => m.text.includes("/bayar"), timeoutMs: 10_000 });
  const texts = r.api
    .sent(sari)
    .slice(before)
    .map((m) => m.text);
  const summary = texts.findIndex((t) => t.includes("530000000001"));
  const help = texts.findIndex((t) => t.includes("/bayar"));
  expect(summary, texts.join("\n---\n")).toBeGreaterThanOrEqual(0);
  expect(summary).toBeLessThan(help);
});
