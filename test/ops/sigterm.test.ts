import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { booksProblems } from "../support/books.js";
import { nodeArgs } from "../support/entry.js";
import { startFakeBotApi, type FakeBotApi, type SentMessage } from "../support/fake-bot-api.js";
import { tempDir } from "../support/harness.js";
import { digiflazzEnv } from "../support/provider-env.js";

/**
 * SIGTERM to the real process (src/main.ts, bundled: see test/support/entry.ts; long polling a Bot API stand-in)
 * while many users are mid-flow (their bill inquiries hanging at a slow biller) and payments are in
 * flight or queued: no update fails, the inquiries answer, payments in flight record their outcome,
 * queued ones are paid after the restart, nothing is paid twice and the books add up.
 */

const ADMIN = 777;
const HOLD_MS = 1_500;
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/**
 * In front of the Digiflazz stand-in: between hold() and release(), inquiries and payments are
 * held HOLD_MS each; counts what was held. Only the calls a signal must find under way are slow.
 */
async function slowBiller(stub: DigiflazzStub): Promise<{ url: string; held(command: string): number; hold(): void; release(): void; close(): Promise<void> }> {
  const held = new Map<string, number>();
  let holding = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const command = String((JSON.parse(body.toString() || "{}") as Record<string, unknown>).commands ?? "");
      const slow = holding && (command === "inq-pasca" || command === "pay-pasca");
      if (slow) held.set(command, (held.get(command) ?? 0) + 1);
      if (slow) await new Promise((r) => setTimeout(r, HOLD_MS));
      // The test may be over (stand-in closed) while a call is held: the bot sees a dropped connection.
      try {
        const answer = await fetch(`${stub.url}${req.url}`, {
          method: req.method,
          headers: { "content-type": "application/json" },
          body: req.method === "POST" ? body : undefined,
        });
        res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
        res.end(Buffer.from(await answer.arrayBuffer()));
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: (command) => held.get(command) ?? 0,
    hold: () => void (holding = true),
    release: () => void (holding = false),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, nodeArgs("main"), { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c) => (stderr += c));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  cleanup.push(() => void child.kill("SIGKILL"));
  return { child, exited, stderr: () => stderr };
}

/** Does `act` in the user's chat and waits for the bot's answer that matches. */
async function step(api: FakeBotApi, userId: number, act: () => void, match: (m: SentMessage) => boolean = () => true): Promise<SentMessage> {
  const after = api.sent(userId).length;
  act();
  return api.next(userId, { after, match, timeoutMs: 30_000 }).catch((err: Error) => {
    throw new Error(
      `${err.message}; the chat: ${api
        .sent(userId)
        .map((m) => `${m.text} [${m.buttons.map((b) => b.text).join(", ")}]`)
        .join(" | ")}`,
    );
  });
}

const button = (m: SentMessage, label: RegExp) => m.buttons.find((b) => label.test(b.text))!.data;

/** A Digiflazz stand-in behind the slow biller, a Bot API stand-in, and the bot's environment for them. */
async function setUp(extraEnv: Record<string, string> = {}) {
  const dir = tempDir();
  cleanup.push(() => dir.cleanup());
  const stub = await startDigiflazzStub({ apiKey: "dev-key-123" });
  cleanup.push(() => stub.close());
  const biller = await slowBiller(stub);
  cleanup.push(() => biller.close());
  const api = await startFakeBotApi();
  cleanup.push(() => api.close());
  const env = {
    ...digiflazzEnv(stub),
    DIGIFLAZZ_BASE_URL: biller.url,
    BOT_TOKEN: "123456:TEST-sigterm-token-abcdefghij",
    TELEGRAM_API_ROOT: api.url,
    DATABASE_PATH: join(dir.dir, "bot.sqlite"),
    ADMIN_IDS: String(ADMIN),
    ...extraEnv,
  };
  return { stub, biller, api, env };
}

it("on SIGTERM finishes every update and payment under way, starts none, and the restart pays the queued ones once", async () => {
  // Few payments with the provider at once, so some are still queued at the signal.
  const { stub, biller, api, env } = await setUp({ WORKER_CONCURRENCY: "3", LOG_LEVEL: "info" });
  const first = startBot(env);

  const payers = Array.from({ length: 12 }, (_, i) => 6000 + i);
  const inquirers = Array.from({ length: 12 }, (_, i) => 7000 + i);
  const users = [...payers, ...inquirers];
  const number = (_u: number) => "530000000001";
  // Everyone says hello, is topped up, and gets as far as typing the customer number.
  await Promise.all(users.map((u) => step(api, u, () => api.text(u, "/start"))));
  for (const u of users)
    await step(
      api,
      ADMIN,
      () => api.text(ADMIN, `/topup ${u} 1jt`),
      (m) => m.text.includes(String(u)) || m.text.includes(`U${u}`),
    );
  await Promise.all(
    users.map(async (u) => {
      const menu = await step(
        api,
        u,
        () => api.text(u, "/bayar"),
        (m) => m.buttons.length > 0,
      );
      const products = await step(
        api,
        u,
        () => api.press(u, menu.messageId, button(menu, /Listrik PLN/)),
        (m) => m.buttons.some((b) => /PLN Pascabayar/.test(b.text)),
      );
      await step(api, u, () => api.press(u, products.messageId, button(products, /PLN Pascabayar/)));
    }),
  );
  // The payers get their bill and press Bayar: their payments are held at the biller.
  const summaries = await Promise.all(
    payers.map((u) =>
      step(
        api,
        u,
        () => api.text(u, number(u)),
        (m) => m.buttons.some((b) => /Bayar/.test(b.text)),
      ),
    ),
  );
  biller.hold();
  payers.forEach((u, i) => api.press(u, summaries[i]!.messageId, button(summaries[i]!, /Bayar/)));
  // The others type their number: their updates now wait on the slow biller.
  const inquiring = inquirers.map((u) =>
    step(
      api,
      u,
      () => api.text(u, number(u)),
      (m) => m.buttons.some((b) => /Bayar/.test(b.text)),
    ),
  );
  await expect.poll(() => biller.held("pay-pasca") >= 3 && biller.held("inq-pasca") >= inquirers.length, { timeout: 30_000, interval: 20 }).toBe(true);

  // The worker's three slots are held at the biller, so no other pay is on its way.
  const paysAtSignal = biller.held("pay-pasca");
  first.child.kill("SIGTERM");
  expect(await first.exited, first.stderr()).toBe(0);
  // No payment was started after the signal, though slots freed up while updates were finishing.
  expect(biller.held("pay-pasca")).toBe(paysAtSignal);
  // Every update under way was finished: each inquirer has the bill, nothing failed.
  await Promise.all(inquiring);
  const lines = first
    .stderr()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const updates = lines.filter((l) => l.event === "update");
  expect(updates.length).toBeGreaterThan(users.length * 5);
  expect(updates.filter((l) => l.outcome !== "handled")).toEqual([]);
  expect(first.stderr()).not.toMatch(/failed:|database connection is not open/);

  const db = openDatabase(env.DATABASE_PATH);
  const states = () => db.prepare("SELECT id, state FROM transactions WHERE state NOT IN ('quoted','cancelled')").all() as { id: string; state: string }[];
  // Payments the provider had were recorded; the rest were never started and wait as confirmed.
  const atStop = states();
  expect(atStop).toHaveLength(payers.length);
  expect(atStop.filter((t) => t.state === "sending")).toEqual([]);
  expect(atStop.filter((t) => t.state === "success").length).toBeGreaterThanOrEqual(3);
  expect(atStop.some((t) => t.state === "confirmed")).toBe(true);
  for (const t of atStop) expect(stub.payCalls(t.id)).toBe(t.state === "confirmed" ? 0 : 1);

  // The restart only has to pay the queued ones: no need to hold them at the biller.
  biller.release();
  const second = startBot(env);
  await expect.poll(() => states().every((t) => t.state === "success"), { timeout: 30_000, interval: 100 }).toBe(true);
  second.child.kill("SIGTERM");
  expect(await second.exited, second.stderr()).toBe(0);
  for (const t of states()) expect(stub.payCalls(t.id)).toBe(1);
  expect(booksProblems(db)).toEqual([]);
  db.close();
}, 120_000);

it("a second SIGTERM while the first is still finishing work exits at once, with the books intact", async () => {
  const { biller, api, env } = await setUp();
  const bot = startBot(env);
  const user = 6100;
  await step(api, user, () => api.text(user, "/start"));
  const menu = await step(
    api,
    user,
    () => api.text(user, "/bayar"),
    (m) => m.buttons.length > 0,
  );
  const products = await step(
    api,
    user,
    () => api.press(user, menu.messageId, button(menu, /Listrik PLN/)),
    (m) => m.buttons.some((b) => /PLN Pascabayar/.test(b.text)),
  );
  await step(api, user, () => api.press(user, products.messageId, button(products, /PLN Pascabayar/)));
  const sentBefore = api.sent(user).length;
  // The user's inquiry is now held at the biller: the first signal waits for it...
  biller.hold();
  api.text(user, "530000000001");
  await expect.poll(() => biller.held("inq-pasca"), { timeout: 20_000, interval: 10 }).toBe(1);
  bot.child.kill("SIGTERM");
  await expect.poll(() => bot.stderr(), { timeout: 10_000, interval: 10 }).toMatch(/SIGTERM: stopping/);
  // ...and a second one does not.
  bot.child.kill("SIGTERM");
  expect(await bot.exited, bot.stderr()).toBe(1);
  expect(bot.stderr()).toMatch(/SIGTERM again: exiting now/);
  // It left before the held inquiry was answered: no bill was shown, no money moved.
  expect(
    api
      .sent(user)
      .slice(sentBefore)
      .some((m) => m.buttons.some((b) => /Bayar/.test(b.text))),
  ).toBe(false);
  const db = openDatabase(env.DATABASE_PATH);
  expect(booksProblems(db)).toEqual([]);
  db.close();
}, 60_000);
