import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { Outcome, Payment, Provider } from "../../src/providers/provider.js";
import { createProvider } from "../../src/providers/index.js";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import { startDigiflazzStub } from "../stubs/digiflazz-server.js";
import { startIakStub } from "../stubs/iak-server.js";
import { botPerTest, type BotOptions } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { fundSari, payPln, stateOf } from "../support/pay.js";
import { digiflazzEnv, IAK_ACCOUNT, iakEnv, startTokopedia, tokopediaEnv, tokopediaKeys } from "../support/provider-env.js";

/**
 * Pending payments: followed by status checks that back off and never come more than once a
 * minute, kept pending (money held) on anything unclear, flagged to the admins once when they
 * take too long, and settled by hand when only a person can tell.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function start(opts: BotOptions = {}): Promise<Harness> {
  const h = await testBot.start(opts);
  await fundSari(h);
  return h;
}

/** Lets time pass in `stepMs` steps, running the worker's rounds as the poller would. */
async function pass(bot: Harness, ms: number, stepMs = 10_000): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    clock.advance(stepMs);
    bot.app.worker.tick();
    await bot.app.worker.idle();
  }
}

/** The sandbox biller, except that pay and status say what the test wants, and status calls are timed. */
function scripted(pay: Outcome<Payment>, status: () => Outcome<Payment>) {
  const statusTimes: number[] = [];
  const provider: Provider = {
    ...createSandboxProvider(),
    pay: async () => pay,
    status: async () => {
      statusTimes.push(clock.t);
      return status();
    },
  };
  return { provider, statusTimes };
}
const PENDING: Outcome<Payment> = { kind: "pending", code: "03", raw: "{}" };
const UNKNOWN: Outcome<Payment> = { kind: "unknown", reason: "timeout" };

describe("status checks", () => {
  it("back off and never come within a minute of each other, whoever asks", async () => {
    const { provider, statusTimes } = scripted(PENDING, () => PENDING);
    const bot = await start({ provider });
    const txId = await payPln(bot, "530000000001");
    const pendingSince = clock.t;
    expect(stateOf(bot, txId)).toBe("pending");

    // Callbacks or admins asking every so often may bring a check forward, never closer than a minute.
    for (let i = 0; i < 150; i++) {
      clock.advance(20_000);
      bot.app.worker.tick();
      if (i % 2 === 0) await bot.app.worker.checkNow(txId);
      await bot.app.worker.idle();
    }
    const asked = statusTimes.length;
    // Left alone, the poller spaces its checks out.
    await pass(bot, 4 * 3_600_000, 20_000);
    const gaps = statusTimes.slice(1).map((t, i) => t - statusTimes[i]!);
    expect(statusTimes[0]! - pendingSince).toBeLessThan(60_000);
    expect(asked).toBeGreaterThan(20);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(60_000);
    // Four hours alone: a check brought forward is still made, then hourly ones.
    expect(statusTimes.length - asked).toBeLessThanOrEqual(5);
    expect(gaps.slice(-3)).toEqual([3_600_000, 3_600_000, 3_600_000]);
    expect(stateOf(bot, txId)).toBe("pending");
  });

  it("the poller's first check comes a minute after the payment went pending", async () => {
    const { provider, statusTimes } = scripted(PENDING, () => PENDING);
    const bot = await start({ provider });
    await payPln(bot, "530000000001");
    const pendingSince = clock.t;
    await pass(bot, 5 * 60_000);
    expect(statusTimes[0]! - pendingSince).toBeGreaterThanOrEqual(60_000);
    expect(statusTimes[0]! - pendingSince).toBeLessThanOrEqual(70_000);
  });

  it("checkNow within a minute of the last check only schedules one", async () => {
    const { provider, statusTimes } = scripted(PENDING, () => PENDING);
    const bot = await start({ provider });
    const txId = await payPln(bot, "530000000001");
    expect(await bot.app.worker.checkNow(txId)).toMatchObject({ kind: "checked", tx: { state: "pending", checks: 1 } });
    const checkedAt = clock.t;
    clock.advance(30_000);
    expect(await bot.app.worker.checkNow(txId)).toEqual({ kind: "scheduled", at: checkedAt + 60_000 });
    expect(statusTimes).toEqual([checkedAt]);
    expect(await bot.app.worker.checkNow("TXNOPE")).toEqual({ kind: "not-pending", state: "missing" });
  });

  it("keeps a payment pending, money held, however long the answers stay unclear", async () => {
    const { provider, statusTimes } = scripted(UNKNOWN, () => UNKNOWN);
    const bot = await start({ provider });
    const txId = await payPln(bot, "530000000001");
    const held = bot.balance();
    await pass(bot, 6 * 3_600_000, 60_000);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBe(held);
    expect(bot.app.deps.payments.txs.get(txId)!.checks).toBe(statusTimes.length);
  });
});

describe("pending too long", () => {
  it("is flagged to the admins once, after PENDING_ALERT_MINUTES", async () => {
    const { provider } = scripted(PENDING, () => PENDING);
    const bot = await start({ provider, env: { PENDING_ALERT_MINUTES: "30" } });
    const txId = await payPln(bot, "530000000001");
    const adminTexts = () => bot.texts(ADMIN.id).filter((t) => t.includes(txId));

    await pass(bot, 29 * 60_000);
    expect(adminTexts()).toEqual([]);
    await pass(bot, 2 * 60_000);
    expect(adminTexts()).toHaveLength(1);
    expect(adminTexts()[0]).toContain(`Pembayaran ${txId} masih menunggu jawaban biller`);
    expect(adminTexts()[0]).toContain("Pengguna: @sari");
    expect(adminTexts()[0]).toContain(`/selesaikan ${txId} sukses|gagal`);
    expect(bot.app.deps.payments.txs.get(txId)!.flaggedAt).not.toBeNull();

    await pass(bot, 3 * 3_600_000, 60_000);
    expect(adminTexts()).toHaveLength(1);
  });
});

describe("what each provider's unclear answers lead to", () => {
  it("IAK: checkstatus answers without a transaction status keep a lost pay pending; it reaches the admins, never refunded by itself", async () => {
    const stub = await startIakStub(IAK_ACCOUNT);
    closers.push(() => stub.close());
    const bot = await start({ env: { ...iakEnv(stub), PENDING_ALERT_MINUTES: "60" } });
    stub.setMode("http500", { command: "pay-pasca", times: 1 });
    const txId = await payPln(bot, "530000000000");
    // An undocumented code without a status says nothing about the payment (status 0 with rc 42 would).
    stub.setMode("unknownCode", { command: "checkstatus" });
    const held = bot.balance();
    expect(stateOf(bot, txId)).toBe("pending");

    await pass(bot, 2 * 3_600_000, 60_000);
    expect(stub.calls.filter((c) => c.command === "checkstatus").length).toBeGreaterThan(2);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBe(held);
    expect(bot.texts(ADMIN.id).some((t) => t.includes(txId))).toBe(true);

    // An admin who checked with IAK settles it; the refund is a ledger row with the admin's name on it.
    const resolved = bot.app.deps.payments.resolveManually(txId, "failed", ADMIN.id, "IAK: tidak diterima");
    expect(resolved).toMatchObject({ kind: "resolved", tx: { state: "failed", resolvedBy: ADMIN.id, resolutionNote: "IAK: tidak diterima" } });
    expect(bot.balance()).toBe(2_000_000);
    expect(bot.app.deps.wallet.entries(SARI.id, 1)[0]).toMatchObject({ kind: "refund", txId, actorId: ADMIN.id });
  });

  it("Tokopedia: 'order not found' after a lost checkout sends the same order again (a duplicate id is refused), so it is paid once", async () => {
    const keys = tokopediaKeys();
    const stub = await startTokopedia(keys);
    closers.push(() => stub.close());
    const loaded = loadConfig(tokopediaEnv(stub, keys, testBot.dir));
    if (!loaded.ok) throw new Error(loaded.message);
    const tokopedia = createProvider(loaded.config);
    // The checkout is lost on the way: Tokopedia never saw it, and we cannot know that.
    const bot = await start({ provider: { ...tokopedia, name: "tokopedia", pay: async () => UNKNOWN } });
    const txId = await payPln(bot, "102111106111");
    const held = bot.balance();

    await pass(bot, 20 * 60_000, 60_000);
    expect(stub.statusCalls(txId)).toBeGreaterThan(1);
    expect(stateOf(bot, txId)).toBe("success");
    expect(bot.balance()).toBe(held);
    expect(stub.payCalls(txId)).toBe(1);
  });

  it("Digiflazz: rc 50 (transaction not found) after a lost pay proves nothing, so the payment stays pending and reaches the admins", async () => {
    const stub = await startDigiflazzStub();
    closers.push(() => stub.close());
    const bot = await start({ env: { ...digiflazzEnv(stub), PENDING_ALERT_MINUTES: "30" } });
    stub.setMode("http500", { commands: ["pay-pasca"], times: 1 });
    const txId = await payPln(bot, "530000000001");
    const held = bot.balance();
    expect(stateOf(bot, txId)).toBe("pending");

    await pass(bot, 40 * 60_000, 60_000);
    expect(stub.calls.filter((c) => c.command === "status-pasca").length).toBeGreaterThan(2);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBe(held);
    expect(bot.app.deps.wallet.entries(SARI.id, 1)[0]).toMatchObject({ kind: "charge", txId });
    expect(bot.texts(ADMIN.id).some((t) => t.includes(`Pembayaran ${txId} masih menunggu jawaban biller`))).toBe(true);
    expect(stub.payCalls(txId)).toBe(1);
  });
});

describe("manual resolution", () => {
  it("settles a pending payment once; 'failed' refunds, 'success' keeps the charge; later attempts are refused", async () => {
    const { provider } = scripted(PENDING, () => PENDING);
    const bot = await start({ provider });
    const paid = await payPln(bot, "530000000001");
    const price = bot.app.deps.payments.txs.get(paid)!.price;
    const payments = bot.app.deps.payments;

    expect(payments.resolveManually(paid, "success", ADMIN.id)).toMatchObject({ kind: "resolved", tx: { state: "success", resolvedBy: ADMIN.id } });
    expect(payments.resolveManually(paid, "failed", ADMIN.id)).toEqual({ kind: "not-pending", state: "success" });
    expect(bot.balance()).toBe(2_000_000 - price);

    const refunded = await payPln(bot, "530000000001");
    expect(payments.resolveManually(refunded, "failed", ADMIN.id, "biller confirmed failure")).toMatchObject({ kind: "resolved" });
    expect(payments.resolveManually(refunded, "failed", ADMIN.id)).toEqual({ kind: "not-pending", state: "failed" });
    expect(bot.balance()).toBe(2_000_000 - price);
    expect(payments.resolveManually("TXNOPE", "success", ADMIN.id)).toEqual({ kind: "not-pending", state: "missing" });

    // A status check arriving after the admin's decision changes nothing.
    expect(await bot.app.worker.checkNow(refunded)).toEqual({ kind: "not-pending", state: "failed" });
  });
});
