import { createInterface } from "node:readline";
import { createApp } from "../../src/app.js";
import { BotApiEmulator, EMULATOR_BOT_INFO } from "../../src/channels/emulator.js";
import { loadConfig } from "../../src/config.js";
import type { Provider } from "../../src/providers/provider.js";
import { createProvider } from "../../src/providers/index.js";

/**
 * The bot as a child process for the crash tests: the app built from the environment (pointed at
 * the Digiflazz stand-in the parent runs), driven over a tiny control channel — one JSON request
 * per stdin line, one JSON answer per stdout line.
 *
 * CRASH_AT=before-pay | after-pay makes the process SIGKILL itself right before the provider's pay
 * is called or right after it answered, before the answer is recorded: the two moments no outside
 * observer can hit exactly. The hook lives here, around the provider, not in the bot's code.
 * CLOCK_SPEED makes the bot's clock run faster than the wall clock, so a restarted bot reaches its
 * first status check (a minute after a payment turned pending) in a fraction of a second.
 */

const loaded = loadConfig(process.env);
if (!loaded.ok) throw new Error(loaded.message);
const crashAt = process.env.CRASH_AT;
const speed = Number(process.env.CLOCK_SPEED ?? 1);
const startedAt = Date.now();
const die = (): never => {
  process.kill(process.pid, "SIGKILL");
  throw new Error("unreachable");
};

const real = createProvider(loaded.config);
const provider: Provider = {
  ...real,
  name: real.name,
  async pay(bill) {
    if (crashAt === "before-pay") die();
    const outcome = await real.pay(bill);
    if (crashAt === "after-pay") die();
    return outcome;
  },
};

const emulator = new BotApiEmulator();
const started = createApp(loaded.config, {
  channel: "telegram",
  token: "123456:CRASH-TEST-TOKEN-FOR-THE-EMULATOR",
  botConfig: { botInfo: EMULATOR_BOT_INFO, client: { fetch: emulator.fetch } },
  provider,
  now: () => startedAt + (Date.now() - startedAt) * speed,
  pollIntervalMs: 50,
  log: (m) => process.stderr.write(`[child] ${m}\n`),
});
if (!started.ok) throw new Error(started.message);
const { app } = started;
const { deps } = app;
if (process.env.START_WORKER === "1") app.worker.start();

type Request =
  | { op: "fund"; userId: number; amount: number }
  /** `productId`: pln-pascabayar unless given (a prepaid one, after `refresh`). */
  | { op: "quote"; userId: number; number: string; productId?: string }
  | { op: "refresh" }
  | { op: "confirm"; userId: number; txId: string }
  | { op: "send"; txId: string }
  | { op: "state"; txId: string }
  | { op: "checks"; txId: string }
  | { op: "resolve"; txId: string; outcome: "success" | "failed" }
  | { op: "exit" };

async function handle(req: Request): Promise<unknown> {
  switch (req.op) {
    case "fund":
      deps.users.upsert({ id: req.userId, channel: "telegram", firstName: `U${req.userId}` });
      return deps.wallet.post({ userId: req.userId, amount: req.amount, kind: "topup", actorId: 1 });
    case "quote":
      return deps.payments.quote(req.userId, req.userId, req.productId ?? "pln-pascabayar", { customerNo: req.number });
    case "refresh":
      return app.prepaidPrices.refresh();
    case "confirm":
      return deps.payments.confirmFresh(req.txId, req.userId);
    case "send":
      deps.startPayment(req.txId);
      return "queued";
    case "state":
      return deps.payments.txs.get(req.txId)?.state ?? "missing";
    case "checks":
      return deps.payments.txs.get(req.txId)?.checks ?? 0;
    case "resolve":
      // What an admin does with /selesaikan after checking with the provider.
      return deps.payments.resolveManually(req.txId, req.outcome, 1, "checked with the provider").kind;
    case "exit":
      await app.close();
      process.exit(0);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { id, ...req } = JSON.parse(line) as Request & { id: number };
  void handle(req as Request).then((result) => process.stdout.write(`${JSON.stringify({ id, result })}\n`));
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
