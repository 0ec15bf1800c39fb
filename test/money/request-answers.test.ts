import { afterEach, describe, expect, it } from "vitest";
import { startDigiflazzStub, type DigiflazzFault } from "../stubs/digiflazz-server.js";
import { startIakStub, type IakStubFault } from "../stubs/iak-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { fundSari, payPln, stateOf } from "../support/pay.js";
import { digiflazzEnv, IAK_ACCOUNT, iakEnv } from "../support/provider-env.js";

/**
 * Status answers about the request itself (credentials, IP, signature, not found, rate limit) say
 * nothing about the payment: it stays pending with the money held, the operator hears of what
 * only they can fix, and nothing is refunded. Only the transaction's own final status settles it;
 * IAK's "payment request never received" (status 0, rc 42) is such a status and refunds once.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function start(env: Record<string, string>): Promise<Harness> {
  const h = await testBot.start({ env });
  await fundSari(h);
  return h;
}

/** Lets time pass a minute at a time, running the worker's rounds as the poller would. */
async function pass(bot: Harness, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 60_000) {
    clock.advance(60_000);
    bot.app.worker.tick();
    await bot.app.worker.idle();
  }
}

const operatorAlerts = (bot: Harness) => bot.texts(ADMIN.id).filter((t) => t.startsWith("⚠️ Provider menolak"));

/** The admins heard of the refusal, by its code, and of nothing else (repeats stay quiet for 10 minutes). */
function expectOnlyAlertsFor(bot: Harness, rc: string): void {
  const alerts = operatorAlerts(bot);
  expect(alerts.length).toBeGreaterThan(0);
  for (const a of alerts) expect(a).toContain(`(kode ${rc})`);
}
const refunds = (bot: Harness, txId: string) => bot.app.deps.wallet.entries(SARI.id, 50).filter((e) => e.kind === "refund" && e.txId === txId);

describe("Digiflazz status checks", () => {
  it.each<[DigiflazzFault, string]>([
    ["ip-refused", "45"],
    ["signature-refused", "41"],
  ])("%s (rc %s) keeps a failing payment pending and tells the operator; Digiflazz's own Gagal then refunds once", async (fault, rc) => {
    const stub = await startDigiflazzStub();
    closers.push(() => stub.close());
    const bot = await start(digiflazzEnv(stub));
    // 630000000006: pending at pay, Gagal at the first status check that gets through.
    const txId = await payPln(bot, "630000000006");
    const held = bot.balance();
    expect(stateOf(bot, txId)).toBe("pending");

    stub.setMode(fault, { commands: ["status-pasca"] });
    await pass(bot, 20 * 60_000);
    expect(stub.calls.filter((c) => c.command === "status-pasca" && c.fault === fault).length).toBeGreaterThan(2);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBe(held);
    expect(refunds(bot, txId)).toEqual([]);
    expectOnlyAlertsFor(bot, rc);

    stub.setMode(undefined);
    await pass(bot, 60 * 60_000);
    expect(stateOf(bot, txId)).toBe("failed");
    expect(bot.balance()).toBe(2_000_000);
    expect(refunds(bot, txId)).toHaveLength(1);
    expect(stub.payCalls(txId)).toBe(1);
  });

  it("rc 85 (too many requests) keeps the payment pending without troubling the operator; the next check settles it", async () => {
    const stub = await startDigiflazzStub();
    closers.push(() => stub.close());
    const bot = await start(digiflazzEnv(stub));
    const txId = await payPln(bot, "630000000001");
    const held = bot.balance();
    stub.setMode("rate-limited", { commands: ["status-pasca"], times: 2 });
    await pass(bot, 3 * 60_000);
    expect(stub.calls.filter((c) => c.fault === "rate-limited")).toHaveLength(2);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBe(held);
    expect(operatorAlerts(bot)).toEqual([]);
    await pass(bot, 10 * 60_000);
    expect(stateOf(bot, txId)).toBe("success");
    expect(bot.balance()).toBe(held);
  });

  it("rc 50 (not found) after a pay whose answer never came stays pending, tells the operator, never refunds", async () => {
    const stub = await startDigiflazzStub();
    closers.push(() => stub.close());
    const bot = await start(digiflazzEnv(stub));
    stub.setMode("http500", { commands: ["pay-pasca"], times: 1 });
    const txId = await payPln(bot, "530000000001");
    const held = bot.balance();
    await pass(bot, 30 * 60_000);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBe(held);
    expect(refunds(bot, txId)).toEqual([]);
    expectOnlyAlertsFor(bot, "50");
  });
});

describe("IAK status checks", () => {
  it.each<[IakStubFault, string]>([
    ["signature", "100"],
    ["ip", "102"],
  ])("answered %s (rc %s) without a status: pending, the operator told, never refunded", async (fault, rc) => {
    const stub = await startIakStub({ ...IAK_ACCOUNT, pendingPolls: 0 });
    closers.push(() => stub.close());
    const bot = await start(iakEnv(stub));
    // ...2039: pending at pay, failed (37) at the first check IAK answers about the payment.
    const txId = await payPln(bot, "530000002039");
    const held = bot.balance();
    expect(stateOf(bot, txId)).toBe("pending");

    stub.setMode(fault, { command: "checkstatus" });
    await pass(bot, 20 * 60_000);
    expect(stub.calls.filter((c) => c.command === "checkstatus").length).toBeGreaterThan(2);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBe(held);
    expect(refunds(bot, txId)).toEqual([]);
    expectOnlyAlertsFor(bot, rc);

    stub.setMode(null);
    await pass(bot, 60 * 60_000);
    expect(stateOf(bot, txId)).toBe("failed");
    expect(refunds(bot, txId)).toHaveLength(1);
    expect(bot.balance()).toBe(2_000_000);
  });

  it("a pay that never arrived is refunded once, only after checkstatus says status 0 with rc 42", async () => {
    const stub = await startIakStub({ ...IAK_ACCOUNT, pendingPolls: 0 });
    closers.push(() => stub.close());
    const bot = await start(iakEnv(stub));
    stub.setMode("http500", { command: "pay-pasca", times: 1 });
    const txId = await payPln(bot, "530000000000");
    // Unknown at pay: the money stays held until IAK says what happened.
    expect(stateOf(bot, txId)).toBe("pending");
    expect(refunds(bot, txId)).toEqual([]);

    await pass(bot, 2 * 60_000);
    expect(stateOf(bot, txId)).toBe("failed");
    expect(bot.app.deps.payments.txs.get(txId)).toMatchObject({ failureCode: "42" });
    expect(refunds(bot, txId)).toHaveLength(1);
    expect(bot.balance()).toBe(2_000_000);
    expect(bot.lastText()).toContain("❌ Pembayaran gagal");
    await pass(bot, 60 * 60_000);
    expect(refunds(bot, txId)).toHaveLength(1);
    expect(stub.calls.filter((c) => c.command === "checkstatus")).toHaveLength(1);
  });

  it("the biller reference from an XML <no_ref> reaches the receipt", async () => {
    const stub = await startIakStub({ ...IAK_ACCOUNT, format: "xml" });
    closers.push(() => stub.close());
    const bot = await start(iakEnv(stub));
    const txId = await payPln(bot, "530000000000");
    const tx = bot.app.deps.payments.txs.get(txId)!;
    expect(tx.state).toBe("success");
    expect(tx.sn).toBe(`NOREF${tx.bill.refs.trId}`);
    expect(bot.lastText()).toContain(`NOREF${tx.bill.refs.trId}`);
  });
});
