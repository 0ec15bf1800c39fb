import { join } from "node:path";
import { afterEach, beforeEach, expect } from "vitest";
import type { Provider } from "../../src/providers/provider.js";
import { booksProblems } from "./books.js";
import type { Clock } from "./clock.js";
import { startHarness, tempDir, type Harness } from "./harness.js";

export interface BotOptions {
  env?: Record<string, string>;
  provider?: Provider;
  providers?: Provider[];
  apiFault?: Parameters<typeof startHarness>[0]["apiFault"];
  /** Telegram's limits kept by the bot and enforced by a stand-in, on the test's clock (botPerTest needs one). */
  telegram?: boolean;
}

export interface TestBot {
  /** This test's scratch folder: the bot's SQLite file, and any file the test writes for it. */
  readonly dir: string;
  /** The running bot; start() it first. */
  readonly h: Harness;
  /** Starts the bot on this test's SQLite file; one already running is closed first, as a restart would. */
  start(opts?: BotOptions): Promise<Harness>;
  /** Checks the books, closes the bot and removes its files; a later start() is a new bot on a new file. */
  finish(): Promise<void>;
}

/**
 * A fresh bot for every test of the file: a temp dir before each test; after it the books are
 * checked (booksProblems), the bot is closed and the dir removed. `clock`, when given, is the bot's
 * clock, set back to its start before each test; without one the bot reads the wall clock.
 */
export function botPerTest(opts: { clock?: Clock } = {}): TestBot {
  let dir: ReturnType<typeof tempDir> | undefined;
  let h: Harness | undefined;
  const begin = () => {
    dir = tempDir();
    opts.clock?.reset();
  };
  const end = async () => {
    const running = h;
    h = undefined;
    try {
      if (running) expect(booksProblems(running.app.deps.db)).toEqual([]);
    } finally {
      await running?.close();
      dir?.cleanup();
      dir = undefined;
    }
  };
  beforeEach(begin);
  afterEach(end);
  const bot: TestBot = {
    get dir() {
      if (!dir) throw new Error("botPerTest: no test is running");
      return dir.dir;
    },
    get h() {
      if (!h) throw new Error("botPerTest: start() the bot first");
      return h;
    },
    async start({ env, provider, providers, apiFault, telegram } = {}) {
      const running = h;
      h = undefined;
      await running?.close();
      if (telegram && !opts.clock) throw new Error("botPerTest: Telegram's limits need the test's clock");
      h = await startHarness({
        dbPath: join(bot.dir, "bot.sqlite"),
        env,
        provider,
        providers,
        apiFault,
        now: opts.clock?.now,
        telegram: telegram ? opts.clock : undefined,
      });
      return h;
    },
    async finish() {
      await end();
      begin();
    },
  };
  return bot;
}
