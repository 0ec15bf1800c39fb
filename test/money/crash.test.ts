import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { booksProblems } from "../support/books.js";
import { nodeArgs } from "../support/entry.js";
import { tempDir } from "../support/harness.js";
import { digiflazzEnv } from "../support/provider-env.js";

/**
 * The bot as a child process, killed with SIGKILL at each step of the payment pipeline and
 * restarted on the same SQLite file against the Digiflazz stand-in, which counts pay calls per
 * ref_id. Whatever the moment of death: every payment ends settled, none is paid twice, and every
 * rupiah put in is on a balance or paid out for a successful payment.
 */

const USER = 42;
const TOP_UP = 1_000_000;
/** The restarted bot's clock: a bot minute (the first status check's wait) is 60 ms. */
const FAST_CLOCK = { START_WORKER: "1", CLOCK_SPEED: "1000" };

let dir: ReturnType<typeof tempDir>;
let stub: DigiflazzStub;
let children: Bot[] = [];

beforeEach(async () => {
  dir = tempDir();
  stub = await startDigiflazzStub();
});
afterEach(async () => {
  for (const c of children) c.process.kill("SIGKILL");
  children = [];
  await stub.close();
  dir.cleanup();
});

interface Bot {
  process: ChildProcessWithoutNullStreams;
  request<T>(req: Record<string, unknown>): Promise<T>;
  /** A request whose answer may never come (the bot may die on it). */
  tell(req: Record<string, unknown>): void;
  /** Resolves with the signal that ended the process (null for a normal exit). */
  exited: Promise<NodeJS.Signals | null>;
}

async function startBot(env: Record<string, string> = {}): Promise<Bot> {
  const child = spawn(process.execPath, nodeArgs("crashChild"), {
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: join(dir.dir, "bot.sqlite"),
      ...digiflazzEnv(stub),
      ...env,
    },
  });
  const stderr: string[] = [];
  child.stderr.on("data", (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  const waiting = new Map<number, (result: unknown) => void>();
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  createInterface({ input: child.stdout }).on("line", (line) => {
    const msg = JSON.parse(line) as { ready?: true; id?: number; result?: unknown };
    if (msg.ready) ready();
    else waiting.get(msg.id!)?.(msg.result);
  });
  let nextId = 0;
  const write = (req: Record<string, unknown>) => {
    const id = nextId++;
    child.stdin.write(`${JSON.stringify({ id, ...req })}\n`);
    return id;
  };
  const bot: Bot = {
    process: child,
    exited,
    request: <T>(req: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        waiting.set(write(req), resolve as (r: unknown) => void);
        void exited.then((signal) => reject(new Error(`bot exited (${signal}) before answering ${JSON.stringify(req)}\n${stderr.join("")}`)));
      }),
    tell: (req) => void write(req),
  };
  children.push(bot);
  await Promise.race([isReady, exited.then(() => Promise.reject(new Error(`bot did not start:\n${stderr.join("")}`)))]);
  return bot;
}

/** Waits until `check` holds, asking every few milliseconds. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A funded user with a confirmed payment for `number`; returns its transaction id. */
async function confirmedPayment(bot: Bot, number: string): Promise<string> {
  await bot.request({ op: "fund", userId: USER, amount: TOP_UP });
  const quote = await bot.request<{ kind: string; txId: string }>({ op: "quote", userId: USER, number });
  expect(quote.kind).toBe("quoted");
  expect(await bot.request({ op: "confirm", userId: USER, txId: quote.txId })).toMatchObject({ kind: "confirmed", txId: quote.txId });
  return quote.txId;
}

async function kill(bot: Bot): Promise<void> {
  bot.process.kill("SIGKILL");
  expect(await bot.exited).toBe("SIGKILL");
}

/** Restarts the bot with its worker running on a fast clock; waits for a final state. */
async function restartAndSettle(txId: string): Promise<string> {
  const bot = await startBot(FAST_CLOCK);
  let state = "";
  await until(async () => ["success", "failed"].includes((state = await bot.request<string>({ op: "state", txId }))), `${txId} to settle`);
  await bot.request({ op: "exit" }).catch(() => {});
  await bot.exited;
  return state;
}

/** The books after everything stopped: settled, paid at most once, every rupiah accounted for. */
function expectBooks(txId: string, expected: { state: string; payCalls: number }): void {
  expect(stub.payCalls(txId)).toBe(expected.payCalls);
  const db = openDatabase(join(dir.dir, "bot.sqlite"));
  try {
    expect(booksProblems(db)).toEqual([]);
    const tx = db.prepare("SELECT state, price FROM transactions WHERE id = ?").get(txId) as { state: string; price: number };
    expect(tx.state).toBe(expected.state);
    const { balance } = db.prepare("SELECT balance FROM users WHERE id = ?").get(USER) as { balance: number };
    expect(balance + (tx.state === "success" ? tx.price : 0)).toBe(TOP_UP);
  } finally {
    db.close();
  }
}

describe("killed with SIGKILL and restarted on the same SQLite file", () => {
  it("after the confirmation, before the worker claimed it: sent once after the restart", async () => {
    const bot = await startBot();
    const txId = await confirmedPayment(bot, "530000000001");
    await kill(bot);
    expect(stub.payCalls(txId)).toBe(0);
    expect(await restartAndSettle(txId)).toBe("success");
    expectBooks(txId, { state: "success", payCalls: 1 });
  });

  it("after the claim, before the pay left: never re-sent; 'not found' proves nothing, so the money stays held until an admin settles it", async () => {
    const bot = await startBot({ START_WORKER: "1", CRASH_AT: "before-pay" });
    const txId = await confirmedPayment(bot, "530000000001");
    bot.tell({ op: "send", txId });
    expect(await bot.exited).toBe("SIGKILL");
    const again = await startBot(FAST_CLOCK);
    await until(async () => (await again.request<number>({ op: "checks", txId })) >= 1, `${txId} to be asked about`);
    expect(await again.request<string>({ op: "state", txId })).toBe("pending");
    expect(stub.payCalls(txId)).toBe(0);
    expect(await again.request<string>({ op: "resolve", txId, outcome: "failed" })).toBe("resolved");
    await again.request({ op: "exit" }).catch(() => {});
    await again.exited;
    expectBooks(txId, { state: "failed", payCalls: 0 });
  });

  it("while the pay is at the provider and unanswered: asked about after the restart, paid once", async () => {
    const bot = await startBot({ START_WORKER: "1" });
    const txId = await confirmedPayment(bot, "530000000001");
    stub.setMode("timeout", { commands: ["pay-pasca"], times: 1 });
    bot.tell({ op: "send", txId });
    await until(() => stub.payCalls(txId) === 1, "the pay to reach the provider");
    await kill(bot);
    expect(await restartAndSettle(txId)).toBe("success");
    expectBooks(txId, { state: "success", payCalls: 1 });
  });

  it("after the provider answered, before the answer was recorded: asked about after the restart, paid once", async () => {
    const bot = await startBot({ START_WORKER: "1", CRASH_AT: "after-pay" });
    const txId = await confirmedPayment(bot, "530000000001");
    bot.tell({ op: "send", txId });
    expect(await bot.exited).toBe("SIGKILL");
    expect(stub.payCalls(txId)).toBe(1);
    expect(await restartAndSettle(txId)).toBe("success");
    expectBooks(txId, { state: "success", payCalls: 1 });
  });

  it.each([
    ["630000000001", "success"],
    ["630000000006", "failed"],
  ])("while pending (%s): followed up after the restart and settled as %s, paid once", async (number, final) => {
    const bot = await startBot({ START_WORKER: "1" });
    const txId = await confirmedPayment(bot, number);
    bot.tell({ op: "send", txId });
    await until(async () => (await bot.request<string>({ op: "state", txId })) === "pending", "the payment to be pending");
    await kill(bot);
    expect(await restartAndSettle(txId)).toBe(final);
    expectBooks(txId, { state: final, payCalls: 1 });
  });
});

/**
 * Prepaid top-ups the same way. At Digiflazz a top-up's status check is the same request sent
 * again, which makes the top-up if the first never arrived: either way it happens once, which the
 * stand-in's deposit shows (charged the product's price once, or not at all).
 */
describe("a prepaid top-up, killed with SIGKILL and restarted", () => {
  const XL10 = { productId: "prepaid:xld10", cost: 10_250 };

  async function confirmedTopUp(bot: Bot, number: string): Promise<string> {
    expect(await bot.request({ op: "refresh" })).toMatchObject({ kind: "refreshed" });
    await bot.request({ op: "fund", userId: USER, amount: TOP_UP });
    const quote = await bot.request<{ kind: string; txId: string }>({ op: "quote", userId: USER, number, productId: XL10.productId });
    expect(quote.kind).toBe("quoted");
    expect(await bot.request({ op: "confirm", userId: USER, txId: quote.txId })).toMatchObject({ kind: "confirmed", txId: quote.txId });
    return quote.txId;
  }

  /** Settled as `state`, the operator's deposit at the provider charged once for a success, the user's books whole. */
  function expectTopUpBooks(txId: string, state: string, depositBefore: number): void {
    expect(stub.deposit()).toBe(depositBefore - (state === "success" ? XL10.cost : 0));
    const db = openDatabase(join(dir.dir, "bot.sqlite"));
    try {
      expect(booksProblems(db)).toEqual([]);
      const tx = db.prepare("SELECT state, price FROM transactions WHERE id = ?").get(txId) as { state: string; price: number };
      expect(tx.state).toBe(state);
      const { balance } = db.prepare("SELECT balance FROM users WHERE id = ?").get(USER) as { balance: number };
      expect(balance + (tx.state === "success" ? tx.price : 0)).toBe(TOP_UP);
    } finally {
      db.close();
    }
  }

  it("after the provider answered, before the answer was recorded: the status resend finds it, charged once", async () => {
    const depositBefore = stub.deposit();
    const bot = await startBot({ START_WORKER: "1", CRASH_AT: "after-pay" });
    const txId = await confirmedTopUp(bot, "087800001230");
    bot.tell({ op: "send", txId });
    expect(await bot.exited).toBe("SIGKILL");
    expect(await restartAndSettle(txId)).toBe("success");
    expectTopUpBooks(txId, "success", depositBefore);
  });

  it("after the claim, before the top-up left: the resend after the restart is the one top-up, charged once", async () => {
    const depositBefore = stub.deposit();
    const bot = await startBot({ START_WORKER: "1", CRASH_AT: "before-pay" });
    const txId = await confirmedTopUp(bot, "087800001230");
    bot.tell({ op: "send", txId });
    expect(await bot.exited).toBe("SIGKILL");
    expect(stub.topUpCalls(txId)).toBe(0);
    expect(await restartAndSettle(txId)).toBe("success");
    expectTopUpBooks(txId, "success", depositBefore);
  });

  it.each([
    ["087800001233", "success"],
    ["087800001232", "failed"],
  ])("confirmed but not yet sent (%s): sent once after the restart, settled as %s", async (number, final) => {
    const depositBefore = stub.deposit();
    const bot = await startBot();
    const txId = await confirmedTopUp(bot, number);
    await kill(bot);
    expect(await restartAndSettle(txId)).toBe(final);
    expectTopUpBooks(txId, final, depositBefore);
  });
});
