import { afterEach, describe, expect, it } from "vitest";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { IAK_LATE_TOKEN_METER, startIakPrepaidStub } from "../stubs/iak-prepaid-server.js";
import { startIakStub } from "../stubs/iak-server.js";
import { booksProblems } from "../support/books.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { buyPrepaid, fundSari } from "../support/pay.js";
import { digiflazzEnv, IAK_ACCOUNT, iakEnv } from "../support/provider-env.js";

/**
 * A PLN token purchase the provider reports done without a token we can read (Digiflazz `Sukses`
 * or IAK status 1 with an empty sn): the customer has paid and has nothing to type into the meter.
 * It is not delivered: it stays pending with the money held, the customer hears the token is on
 * its way, the admins are told once, and status checks (a minute apart at least) go on until the
 * token comes, when the receipt with the token is sent, or an admin settles it.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const FUNDS = 500_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Meters of the Digiflazz stand-in: the token comes with the third answer to the ref_id, or never. */
const LATE = "12345678909";
const NEVER = "12345678908";

async function digiflazz(): Promise<{ h: Harness; stub: DigiflazzStub }> {
  const stub = await startDigiflazzStub({ apiKey: "dev-key-123" });
  closers.push(() => stub.close());
  // Two minutes: the overdue alert would come before the token does, if the token alert did not stand for it.
  const h = await testBot.start({ env: { ...digiflazzEnv(stub), PENDING_ALERT_MINUTES: "2" } });
  await fundSari(h, FUNDS);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  return { h, stub };
}

/** Lets time pass in `stepMs` steps, running the worker's rounds as the poller would. */
async function pass(h: Harness, ms: number, stepMs = 10_000): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    clock.advance(stepMs);
    h.app.worker.tick();
    await h.app.worker.idle();
  }
}

const txOf = (h: Harness, txId: string) => h.app.deps.payments.txs.get(txId)!;
/** What Sari was sent about this purchase (every receipt names its reference). */
const sariTold = (h: Harness, txId: string) => h.texts(SARI.id).filter((t) => t.includes(`No. referensi: ${txId}`));
const adminsTold = (h: Harness, txId: string) => h.texts(ADMIN.id).filter((t) => t.includes(txId));
/** The ledger rows naming this purchase, oldest first. */
const ledger = (h: Harness, txId: string) =>
  h.app.deps.wallet
    .entries(SARI.id, 50)
    .filter((e) => e.txId === txId)
    .reverse()
    .map((e) => [e.kind, e.amount]);

/** The books while the token is awaited: charged once, nothing refunded, the price held, not paid out. */
function expectHeld(h: Harness, txId: string, price: number): void {
  expect(txOf(h, txId).state).toBe("pending");
  expect(ledger(h, txId)).toEqual([["charge", -price]]);
  expect(h.balance()).toBe(FUNDS - price);
  expect(h.app.deps.payments.txs.heldFor(SARI.id)).toBe(price);
  expect(booksProblems(h.app.deps.db)).toEqual([]);
}

const AWAITED = (price: string) =>
  `Biller sudah memproses pembelian, tapi tokennya belum kami terima. Kami terus menanyakannya ke biller dan mengirim token ke sini begitu ada. Saldo ${price} kami tahan sampai token diterima; kalau biller membatalkan, dana dikembalikan ke saldo kamu.`;

describe("a PLN token reported done without its token", () => {
  it("Digiflazz Sukses with an empty sn: the customer hears the token is coming, the admins once; resends a minute apart bring it, then the receipt", async () => {
    const { h, stub } = await digiflazz();
    const txId = await buyPrepaid(h, "Token listrik", [LATE, { tap: "PLN 20.000" }]);
    const { price } = txOf(h, txId);
    const rupiah = `Rp ${price.toLocaleString("de-DE")}`;
    expect(txOf(h, txId)).toMatchObject({ state: "pending", awaiting: "token", token: null, sn: "" });

    // Sari: not "successful", not "still processing": the token is on its way, her money held.
    expect(sariTold(h, txId)).toEqual([
      [
        "⏳ Token listrik sedang dikirim",
        "",
        "Produk: PLN 20.000",
        `Nomor meter: ${LATE}`,
        "Nama: BUDI SANTOSO",
        "Tarif/daya: R1 / 900 VA",
        `Harga: ${rupiah}`,
        "",
        "Waktu: 23 November 2026 10:00 WIB",
        `No. referensi: ${txId}`,
        "",
        AWAITED(rupiah),
      ].join("\n"),
    ]);
    // The admins: what the provider said, what the bot does, what they can do.
    expect(adminsTold(h, txId)).toEqual([
      [
        `⚠️ Token listrik ${txId}: biller melaporkan berhasil, tapi tanpa token yang bisa dibaca (SN: kosong).`,
        "Pengguna: @sari",
        `Produk: PLN 20.000, meter ${LATE}`,
        `Total: ${rupiah} (saldo pengguna ditahan; pengguna sudah diberi tahu tokennya menyusul)`,
        `Bot terus menanyakan biller dan mengirim struk begitu token ada. Cek sekarang: /cek ${txId}`,
        `Token didapat dari biller: /selesaikan ${txId} sukses <token>`,
        `Biller membatalkan: /selesaikan ${txId} gagal`,
      ].join("\n"),
    ]);
    expect(txOf(h, txId).flaggedAt).not.toBeNull();
    expectHeld(h, txId, price);

    // The first resend, a minute on, still has no token: nobody is told anything new.
    await pass(h, 50_000);
    expect(stub.topUpCalls(txId)).toBe(1);
    await pass(h, 10_000);
    expect(stub.topUpCalls(txId)).toBe(2);
    expect(txOf(h, txId)).toMatchObject({ state: "pending", awaiting: "token", checks: 1 });
    expectHeld(h, txId, price);
    // The next, two minutes later, brings the token: the receipt with it.
    await pass(h, 110_000);
    expect(stub.topUpCalls(txId)).toBe(2);
    await pass(h, 10_000);
    expect(stub.topUpCalls(txId)).toBe(3);
    expect(txOf(h, txId)).toMatchObject({ state: "success", awaiting: null, token: { token: "12345678901234567890", kwh: "32,5" } });
    expect(sariTold(h, txId)).toHaveLength(2);
    expect(h.lastText()).toMatch(/^✅ Pembayaran berhasil\n\n⚡ TOKEN LISTRIK:\n1234 5678 9012 3456 7890\n32,5 kWh\n/);
    expect(ledger(h, txId)).toEqual([["charge", -price]]);
    expect(h.app.deps.payments.txs.heldFor(SARI.id)).toBe(0);
    expect(booksProblems(h.app.deps.db)).toEqual([]);

    // Told once, though it was pending past PENDING_ALERT_MINUTES.
    await pass(h, 10 * 60_000);
    expect(adminsTold(h, txId)).toHaveLength(1);
    expect(stub.topUpCalls(txId)).toBe(3);
  });

  it("IAK status 1 with an empty sn at check-status: the same; the next check brings the token", async () => {
    const postpaid = await startIakStub(IAK_ACCOUNT);
    const stub = await startIakPrepaidStub(IAK_ACCOUNT);
    closers.push(
      () => postpaid.close(),
      () => stub.close(),
    );
    const h = await testBot.start({ env: { ...iakEnv(postpaid), IAK_PREPAID_BASE_URL: stub.url } });
    await fundSari(h, FUNDS);
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    const checks = () => stub.calls.filter((c) => c.path === "check-status").length;

    const txId = await buyPrepaid(h, "Token listrik", [IAK_LATE_TOKEN_METER, { tap: "PLN 20.000" }]);
    const { price } = txOf(h, txId);
    const rupiah = `Rp ${price.toLocaleString("de-DE")}`;
    // The top-up answers "in process" first, as IAK documents.
    expect(txOf(h, txId)).toMatchObject({ state: "pending", awaiting: null });
    expect(h.lastText()).toMatch(/^⏳ Pembayaran sedang diproses\n/);
    expect(adminsTold(h, txId)).toEqual([]);

    await pass(h, 60_000);
    expect(checks()).toBe(1);
    expect(txOf(h, txId)).toMatchObject({ state: "pending", awaiting: "token", token: null });
    expect(h.lastText()).toMatch(/^⏳ Token listrik sedang dikirim\n/);
    expect(h.lastText()).toContain(AWAITED(rupiah));
    expect(adminsTold(h, txId)).toHaveLength(1);
    expect(adminsTold(h, txId)[0]).toMatch(/^⚠️ Token listrik \S+: biller melaporkan berhasil, tapi tanpa token yang bisa dibaca \(SN: kosong\)\.\n/);
    expectHeld(h, txId, price);

    // The next check comes no sooner than the providers allow (a minute, backing off: two here).
    await pass(h, 110_000);
    expect(checks()).toBe(1);
    await pass(h, 10_000);
    expect(checks()).toBe(2);
    expect(txOf(h, txId)).toMatchObject({ state: "success", awaiting: null, token: { token: "01234567890123456789", kwh: "66.2" } });
    expect(h.lastText()).toMatch(/^✅ Pembayaran berhasil\n\n⚡ TOKEN LISTRIK:\n0123 4567 8901 2345 6789\n66\.2 kWh\n/);
    expect(sariTold(h, txId)).toHaveLength(3);
    expect(adminsTold(h, txId)).toHaveLength(1);
    expect(ledger(h, txId)).toEqual([["charge", -price]]);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });

  it("a token that never comes: checks go on until an admin settles it; a token typed with /selesaikan … sukses reaches the receipt, gagal refunds", async () => {
    const { h, stub } = await digiflazz();
    const txId = await buyPrepaid(h, "Token listrik", [NEVER, { tap: "PLN 20.000" }]);
    const { price } = txOf(h, txId);
    await pass(h, 60 * 60_000, 60_000);
    // 1, 2, 5, 10 and 30 minutes apart: still asking an hour on, never within a minute.
    expect(stub.topUpCalls(txId)).toBe(6);
    expectHeld(h, txId, price);
    expect(adminsTold(h, txId)).toHaveLength(1);

    await h.send(`/selesaikan ${txId} sukses token dari CS Digiflazz 5555-6666-7777-8888-9999`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(`✅ ${txId} ditandai berhasil. @sari akan diberi tahu.`);
    expect(txOf(h, txId)).toMatchObject({ state: "success", awaiting: null, resolvedBy: ADMIN.id, token: { token: "55556666777788889999" } });
    expect(h.lastText()).toMatch(/^✅ Pembayaran berhasil\n\n⚡ TOKEN LISTRIK:\n5555 6666 7777 8888 9999\n\nProduk: PLN 20\.000\n/);
    expect(ledger(h, txId)).toEqual([["charge", -price]]);
    await pass(h, 60 * 60_000, 60_000);
    expect(stub.topUpCalls(txId)).toBe(6);

    const cancelled = await buyPrepaid(h, "Token listrik", [NEVER, { tap: "PLN 20.000" }]);
    await h.send(`/selesaikan ${cancelled} gagal dibatalkan biller`, ADMIN);
    expect(txOf(h, cancelled)).toMatchObject({ state: "failed", awaiting: null });
    expect(ledger(h, cancelled)).toEqual([
      ["charge", -price],
      ["refund", price],
    ]);
    expect(h.lastText()).toMatch(/^❌ Pembayaran gagal\n/);
    expect(h.balance()).toBe(FUNDS - price);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });
});
