import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, type App } from "../../src/app.js";
import { BotApiEmulator, EMULATOR_BOT_INFO, type ChatUser, type Output } from "../../src/channels/emulator.js";
import { loadConfig } from "../../src/config.js";
import { configLogger } from "../../src/log/logger.js";
import type { Provider } from "../../src/providers/provider.js";
import { TELEGRAM_LIMITS } from "../../src/bot/outgoing.js";
import { ApiFaults } from "./api-faults.js";
import type { Clock } from "./clock.js";
import { TelegramLimitsStandIn } from "./telegram-limits.js";

export const ADMIN: ChatUser = { id: 500, firstName: "Admin", username: "boss" };
export const SARI: ChatUser = { id: 42, firstName: "Sari", username: "sari" };

/**
 * Where scratch folders go: in memory (/dev/shm) where the system has it. The bot commits with
 * synchronous = FULL, and on disk each commit's fsync cost a test's fresh database ~70 ms just to be
 * created; in memory the files are still real SQLite files (a SIGKILL loses nothing the page cache holds).
 */
const SCRATCH = (() => {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return tmpdir();
  }
})();

/** A scratch folder for one test's SQLite file. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(SCRATCH, "tagihan-test-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Harness {
  app: App;
  emulator: BotApiEmulator;
  outputs: Output[];
  /** What the bot logged, oldest first. */
  logs: string[];
  /** Answers the bot's next Bot API calls of a method with an error, as Telegram would (see ApiFaults). */
  apiFaults: ApiFaults;
  /** With `telegram`: the stand-in keeping Telegram's limits between the bot and the emulator. */
  limits: TelegramLimitsStandIn | undefined;
  /** A user types text (or a button number). Waits for the update and any payment it started. */
  send(text: string, user?: ChatUser): Promise<void>;
  /** A user taps the button with this label on the newest message that has it. */
  tap(label: string | RegExp, user?: ChatUser): Promise<void>;
  /** Texts the bot sent (or edited in) for a chat, oldest first. */
  texts(chatId?: number): string[];
  lastText(chatId?: number): string;
  /** The newest message in a chat that carries buttons. */
  lastKeyboard(chatId?: number): Extract<Output, { kind: "message" | "edit" }> | undefined;
  balance(userId?: number): number;
  close(): Promise<void>;
}

/**
 * The real bot (real grammY, real SQLite file, real payment worker) with only the network faked,
 * at grammY's `client.fetch`, by the same Bot API emulator the terminal uses.
 */
export async function startHarness(opts: {
  dbPath: string;
  provider?: Provider;
  /** Several providers side by side, the primary first (PROVIDERS' place). */
  providers?: Provider[];
  env?: Record<string, string>;
  now?: () => number;
  /**
   * The app logs the way `npm start` does (configLogger: LOG_LEVEL, secrets scrubbed, messages
   * included) and each finished line lands here; `logs` stays empty. Without it nothing structured is kept.
   */
  logLines?: string[];
  /** The Bot API's refusal of a call (403, 429, 5xx...) instead of the emulator's answer; undefined lets it through. */
  apiFault?: (method: string) => { error_code: number; description: string; parameters?: { retry_after?: number } } | undefined;
  /**
   * Talk to Telegram as production does: the bot's outgoing queue keeps Telegram's limits, and a
   * stand-in enforcing them sits in front of the emulator, both on this clock (drive the bot with
   * `clock.settle(...)`: the queue's waits need the clock to move).
   */
  telegram?: Clock;
}): Promise<Harness> {
  // Tests drive users many updates to one tick of the bot's clock, past any human's pace: no flood limit unless a test sets one.
  const loaded = loadConfig({ DATABASE_PATH: opts.dbPath, ADMIN_IDS: String(ADMIN.id), RATE_LIMIT_PER_MINUTE: "0", DEPOSIT_GATEWAY: "none", ...opts.env });
  if (!loaded.ok) throw new Error(loaded.message);
  const emulator = new BotApiEmulator();
  const outputs: Output[] = [];
  emulator.onOutput((o) => outputs.push(o));
  const logs: string[] = [];
  const fault = opts.apiFault;
  const fetch: typeof emulator.fetch = fault
    ? ((async (url: string, init?: { body?: unknown }) => {
        const refusal = fault(String(url).split("/").pop() ?? "");
        return refusal
          ? new Response(JSON.stringify({ ok: false, ...refusal }), { headers: { "content-type": "application/json" } })
          : emulator.fetch(url as never, init as never);
      }) as unknown as typeof emulator.fetch)
    : emulator.fetch;
  const limits = opts.telegram && new TelegramLimitsStandIn(opts.telegram.now);
  const apiFaults = new ApiFaults(limits ? limits.fetch(fetch) : fetch);
  const started = createApp(loaded.config, {
    channel: "telegram",
    token: "123456:TEST-TOKEN-FOR-THE-EMULATOR",
    botConfig: { botInfo: EMULATOR_BOT_INFO, client: { fetch: apiFaults.fetch } },
    provider: opts.provider,
    providers: opts.providers,
    now: opts.now ?? opts.telegram?.now,
    ...(opts.telegram && { limits: TELEGRAM_LIMITS, timers: opts.telegram }),
    // The structured lines (one per update, per money event) go to `logLines` or nowhere; `logs` keeps the messages.
    logger: configLogger(opts.logLines ? loaded.config : { ...loaded.config, logLevel: "silent" }, (line) => opts.logLines?.push(line)),
    ...(!opts.logLines && { log: (m: string) => logs.push(m) }),
    // A 5xx is still retried, without the seconds of pause production waits.
    apiRetry: { serverErrorDelayMs: 1 },
    // The checkpoint thread has tests of its own (test/ops/checkpointer.test.ts) and runs in every
    // test that starts the real process; per test it would cost more than the test.
    checkpointThread: false,
  });
  if (!started.ok) throw new Error(started.message);
  const { app } = started;

  const settle = async () => {
    await app.worker.idle();
  };
  const forChat = (chatId: number) => outputs.filter((o) => o.chatId === chatId);
  const h: Harness = {
    app,
    emulator,
    outputs,
    logs,
    apiFaults,
    limits,
    async send(text, user = SARI) {
      await app.bot.handleUpdate(emulator.text(user, text));
      await settle();
    },
    async tap(label, user = SARI) {
      const msgs = forChat(user.id)
        .filter((o) => o.kind !== "notice")
        .reverse() as Extract<Output, { kind: "message" | "edit" }>[];
      for (const m of msgs) {
        const b = m.buttons.find((x) => (typeof label === "string" ? x.text.includes(label) : label.test(x.text)));
        if (b) {
          await app.bot.handleUpdate(emulator.press(user, m.messageId, b.data));
          await settle();
          return;
        }
      }
      throw new Error(`no button ${String(label)} in chat ${user.id}; bot said:\n${h.texts(user.id).join("\n---\n")}`);
    },
    texts: (chatId = SARI.id) => forChat(chatId).map((o) => o.text),
    lastText: (chatId = SARI.id) => h.texts(chatId).at(-1) ?? "",
    lastKeyboard: (chatId = SARI.id) =>
      (forChat(chatId).filter((o) => o.kind !== "notice" && o.buttons.length > 0) as Extract<Output, { kind: "message" | "edit" }>[]).at(-1),
    balance: (userId = SARI.id) => app.deps.wallet.balance(userId),
    async close() {
      if (logs.some((l) => l.includes("failed:"))) console.error(logs.join("\n"));
      await app.close();
    },
  };
  return h;
}
