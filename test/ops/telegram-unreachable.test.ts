import { createServer as createHttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { OUTAGE_LOG_EVERY_MS, TelegramOutage } from "../../src/channels/telegram-connect.js";
import { Clock } from "../support/clock.js";
import { tempDir } from "../support/harness.js";
import { freePort, type MainProcess, startMain } from "../support/main-process.js";

/**
 * The real process (src/main.ts, bundled) with a valid-looking BOT_TOKEN and a Telegram it cannot
 * reach at start-up (issue 22 item 11): it says so at once and then keeps quiet, /health reports
 * Telegram down, and the first SIGTERM/SIGINT ends it cleanly whatever Telegram does. A token
 * Telegram refuses ends it with one line naming BOT_TOKEN (item 12).
 */

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const TOKEN = "123456:TEST-unreachable-token-abcdefghij";

/** A TCP stand-in at 127.0.0.1 that does `onSocket` with each connection, counting them. */
async function tcpStandIn(onSocket: (socket: Socket) => void): Promise<{ url: string; connections(): number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("error", () => {});
    onSocket(socket);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanup.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

async function startBot(
  apiRoot: string,
  env: Record<string, string> = {},
): Promise<{ bot: MainProcess; health(): Promise<{ status: number; body: unknown }> }> {
  const dir = tempDir();
  cleanup.push(() => dir.cleanup());
  const port = await freePort();
  const bot = startMain({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_PATH: join(dir.dir, "bot.sqlite"), HTTP_PORT: String(port), ...env });
  cleanup.push(() => bot.kill());
  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    return res ? { status: res.status, body: await res.json() } : { status: 0, body: undefined };
  };
  return { bot, health };
}

const failures = (bot: MainProcess) => bot.lines().filter((l) => /^Telegram: getMe failed/.test(String(l.msg)));

/** Health turns 503 naming the reason, then one signal ends the process with 0 and the log says why. */
async function downThenStopped(bot: MainProcess, health: () => Promise<{ status: number; body: unknown }>, reason: RegExp, signal: NodeJS.Signals) {
  await expect.poll(health, { timeout: 15_000, interval: 100 }).toEqual({
    status: 503,
    body: { status: "unhealthy", problems: { telegram: expect.stringMatching(new RegExp(`^cannot reach the Bot API for \\d+ s: .*${reason.source}`)) } },
  });
  // /health may turn before the log line has come through the child's stderr pipe: wait for it.
  await expect.poll(() => failures(bot).length, { timeout: 5_000, interval: 50 }).toBeGreaterThan(0);
  const [first] = failures(bot);
  expect(first?.level, bot.stderr()).toBe(40);
  expect(first?.msg).toMatch(new RegExp(`^Telegram: getMe failed \\(.*${reason.source}.*\\); trying again every 2 s$`));
  bot.signal(signal);
  expect(await bot.exited, bot.stderr()).toBe(0);
  expect(bot.stderr()).toContain(`${signal}: stopping`);
  expect(bot.stderr()).not.toMatch(/\n\s+at /);
}

describe("a Telegram the bot cannot reach at start-up", () => {
  it("a refused connection (TELEGRAM_API_ROOT at a closed port): told at once, /health 503, the first SIGTERM ends it", async () => {
    const { bot, health } = await startBot(`http://127.0.0.1:${await freePort()}`);
    await downThenStopped(bot, health, /ECONNREFUSED/, "SIGTERM");
  }, 30_000);

  it("a host that does not resolve: told at once, /health 503, the first SIGINT ends it", async () => {
    // .invalid never resolves (RFC 2606).
    const { bot, health } = await startBot("http://api.telegram.invalid");
    await downThenStopped(bot, health, /ENOTFOUND|EAI_AGAIN/, "SIGINT");
  }, 30_000);

  it("tries again every 2 s but says it once, not once per try", async () => {
    const dropping = await tcpStandIn((socket) => socket.destroy());
    const { bot, health } = await startBot(dropping.url);
    await expect.poll(() => dropping.connections(), { timeout: 20_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    expect(failures(bot)).toHaveLength(1);
    expect((await health()).status).toBe(503);
    bot.signal("SIGTERM");
    expect(await bot.exited, bot.stderr()).toBe(0);
  }, 30_000);

  it("a Bot API that takes the connection and never answers does not hold the first SIGTERM", async () => {
    const silent = await tcpStandIn(() => {});
    const { bot } = await startBot(silent.url);
    await expect.poll(() => silent.connections(), { timeout: 15_000, interval: 50 }).toBe(1);
    bot.signal("SIGTERM");
    expect(await bot.exited, bot.stderr()).toBe(0);
    expect(failures(bot)).toEqual([]);
  }, 30_000);
});

it("a Bot API that answers getMe and then nothing: the first SIGTERM still ends the process within SHUTDOWN_SECONDS", async () => {
  let calls = 0;
  const api = createHttpServer((req, res) => {
    calls++;
    if (!req.url?.endsWith("/getMe")) return; // taken, never answered
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, result: { id: 123456, is_bot: true, first_name: "Tagihan", username: "tagihan_bot" } }));
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  cleanup.push(
    () =>
      new Promise<void>((r) => {
        api.closeAllConnections();
        api.close(() => r());
      }),
  );
  const { bot } = await startBot(`http://127.0.0.1:${(api.address() as AddressInfo).port}`, { SHUTDOWN_SECONDS: "1" });
  // getMe answered, the next call (the command menu) hangs.
  await expect.poll(() => calls, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(2);
  bot.signal("SIGTERM");
  expect(await bot.exited, bot.stderr()).toBe(1);
  expect(bot.lines().map((l) => l.msg)).toEqual(
    expect.arrayContaining([
      "SIGTERM: stopping; updates and payments under way are finished first.",
      "Still stopping after 1 s (SHUTDOWN_SECONDS): exiting now.",
    ]),
  );
}, 30_000);

it("a token Telegram refuses (401) ends the start with one line naming BOT_TOKEN and what to check, exit code 1", async () => {
  const api = createHttpServer((_req, res) => {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }));
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  cleanup.push(() => new Promise<void>((r) => api.close(() => r())));
  const root = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const { bot } = await startBot(root);
  expect(await bot.exited, bot.stderr()).toBe(1);
  const said = bot
    .stderr()
    .split("\n")
    .filter((l) => l && !l.startsWith("{"));
  expect(said).toEqual([
    `Could not start: BOT_TOKEN was refused by Telegram (401: Unauthorized): check that it is the whole token @BotFather gave (digits, a colon, then 35 characters) and that it was not revoked, and that TELEGRAM_API_ROOT (${root}) is a Bot API server.`,
  ]);
  // The token itself is never written.
  expect(bot.stderr()).not.toContain(TOKEN);
}, 30_000);

it("an outage is told when it starts, then once a minute on the bot's clock, and when Telegram answers again", () => {
  const clock = new Clock();
  const said: string[] = [];
  const outage = new TelegramOutage(
    clock.now,
    (m) => said.push(m),
    (m) => said.push(m),
  );
  const refused = new Error("connect ECONNREFUSED 127.0.0.1:9");
  expect(outage.problem()).toBeUndefined();
  for (let i = 0; i < 29; i++) {
    outage.failed("getUpdates", refused);
    clock.advance(2_000);
  }
  expect(said).toEqual(["Telegram: getUpdates failed (connect ECONNREFUSED 127.0.0.1:9); trying again every 2 s"]);
  expect(outage.problem()).toBe("cannot reach the Bot API for 58 s: connect ECONNREFUSED 127.0.0.1:9");
  clock.advance(OUTAGE_LOG_EVERY_MS - 58_000);
  outage.failed("getUpdates", refused);
  expect(said.slice(1)).toEqual(["Telegram: getUpdates failed (connect ECONNREFUSED 127.0.0.1:9); trying again every 2 s (unreachable for 60 s)"]);
  clock.advance(30_000);
  outage.answered();
  expect(said.slice(2)).toEqual(["Telegram: answering again after 90 s."]);
  expect(outage.problem()).toBeUndefined();
  // A new outage is told at once again.
  outage.failed("getUpdates", refused);
  expect(said).toHaveLength(4);
});
