import { afterEach, describe, expect, it } from "vitest";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { DIGIFLAZZ_PREPAID_TEST_NUMBERS } from "../stubs/digiflazz-prepaid.js";
import { botPerTest } from "../support/bot-per-test.js";
import { booksProblems, ledgerKinds as ledgerKindsIn } from "../support/books.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { buyPrepaid, fundSari, payPln, stateOf } from "../support/pay.js";
import { digiflazzEnv } from "../support/provider-env.js";

/**
 * The provider's limits, through the real bot and the Digiflazz stand-in. Digiflazz's rc 85
 * ("Limitasi transaksi") makes a FAILED transaction under the ref_id (its response-code table,
 * "Transaksi Terbentuk: Ya"): the purchase is refunded at once and never sent again, and every
 * payment waits the minute Digiflazz asks for. Only a refusal that made nothing (HTTP 429) is sent
 * again, under the same ref_id, and paid once. No purchase holds the others up for long: only its
 * first refusal pauses everyone (never longer than a minute, reported to the admins), and one the
 * provider will not take is reported after a few minutes.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
let stub: DigiflazzStub;
afterEach(async () => {
  await stub?.close();
});

async function start(): Promise<Harness> {
  stub = await startDigiflazzStub();
  const h = await testBot.start({ env: digiflazzEnv(stub) });
  await fundSari(h);
  await h.send("/start", ADMIN);
  h.app.deps.wallet.post({ userId: ADMIN.id, amount: 2_000_000, kind: "topup", actorId: ADMIN.id });
  return h;
}

/** Lets `ms` pass, a poller's round every `step` (a minute) at most. */
async function pass(h: Harness, ms: number, step = 60_000): Promise<void> {
  for (let left = ms; left > 0; left -= step) {
    clock.advance(Math.min(left, step));
    h.app.worker.tick();
    await h.app.worker.idle();
  }
}

const ledgerKinds = (h: Harness, txId: string) => ledgerKindsIn(h.app.deps.db, txId);
const paysOf = (ref: string) => stub.calls.filter((c) => c.command === "pay-pasca" && c.body.ref_id === ref);
const throttleAlerts = (h: Harness) => h.texts(ADMIN.id).filter((t) => t.startsWith("⏸️ Provider membatasi permintaan"));
const stuckAlerts = (h: Harness, txId: string) => h.texts(ADMIN.id).filter((t) => t.startsWith(`⚠️ Pembayaran ${txId} belum diterima provider`));
const priceOf = (h: Harness, txId: string) => h.app.deps.payments.txs.get(txId)!.price;

describe("Digiflazz rc 85 on a top-up", () => {
  it("fails at once and is refunded, never resent; every payment waits the minute Digiflazz asks for, and the admins are told", async () => {
    const h = await start();
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    const deposit = stub.deposit();
    // The stand-in stays at its limit for every top-up for three hours.
    stub.setMode("rate-limited", { commands: ["topup"] });
    const txId = await buyPrepaid(h, "Pulsa", [DIGIFLAZZ_PREPAID_TEST_NUMBERS.success, { tap: "XL 10.000" }]);

    expect(stateOf(h, txId)).toBe("failed");
    expect(h.app.deps.payments.txs.get(txId)).toMatchObject({ failureCode: "85" });
    expect(h.lastText()).toContain("❌ Pembayaran gagal");
    expect(h.lastText()).toContain("Dana Rp 11.500 sudah dikembalikan ke saldo kamu. Saldo sekarang: Rp 2.000.000");
    expect(h.balance()).toBe(2_000_000);
    expect(ledgerKinds(h, txId)).toEqual(["charge", "refund"]);
    expect(throttleAlerts(h)).toEqual([expect.stringContaining("semua pembayaran dijeda 60 detik")]);
    expect(throttleAlerts(h)[0]).toContain("rc 85");

    // Another customer's bill, right after: held by the pause, paid when the minute is over.
    const bill = await payPln(h, "530000000001", ADMIN);
    expect(stateOf(h, bill)).toBe("confirmed");
    await pass(h, 30_000);
    expect(stateOf(h, bill)).toBe("confirmed");
    await pass(h, 30_000);
    expect(stateOf(h, bill)).toBe("success");

    await pass(h, 3 * 60 * 60_000, 10 * 60_000);
    expect(stub.topUpCalls(txId)).toBe(1);
    // Digiflazz was paid for the bill only.
    expect(stub.deposit()).toBe(deposit - h.app.deps.payments.txs.get(bill)!.cost);
    expect(throttleAlerts(h)).toHaveLength(1);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });
});

describe("a pay turned away unread (HTTP 429)", () => {
  it("is confirmed again and sent after its wait under the same ref_id, then paid once", async () => {
    const h = await start();
    stub.setMode("too-many-requests", { commands: ["pay-pasca"], times: 1 });
    const txId = await payPln(h, "530000000001");
    expect(stateOf(h, txId)).toBe("confirmed");
    expect(paysOf(txId).map((c) => c.fault)).toEqual(["too-many-requests"]);

    await pass(h, 15_000);
    expect(stateOf(h, txId)).toBe("success");
    expect(paysOf(txId).map((c) => c.fault)).toEqual(["too-many-requests", undefined]);
    expect(stub.payCalls(txId)).toBe(2);
    expect(ledgerKinds(h, txId)).toEqual(["charge"]);
    expect(h.lastText(SARI.id)).toContain("✅ Pembayaran berhasil");
    // A one-second pause is nothing to report.
    expect(throttleAlerts(h)).toEqual([]);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });

  it("its first refusal holds every payment for the pause; afterwards both are paid", async () => {
    const h = await start();
    stub.setMode("too-many-requests", { commands: ["pay-pasca"], times: 1 });
    const first = await payPln(h, "530000000001");
    const second = await payPln(h, "530000000002", ADMIN);
    expect(paysOf(second)).toEqual([]);
    expect(stateOf(h, second)).toBe("confirmed");

    await pass(h, 15_000);
    expect([stateOf(h, first), stateOf(h, second)]).toEqual(["success", "success"]);
    expect(paysOf(second)).toHaveLength(1);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });

  it("interrupted by a restart, it is sent at the next start, once", async () => {
    const h = await start();
    stub.setMode("too-many-requests", { commands: ["pay-pasca"], times: 1 });
    const txId = await payPln(h, "530000000001");
    expect(stateOf(h, txId)).toBe("confirmed");
    // The same SQLite file, a new process: the waits are forgotten, the confirmed payment is not.
    const again = await testBot.start({ env: digiflazzEnv(stub) });
    again.app.worker.resume();
    await again.app.worker.idle();
    expect(stateOf(again, txId)).toBe("success");
    expect(paysOf(txId)).toHaveLength(2);
  });

  it("one the provider keeps turning away never holds up the others; it waits longer each time and reaches the admins after a few minutes", async () => {
    const h = await start();
    const STUCK = "530000000002";
    stub.setMode("too-many-requests", { commands: ["pay-pasca"], customerNos: [STUCK] });
    const stuck = await payPln(h, STUCK);
    expect(stateOf(h, stuck)).toBe("confirmed");
    await pass(h, 60_000);
    expect(paysOf(stuck).length).toBe(2);

    // Minutes on, still refused: every other bill is paid at once, no pause in between.
    for (let minute = 0; minute < 3; minute++) {
      await pass(h, 60_000);
      const other = await payPln(h, "530000000001", ADMIN);
      expect(stateOf(h, other)).toBe("success");
    }
    // Its resends spread out (waits of 1, 2, 4, 8, 16 s... up to a minute), not one every second.
    expect(paysOf(stuck).length).toBeLessThanOrEqual(6);
    expect(stateOf(h, stuck)).toBe("confirmed");
    expect(h.balance()).toBe(2_000_000 - priceOf(h, stuck));
    expect(stuckAlerts(h, stuck)).toEqual([]);

    await pass(h, 60_000);
    expect(stuckAlerts(h, stuck)).toEqual([expect.stringContaining("(saldo pengguna ditahan)")]);
    await pass(h, 10 * 60_000);
    expect(stuckAlerts(h, stuck)).toHaveLength(1);
    expect(throttleAlerts(h)).toEqual([]);

    stub.setMode(undefined);
    await pass(h, 60_000);
    expect(stateOf(h, stuck)).toBe("success");
    expect(h.lastText(SARI.id)).toContain("✅ Pembayaran berhasil");
    expect(ledgerKinds(h, stuck)).toEqual(["charge"]);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });
});

describe("a pending payment whose status checks keep answering 85", () => {
  it("pauses the others once, for a minute at most, not at each of its checks; it stays pending with the money held", async () => {
    const h = await start();
    // 630000000001: pending at pay, success at the first check that gets through.
    const pending = await payPln(h, "630000000001");
    stub.setMode("rate-limited", { commands: ["status-pasca"] });
    await pass(h, 60_000);
    expect(throttleAlerts(h)).toHaveLength(1);

    // Its later checks (minutes 3, 8 and 18: 2, 5, 10 minutes apart) are refused too; a bill paid
    // right after each goes through at once.
    for (let minute = 2; minute <= 20; minute++) {
      await pass(h, 60_000);
      if ([3, 8, 18].includes(minute)) expect(stateOf(h, await payPln(h, "530000000001", ADMIN))).toBe("success");
    }
    const refused = stub.calls.filter((c) => c.command === "status-pasca" && c.fault === "rate-limited");
    expect(refused.length).toBeGreaterThanOrEqual(4);
    expect(stateOf(h, pending)).toBe("pending");
    expect(h.balance()).toBe(2_000_000 - priceOf(h, pending));
    expect(throttleAlerts(h)).toHaveLength(1);

    stub.setMode(undefined);
    await pass(h, 60 * 60_000);
    expect(stateOf(h, pending)).toBe("success");
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });
});
