import { afterEach, beforeEach, expect, it } from "vitest";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { SARI, type Harness } from "../support/harness.js";
import { fundSari, quotePln, stateOf } from "../support/pay.js";
import { digiflazzEnv } from "../support/provider-env.js";

/**
 * Start-up resumes what a previous run left in flight, on the same SQLite file: a confirmed
 * payment (never claimed, so never sent) is sent; one caught while sending may have reached the
 * provider, so it becomes pending and is only ever asked about, never sent again.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
let stub: DigiflazzStub;

beforeEach(async () => {
  stub = await startDigiflazzStub();
});
afterEach(() => stub.close());

/** A bot process on the shared file; `close()` of the previous one is the "crash" (the worker was never started). */
const boot = (): Promise<Harness> => testBot.start({ env: digiflazzEnv(stub) });

async function restart(): Promise<Harness> {
  const bot = await boot();
  bot.app.worker.resume();
  await bot.app.worker.idle();
  return bot;
}

it("a confirmed payment that was never sent is sent after a restart, once", async () => {
  const first = await boot();
  await fundSari(first);
  const txId = await quotePln(first, "530000000001");
  expect(first.app.deps.payments.confirm(txId, SARI.id)).toMatchObject({ kind: "confirmed" });

  const second = await restart();
  expect(stateOf(second, txId)).toBe("success");
  expect(stub.payCalls(txId)).toBe(1);

  // And another restart finds nothing left to do.
  const third = await restart();
  expect(stateOf(third, txId)).toBe("success");
  expect(stub.payCalls(txId)).toBe(1);
});

it("a payment caught while sending, whose pay never left, becomes pending and is only asked about, never re-sent", async () => {
  const first = await boot();
  await fundSari(first);
  const txId = await quotePln(first, "530000000001");
  first.app.deps.payments.confirm(txId, SARI.id);
  expect(first.app.deps.payments.claim(txId)).toBeDefined();

  const second = await restart();
  expect(stateOf(second, txId)).toBe("pending");
  // Digiflazz says "not found", which proves nothing right after a crash: the money stays held.
  expect(await second.app.worker.checkNow(txId)).toMatchObject({ kind: "checked", tx: { state: "pending" } });
  expect(stub.payCalls(txId)).toBe(0);
  const price = second.app.deps.payments.txs.get(txId)!.price;
  expect(second.balance()).toBe(2_000_000 - price);
  // An admin who checked with Digiflazz settles it.
  expect(second.app.deps.payments.resolveManually(txId, "failed", 1, "not at Digiflazz")).toMatchObject({ kind: "resolved" });
  expect(second.balance()).toBe(2_000_000);
});

it("a payment caught after the provider took it but before the answer was recorded is settled by a status check, paid once", async () => {
  const first = await boot();
  await fundSari(first);
  const txId = await quotePln(first, "530000000001");
  first.app.deps.payments.confirm(txId, SARI.id);
  const claimed = first.app.deps.payments.claim(txId)!;
  expect((await first.app.deps.payments.provider.pay(claimed.bill)).kind).toBe("success");

  const second = await restart();
  expect(stateOf(second, txId)).toBe("pending");
  clock.advance(60_000);
  second.app.worker.tick();
  await second.app.worker.idle();
  expect(stateOf(second, txId)).toBe("success");
  expect(stub.payCalls(txId)).toBe(1);
  expect(second.lastText()).toContain("✅ Pembayaran berhasil");
});

it("a confirmed payment whose hand-over to the worker never ran is sent by a later round, once, without a restart", async () => {
  const bot = await boot();
  await fundSari(bot);
  const txId = await quotePln(bot, "530000000001");
  // Confirmed, but the conversation's step that hands it over failed (the bot is still running).
  expect(bot.app.deps.payments.confirm(txId, SARI.id)).toMatchObject({ kind: "confirmed" });
  bot.app.worker.tick();
  await bot.app.worker.idle();
  // A moment later it may still be on its way: left alone.
  expect(stateOf(bot, txId)).toBe("confirmed");
  clock.advance(31_000);
  bot.app.worker.tick();
  bot.app.worker.tick();
  await bot.app.worker.idle();
  expect(stateOf(bot, txId)).toBe("success");
  expect(stub.payCalls(txId)).toBe(1);
});

it("a provider adapter that throws leaves the payment pending with the money held, not stuck while sending", async () => {
  const bot = await boot();
  await fundSari(bot);
  const txId = await quotePln(bot, "530000000001");
  bot.app.deps.payments.confirm(txId, SARI.id);
  const provider = bot.app.deps.payments.provider;
  const pay = provider.pay;
  provider.pay = () => Promise.reject(new Error("adapter bug"));
  bot.app.worker.enqueue(txId);
  await bot.app.worker.idle();
  provider.pay = pay;
  expect(stateOf(bot, txId)).toBe("pending");
  expect(bot.balance()).toBe(2_000_000 - bot.app.deps.payments.txs.get(txId)!.price);
});
