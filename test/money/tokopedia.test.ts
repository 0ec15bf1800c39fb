import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TokopediaStub } from "../stubs/tokopedia-server.js";
import { testKeyPair, TOKOPEDIA_TEST_NUMBERS } from "../stubs/tokopedia-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { fundSari, payPln, stateOf } from "../support/pay.js";
import { startTokopedia, tokopediaEnv, tokopediaKeys } from "../support/provider-env.js";

/**
 * Tokopedia answers that must never refund, through the real bot and the stand-in (which answers
 * as the official SDK's tests show): a duplicate order id, an unknown order on status, refusals
 * of the request itself, an unsigned `Failed` at checkout. The books are checked after each test.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const keys = tokopediaKeys();
const PLN = "102111106111";
const FUNDS = 2_000_000;

let stub: TokopediaStub;
beforeEach(async () => {
  stub = await startTokopedia(keys, { pendingPolls: 0 });
});
afterEach(() => stub.close());

async function start(env: Record<string, string> = {}): Promise<Harness> {
  const h = await testBot.start({ env: { ...tokopediaEnv(stub, keys, testBot.dir), ...env } });
  await fundSari(h, FUNDS);
  return h;
}

/** A minute on, then the status check the worker would make. */
async function nextCheck(bot: Harness, txId: string) {
  clock.advance(60_000);
  return bot.app.worker.checkNow(txId);
}

const operatorAlerts = (bot: Harness) => bot.texts(ADMIN.id).filter((t) => t.startsWith("⚠️ Provider menolak"));
const refunds = (bot: Harness, txId: string) => bot.app.deps.wallet.entries(SARI.id, 50).filter((e) => e.kind === "refund" && e.txId === txId);

describe("a duplicate order id (400 P03) never refunds", () => {
  it("the payment stays pending with the money held, the admins hear of it, and the order's status settles it", async () => {
    const bot = await start();
    stub.setMode("duplicate");
    const txId = await payPln(bot, PLN);
    const held = bot.balance();
    expect(held).toBeLessThan(FUNDS);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(operatorAlerts(bot)).toEqual([expect.stringContaining("Duplicate Request ID")]);
    expect(operatorAlerts(bot)[0]).toContain("(kode P03)");

    stub.setMode("none");
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("success");
    expect(bot.balance()).toBe(held);
    expect(refunds(bot, txId)).toEqual([]);
    expect(stub.orderAttempts(txId)).toBe(1);
  });

  it("when that order failed, the refund comes from the signed status answer, once", async () => {
    const bot = await start();
    stub.setScenario(PLN, "pending-then-failure");
    stub.setMode("duplicate");
    const txId = await payPln(bot, PLN);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBeLessThan(FUNDS);

    stub.setMode("none");
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("failed");
    expect(bot.balance()).toBe(FUNDS);
    expect(refunds(bot, txId)).toHaveLength(1);
  });
});

describe("an unknown order on status (400 P02) is sent again under the same id", () => {
  it("a checkout that never reached Tokopedia: the status check's P02 sends the same order, which is paid once; no refund, no alert", async () => {
    const bot = await start({ PENDING_ALERT_MINUTES: "30" });
    stub.setMode("unreached", { only: ["order"] });
    const txId = await payPln(bot, PLN);
    stub.setMode("none");
    const held = bot.balance();
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.lastText()).toContain("⏳ Pembayaran sedang diproses");
    expect(stub.payCalls(txId)).toBe(0);

    // A minute on: GET says P02, the same order goes out again and is taken now (Pending).
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(stub.payCalls(txId)).toBe(1);
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("success");
    expect(bot.lastText()).toContain("✅ Pembayaran berhasil");
    expect(bot.balance()).toBe(held);
    expect(refunds(bot, txId)).toEqual([]);
    expect(operatorAlerts(bot)).toEqual([]);
    expect(stub.orderAttempts(txId)).toBe(2);
    expect(stub.payCalls(txId)).toBe(1);
  });

  it("an order Tokopedia has but does not show yet: the order sent again is refused P03, so its status is followed until it settles; paid once", async () => {
    const bot = await start();
    const txId = await payPln(bot, PLN);
    expect(stateOf(bot, txId)).toBe("pending");
    stub.setMode("errors", { only: ["status"], errorStatus: 400, errorCode: "P02", errorDetail: "Transaction is not found" });
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(stub.orderAttempts(txId)).toBe(2);
    expect(operatorAlerts(bot)).toEqual([]);

    stub.setMode("none");
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("success");
    expect(refunds(bot, txId)).toEqual([]);
    expect(stub.payCalls(txId)).toBe(1);
    expect(stub.orderAttempts(txId)).toBe(2);
  });
});

describe("refusals of the request itself leave the payment pending and tell the operator", () => {
  it("our checkout signed with the wrong private key: pending, money held, the admins told to check the key", async () => {
    const wrongKey = join(testBot.dir, "wrong.pem");
    writeFileSync(wrongKey, testKeyPair().privateKey);
    const bot = await start({ TOKOPEDIA_PRIVATE_KEY_PATH: wrongKey });
    const txId = await payPln(bot, PLN);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBeLessThan(FUNDS);
    expect(operatorAlerts(bot)).toEqual([expect.stringContaining("signature does not match the request body (kode INVALID_SIGNATURE)")]);
    expect(stub.payCalls(txId)).toBe(0);
    // Tokopedia never took it: its status is P02, which keeps the money held, not refunded.
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(refunds(bot, txId)).toEqual([]);
  });

  it("Tokopedia's status answers not verifying with the configured public key: pending, the admins told", async () => {
    const bot = await start();
    const txId = await payPln(bot, PLN);
    stub.setMode("bad-signature");
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(operatorAlerts(bot)).toEqual([expect.stringContaining("TOKOPEDIA_PUBLIC_KEY_PATH")]);
    stub.setMode("none");
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("success");
  });

  it.each([
    [403, "IP_NOT_ALLOWED", "IP not whitelisted"],
    [429, "TOO_MANY_REQUESTS", "rate limit exceeded"],
  ])("a status check refused with HTTP %i on an order that failed: no refund until the order's own Failed", async (status, code, detail) => {
    const bot = await start();
    const txId = await payPln(bot, TOKOPEDIA_TEST_NUMBERS["pending-then-failure"]);
    stub.setMode("errors", { errorStatus: status, errorCode: code, errorDetail: detail, only: ["status"] });
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(refunds(bot, txId)).toEqual([]);
    expect(operatorAlerts(bot)).toEqual([expect.stringContaining(`${detail} (kode ${code})`)]);
    stub.setMode("none");
    await nextCheck(bot, txId);
    expect(stateOf(bot, txId)).toBe("failed");
    expect(refunds(bot, txId)).toHaveLength(1);
  });
});

describe("a checkout answered Failed", () => {
  it("is not refunded on that unsigned word; the next (signed) status check refunds it, not held", async () => {
    const bot = await start();
    const txId = await payPln(bot, TOKOPEDIA_TEST_NUMBERS["instant-failure"]);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBeLessThan(FUNDS);
    clock.advance(60_000);
    bot.app.worker.tick();
    await bot.app.worker.idle();
    expect(stateOf(bot, txId)).toBe("failed");
    expect(bot.balance()).toBe(FUNDS);
    expect(bot.lastText()).toContain("❌ Pembayaran gagal");
    expect(stub.statusCalls(txId)).toBe(1);
    expect(stub.payCalls(txId)).toBe(1);
  });
});
