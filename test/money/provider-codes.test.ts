import { afterEach, describe, expect, it } from "vitest";
import { RESEND_LIMIT_MS } from "../../src/providers/digiflazz/prepaid.js";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { DIGIFLAZZ_PREPAID_TEST_NUMBERS } from "../stubs/digiflazz-prepaid.js";
import { IAK_PREPAID_TEST_NUMBERS, startIakPrepaidStub, type IakPrepaidStub } from "../stubs/iak-prepaid-server.js";
import { startIakStub } from "../stubs/iak-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { booksProblems, ledgerKinds as ledgerKindsIn } from "../support/books.js";
import { Clock } from "../support/clock.js";
import { ADMIN, type Harness } from "../support/harness.js";
import { buyPrepaid, fundSari, stateOf } from "../support/pay.js";
import { digiflazzEnv, IAK_ACCOUNT, iakEnv } from "../support/provider-env.js";

/**
 * Codes the adapters must read by the providers' own references, through the real bot and the
 * stand-ins: a documented failure is final and refunded at once, a code the reference does not
 * list waits for a status check, and a top-up lost on the way is settled by the resend each
 * provider documents as safe (IAK: the same ref_id is answered as a status check). Digiflazz's
 * 90-day limit on a resend is told to the admins once.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A minute on, then the poller's round. */
async function nextRound(h: Harness, ms = 60_000): Promise<void> {
  clock.advance(ms);
  h.app.worker.tick();
  await h.app.worker.idle();
}

const ledgerKinds = (h: Harness, txId: string) => ledgerKindsIn(h.app.deps.db, txId);
const FUNDS = 500_000;
const operatorAlerts = (h: Harness, code: string) => h.texts(ADMIN.id).filter((t) => t.startsWith("⚠️ Provider menolak") && t.includes(`(kode ${code})`));

describe("IAK prepaid", () => {
  let stub: IakPrepaidStub;
  async function start(): Promise<Harness> {
    const postpaid = await startIakStub(IAK_ACCOUNT);
    stub = await startIakPrepaidStub(IAK_ACCOUNT);
    closers.push(
      () => postpaid.close(),
      () => stub.close(),
    );
    const h = await testBot.start({ env: { ...iakEnv(postpaid), IAK_PREPAID_BASE_URL: stub.url } });
    await fundSari(h, FUNDS);
    await h.send("/start", ADMIN);
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    return h;
  }

  it("status 2 with a code the reference does not list (103) is not refunded: pending until check-status says success", async () => {
    const h = await start();
    const deposit = stub.deposit();
    const txId = await buyPrepaid(h, "Pulsa", [IAK_PREPAID_TEST_NUMBERS["undocumented-code"], { tap: "XL 25.000" }]);
    const price = h.app.deps.payments.txs.get(txId)!.price;
    expect(stateOf(h, txId)).toBe("pending");
    expect(h.lastText()).toContain("⏳ Pembayaran sedang diproses");
    expect(h.balance()).toBe(FUNDS - price);

    await nextRound(h);
    expect(stateOf(h, txId)).toBe("success");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
    expect(ledgerKinds(h, txId)).toEqual(["charge"]);
    expect(stub.topUps(txId)).toBe(1);
    expect(stub.deposit()).toBe(deposit - 25_000);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });

  it("a documented failure (14, wrong number) is final at once and refunded", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Paket data", [IAK_PREPAID_TEST_NUMBERS["wrong-number"], { tap: "1 GB" }]);
    expect(stateOf(h, txId)).toBe("failed");
    expect(h.lastText()).toContain("❌ Pembayaran gagal");
    expect(h.balance()).toBe(FUNDS);
    expect(ledgerKinds(h, txId)).toEqual(["charge", "refund"]);
  });

  it("a top-up lost on the way: check-status says 06, the top-up is sent again under the same ref_id and made once", async () => {
    const h = await start();
    const deposit = stub.deposit();
    stub.setMode("http500", { paths: ["top-up"], times: 1 });
    const txId = await buyPrepaid(h, "Pulsa", ["081712345678", { tap: "XL 25.000" }]);
    expect(stateOf(h, txId)).toBe("pending");
    expect(stub.deposit()).toBe(deposit);

    // check-status: 06; the same top-up again is made now ("in process").
    await nextRound(h);
    expect(stub.calls.filter((c) => c.body.ref_id === txId).map((c) => c.path)).toEqual(["top-up", "check-status", "top-up"]);
    expect(stateOf(h, txId)).toBe("pending");
    // Two minutes later the check finds it done.
    await nextRound(h, 120_000);
    expect(stateOf(h, txId)).toBe("success");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
    expect(stub.deposit()).toBe(deposit - 25_000);
    expect(ledgerKinds(h, txId)).toEqual(["charge"]);
    expect(h.texts(ADMIN.id).some((t) => t.includes(txId))).toBe(false);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });
});

describe("Digiflazz prepaid", () => {
  let stub: DigiflazzStub;
  async function start(): Promise<Harness> {
    stub = await startDigiflazzStub();
    closers.push(() => stub.close());
    const h = await testBot.start({ env: digiflazzEnv(stub) });
    await fundSari(h, FUNDS);
    await h.send("/start", ADMIN);
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    return h;
  }
  const buyXl = (h: Harness) => buyPrepaid(h, "Pulsa", [DIGIFLAZZ_PREPAID_TEST_NUMBERS.success, { tap: "XL 10.000" }]);

  it("rc 87 and 88 are documented failures: final at once and refunded (88, the account's, told to the admins), never pending", async () => {
    const h = await start();
    const deposit = stub.deposit();
    stub.setMode("emoney-not-multiple", { commands: ["topup"], times: 1 });
    const emoney = await buyXl(h);
    expect(h.app.deps.payments.txs.get(emoney)).toMatchObject({ state: "failed", failureCode: "87" });
    expect(h.lastText()).toContain("❌ Pembayaran gagal");
    expect(ledgerKinds(h, emoney)).toEqual(["charge", "refund"]);

    stub.setMode("account-refused", { commands: ["topup"], times: 1 });
    const account = await buyXl(h);
    expect(h.app.deps.payments.txs.get(account)).toMatchObject({ state: "failed", failureCode: "88" });
    expect(ledgerKinds(h, account)).toEqual(["charge", "refund"]);
    expect(operatorAlerts(h, "88")).toEqual([expect.stringContaining("Akun Anda tidak dapat melakukan aksi ini")]);

    expect(h.balance()).toBe(FUNDS);
    expect(stub.deposit()).toBe(deposit);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });

  it("past the 89-day guard a lost top-up is not resent: the admins are told once, not at every check; an admin settles it", async () => {
    const h = await start();
    stub.setMode("http500", { commands: ["topup"], times: 1 });
    const txId = await buyXl(h);
    expect(stateOf(h, txId)).toBe("pending");

    // Every check failed for 89 days (none got an answer); the next one may not resend.
    clock.advance(RESEND_LIMIT_MS);
    for (let hour = 0; hour < 6; hour++) await nextRound(h, 3_600_000);
    expect(operatorAlerts(h, "RESEND_LIMIT")).toEqual([expect.stringContaining(`ref_id ${txId}`)]);
    expect(stub.topUpCalls(txId)).toBe(0);
    expect(stateOf(h, txId)).toBe("pending");
    expect(h.balance()).toBeLessThan(FUNDS);

    await h.send(`/selesaikan ${txId} gagal`, ADMIN);
    expect(stateOf(h, txId)).toBe("failed");
    expect(h.balance()).toBe(FUNDS);
    expect(operatorAlerts(h, "RESEND_LIMIT")).toHaveLength(1);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });
});
