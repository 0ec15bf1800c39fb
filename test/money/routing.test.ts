import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createDigiflazzProvider } from "../../src/providers/digiflazz/index.js";
import { createIakProvider } from "../../src/providers/iak/index.js";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { DIGIFLAZZ_PREPAID_TEST_NUMBERS } from "../stubs/digiflazz-prepaid.js";
import { IAK_PREPAID_PRODUCTS, startIakPrepaidStub, type IakPrepaidStub } from "../stubs/iak-prepaid-server.js";
import { startIakStub, type IakStub } from "../stubs/iak-server.js";
import { ledgerKinds } from "../support/books.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { buyPrepaid, fundSari, quoteBill } from "../support/pay.js";
import { digiflazzEnv, IAK_ACCOUNT, iakEnv } from "../support/provider-env.js";

/**
 * Several providers at once (issue 25), through the real bot against the Digiflazz and IAK
 * stand-ins: XL 10.000 is listed by both under the same code, xld10 (Digiflazz Rp 10.250; IAK's
 * price set per test). The user's price is Digiflazz's (the primary's) plus the markup: Rp 11.500.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const XL = DIGIFLAZZ_PREPAID_TEST_NUMBERS.success;
const PRICE = 11_500;
const SECRET = "webhook-secret";

let dg: DigiflazzStub;
let iak: IakPrepaidStub;
let iakPostpaid: IakStub;
beforeEach(async () => {
  dg = await startDigiflazzStub({ apiKey: "dev-key-123" });
  iak = await startIakPrepaidStub({
    ...IAK_ACCOUNT,
    products: [{ ...IAK_PREPAID_PRODUCTS[2]!, product_code: "xld10", product_nominal: "10000", product_price: 10_400 }],
  });
  iakPostpaid = await startIakStub(IAK_ACCOUNT);
});
afterEach(async () => {
  await dg.close();
  await iak.close();
  await iakPostpaid.close();
});

const env = (more: Record<string, string> = {}) => ({
  ...digiflazzEnv(dg),
  ...iakEnv(iakPostpaid),
  PROVIDER: "digiflazz",
  PROVIDERS: "digiflazz,iak",
  IAK_PREPAID_BASE_URL: iak.url,
  ...more,
});

/** Both providers' prepaid lists fetched, Sari funded. `iakPrice`: what IAK asks for xld10. */
async function start(opts: { iakPrice?: number; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Harness> {
  if (opts.iakPrice !== undefined) iak.setPrice("xld10", opts.iakPrice);
  const config = loadConfig(env(opts.env));
  if (!config.ok) throw new Error(config.message);
  // A short HTTP timeout where a test makes the stand-in hold its answer.
  const providers = opts.timeoutMs
    ? [
        createDigiflazzProvider(config.config.digiflazz, { timeoutMs: opts.timeoutMs, now: () => new Date(clock.now()) }),
        createIakProvider(config.config.iak, { timeoutMs: opts.timeoutMs, now: () => new Date(clock.now()) }),
      ]
    : undefined;
  const h = await testBot.start({ env: env(opts.env), providers });
  await fundSari(h, 500_000);
  for (const lists of h.app.providerLists.values()) expect(await lists.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  return h;
}

const buyXl = (h: Harness, number: string = XL) => buyPrepaid(h, "Pulsa", [number, { tap: "XL 10.000" }]);
const tx = (h: Harness, id: string) => h.app.deps.payments.txs.get(id)!;
const attempts = (h: Harness, id: string) => h.app.deps.payments.attempts.of(id);
const topUps = () => dg.calls.filter((c) => c.command === "topup");
const iakTopUps = () => iak.calls.filter((c) => c.path === "top-up");

/** The status check a minute later that settles IAK's "in process" top-up. */
async function settleIak(h: Harness, txId: string): Promise<void> {
  clock.advance(61_000);
  await h.app.worker.checkNow(txId);
}

describe("choosing the route", () => {
  it("buys from the cheaper provider at the primary's price: the margin changes, not the price", async () => {
    const h = await start({ iakPrice: 10_100 });
    const txId = await buyXl(h);
    expect(iakTopUps().map((c) => c.body)).toMatchObject([{ product_code: "xld10", ref_id: txId, customer_id: XL }]);
    expect(topUps()).toEqual([]);
    await settleIak(h, txId);
    expect(tx(h, txId)).toMatchObject({ state: "success", provider: "iak", price: PRICE, cost: 10_100 });
    expect(ledgerKinds(h.app.deps.db, txId)).toEqual(["charge"]);
    expect(h.balance()).toBe(500_000 - PRICE);

    // Dearer at IAK now: the next purchase goes to Digiflazz, at the same price.
    iak.setPrice("xld10", 10_400);
    await h.app.providerLists.get("iak")!.prepaidPrices.refresh();
    const second = await buyXl(h);
    expect(tx(h, second)).toMatchObject({ state: "success", provider: "digiflazz", price: PRICE, cost: 10_250 });
  });

  it("an admin's pin and exclusion steer it, audited; /harga shows each provider's cost and the route; clear goes back to the cheapest", async () => {
    const h = await start({ iakPrice: 10_400 });
    await h.send("/rute xld10 pin iak", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("📌 prepaid:xld10 sekarang dicoba lewat iak dulu.");
    expect(h.lastText(ADMIN.id)).toContain("1. iak Rp 10.400 ✅ 📌");
    const pinned = await buyXl(h);
    expect(tx(h, pinned).provider).toBe("iak");

    await h.send("/rute xld10 hapus", ADMIN);
    await h.send("/rute xld10 kecuali digiflazz", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("digiflazz Rp 10.250 🚫 dikecualikan");
    expect(tx(h, await buyXl(h)).provider).toBe("iak");
    await h.send("/rute xld10 clear", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Rute prepaid:xld10 kembali otomatis (1 pengaturan dihapus).");
    expect(tx(h, await buyXl(h)).provider).toBe("digiflazz");

    const audit = h.app.deps.db.prepare("SELECT detail FROM audit_log WHERE action = 'rute' ORDER BY id").all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail))).toMatchObject([
      { outcome: "done", product: "prepaid:xld10", mode: "pin", provider: "iak" },
      { outcome: "done", mode: "clear", removed: 1 },
      { outcome: "done", mode: "exclude", provider: "digiflazz" },
      { outcome: "done", mode: "clear", removed: 1 },
    ]);

    await h.send("/harga", ADMIN);
    await h.tap("Prabayar", ADMIN);
    expect(h.lastText(ADMIN.id)).toMatch(/🔀 Rute: digiflazz Rp 10\.250 ✅ · iak Rp 10\.400 ✅/);
  });

  it("/saldoprovider shows every provider's deposit; /laporan splits the day's payments by provider", async () => {
    const h = await start({ iakPrice: 10_100 });
    await h.send("/saldoprovider", ADMIN);
    expect(h.lastText(ADMIN.id)).toMatch(/^🏦 Saldo deposit di digiflazz: Rp 5\.000\.000\n🏦 Saldo deposit di iak: Rp [\d.]+$/);
    const viaIak = await buyXl(h);
    await settleIak(h, viaIak);
    await h.send("/rute xld10 pin digiflazz", ADMIN);
    await buyXl(h);
    await h.send("/laporan", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain(
      ["Per provider:", "   digiflazz: 1 transaksi, Rp 11.500, margin Rp 1.250", "   iak: 1 transaksi, Rp 11.500, margin Rp 1.400"].join("\n"),
    );
  });
});

describe("failover", () => {
  it("'seller down' at the first: the second pays under a new reference; one charge, one receipt, every attempt recorded and shown", async () => {
    const h = await start({ iakPrice: 10_400 });
    dg.setMode("seller-down", { commands: ["topup"], times: 1 });
    const txId = await buyXl(h);
    const [first, second] = attempts(h, txId);
    expect(first).toMatchObject({ provider: "digiflazz", ref: txId, answer: "refused", code: "62" });
    expect(second).toMatchObject({ provider: "iak", answer: "pending" });
    expect(second!.ref).not.toBe(txId);
    expect(iakTopUps().map((c) => c.body)).toMatchObject([{ ref_id: second!.ref, product_code: "xld10", customer_id: XL }]);
    expect(tx(h, txId)).toMatchObject({ state: "pending", provider: "iak", cost: 10_400, price: PRICE });

    // The admins see both attempts while it waits for IAK.
    await h.send("/pending", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain(`↳ 1. digiflazz ${txId}: ditolak, dialihkan (62)`);
    expect(h.lastText(ADMIN.id)).toContain(`↳ 2. iak ${second!.ref}: menunggu (39)`);

    await settleIak(h, txId);
    expect(tx(h, txId)).toMatchObject({ state: "success", provider: "iak" });
    expect(attempts(h, txId)).toMatchObject([{ answer: "refused" }, { answer: "success" }]);
    expect(topUps()).toHaveLength(1);
    expect(iak.topUps(second!.ref)).toBe(1);
    expect(ledgerKinds(h.app.deps.db, txId)).toEqual(["charge"]);
    expect(h.balance()).toBe(500_000 - PRICE);
    expect(h.texts().filter((t) => t.startsWith("✅ Pembayaran berhasil"))).toHaveLength(1);
    expect(h.texts().some((t) => t.includes("dikembalikan"))).toBe(false);
    // The admin's view of the payment, found by either reference.
    await h.send(`/cek ${second!.ref}`, ADMIN);
    expect(h.lastText(ADMIN.id)).toContain(`↳ 2. iak ${second!.ref}: sukses 23 November 2026 10:01 WIB`);
  });

  it("IAK out of service: Digiflazz takes it under a new reference, and Digiflazz's callback naming that reference settles it", async () => {
    const h = await start({ iakPrice: 10_100, env: { DIGIFLAZZ_WEBHOOK_SECRET: SECRET } });
    const server = (await h.app.listen({ ephemeral: true }))!;
    iak.setMode("out-of-service", { paths: ["top-up"], times: 1 });
    const txId = await buyXl(h, DIGIFLAZZ_PREPAID_TEST_NUMBERS["pending-success"]);
    const [first, second] = attempts(h, txId);
    expect(first).toMatchObject({ provider: "iak", ref: txId, answer: "refused", code: "106" });
    expect(second).toMatchObject({ provider: "digiflazz", answer: "pending" });
    expect(topUps().map((c) => c.body.ref_id)).toEqual([second!.ref]);

    const body = JSON.stringify({ data: { ref_id: second!.ref, status: "Sukses", rc: "00" } });
    const signature = `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`;
    const answer = await fetch(`${server.url}/callbacks/digiflazz`, { method: "POST", headers: { "x-hub-signature": signature }, body });
    expect(answer.status).toBe(200);
    await h.app.worker.idle();
    expect(tx(h, txId)).toMatchObject({ state: "success", provider: "digiflazz", cost: 10_250, price: PRICE });
    expect(dg.topUpCalls(second!.ref)).toBe(2);
    expect(ledgerKinds(h.app.deps.db, txId)).toEqual(["charge"]);
  });

  it("out of stock at the first and no other route that sells it within the price: refunded once, nothing sent elsewhere", async () => {
    const h = await start({ iakPrice: 12_000 });
    dg.setMode("out-of-stock", { commands: ["topup"], times: 1 });
    const txId = await buyXl(h);
    expect(tx(h, txId)).toMatchObject({ state: "failed", failureCode: "68", provider: "digiflazz" });
    expect(iakTopUps()).toEqual([]);
    expect(ledgerKinds(h.app.deps.db, txId)).toEqual(["charge", "refund"]);
    expect(h.balance()).toBe(500_000);
  });

  it("a refusal later than the failover window (a payment sent long after its confirmation) is refunded, not sent elsewhere", async () => {
    const h = await start({ iakPrice: 10_400 });
    const { payments } = h.app.deps;
    const quoted = await payments.quote(SARI.id, SARI.id, "prepaid:xld10", { customerNo: XL });
    if (quoted.kind !== "quoted") throw new Error(quoted.kind);
    // Charged, but the hand-over to the worker never ran: the worker's sweep sends it two minutes on.
    expect(payments.confirm(quoted.txId, SARI.id)).toMatchObject({ kind: "confirmed" });
    clock.advance(120_000);
    dg.setMode("seller-down", { commands: ["topup"], times: 1 });
    h.app.worker.tick();
    await h.app.worker.idle();
    expect(tx(h, quoted.txId)).toMatchObject({ state: "failed", failureCode: "62", provider: "digiflazz" });
    expect(iakTopUps()).toEqual([]);
    expect(ledgerKinds(h.app.deps.db, quoted.txId)).toEqual(["charge", "refund"]);
  });

  it("a timeout at the first sends nothing elsewhere: the payment waits and settles with the first", async () => {
    const h = await start({ iakPrice: 10_400, timeoutMs: 300 });
    dg.setMode("timeout", { commands: ["topup"], times: 1 });
    const txId = await buyXl(h);
    expect(tx(h, txId)).toMatchObject({ state: "pending", provider: "digiflazz" });
    expect(attempts(h, txId)).toMatchObject([{ provider: "digiflazz", ref: txId, answer: "unknown" }]);
    expect(iakTopUps()).toEqual([]);
    clock.advance(61_000);
    await h.app.worker.checkNow(txId);
    expect(tx(h, txId)).toMatchObject({ state: "success", provider: "digiflazz" });
    expect(iakTopUps()).toEqual([]);
    expect(dg.topUpCalls(txId)).toBe(2);
    expect(ledgerKinds(h.app.deps.db, txId)).toEqual(["charge"]);
  });

  it("a 'pending' answer at the first never fails over either: it settles with the first", async () => {
    const h = await start({ iakPrice: 10_400 });
    const txId = await buyXl(h, DIGIFLAZZ_PREPAID_TEST_NUMBERS["pending-success"]);
    expect(tx(h, txId)).toMatchObject({ state: "pending", provider: "digiflazz" });
    clock.advance(61_000);
    await h.app.worker.checkNow(txId);
    expect(tx(h, txId)).toMatchObject({ state: "success", provider: "digiflazz" });
    expect(iakTopUps()).toEqual([]);
    expect(ledgerKinds(h.app.deps.db, txId)).toEqual(["charge"]);
  });
});

describe("provider health", () => {
  it("a run of refusals takes a provider out of routing (admins told); it comes back after a successful check", async () => {
    const h = await start({ iakPrice: 10_400, env: { ROUTE_SUSPEND_AFTER: "2", ROUTE_SUSPEND_MINUTES: "15" } });
    dg.setMode("seller-down", { commands: ["topup"] });
    for (let i = 0; i < 2; i++) await settleIak(h, await buyXl(h));
    expect(h.texts(ADMIN.id).at(-1)).toMatch(/^🚧 digiflazz dikeluarkan dari rute: 2 pembelian gagal berturut-turut\./);
    dg.setMode(undefined);

    // Out: the next purchase goes straight to IAK.
    const during = await buyXl(h);
    expect(attempts(h, during)).toMatchObject([{ provider: "iak" }]);
    expect(topUps()).toHaveLength(2);
    await h.send("/rute", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("🚧 digiflazz keluar dari rute sampai");

    // Its time is up: a balance check that fails keeps it out, one that answers brings it back.
    clock.advance(15 * 60_000);
    dg.setMode("http500", { commands: ["deposit"] });
    await h.app.worker.reviewRoutes();
    expect(h.texts(ADMIN.id).some((t) => t.startsWith("✅ digiflazz kembali"))).toBe(false);
    expect(tx(h, await buyXl(h)).provider).toBe("iak");
    dg.setMode(undefined);
    clock.advance(15 * 60_000);
    await h.app.worker.reviewRoutes();
    expect(h.texts(ADMIN.id).at(-1)).toBe("✅ digiflazz kembali dipakai: cek ke provider berhasil.");
    const after = await buyXl(h);
    expect(tx(h, after)).toMatchObject({ state: "success", provider: "digiflazz" });
  });
});

describe("bills", () => {
  it("are paid where they were inquired: at the route that quoted them, a provider that did not answer passing to the next", async () => {
    const h = await start();
    // Digiflazz first (the primary), but its inquiry gets no usable answer: IAK quotes the bill and is paid.
    dg.setMode("http500", { commands: ["inq-pasca"] });
    const txId = await quoteBill(h, "Listrik", "PLN Pascabayar", "530000000000");
    expect(tx(h, txId)).toMatchObject({ state: "quoted", provider: "iak" });
    await h.tap("Bayar");
    expect(tx(h, txId)).toMatchObject({ state: "success", provider: "iak" });
    expect(attempts(h, txId)).toMatchObject([{ provider: "iak", ref: txId, answer: "success" }]);
    expect(dg.calls.filter((c) => c.command === "pay-pasca")).toEqual([]);
    expect(iakPostpaid.calls.filter((c) => c.body.commands === "pay-pasca")).toHaveLength(1);
    dg.setMode(undefined);

    // A bill quoted at Digiflazz is paid at Digiflazz, even with IAK pinned since.
    const atDg = await quoteBill(h, "Listrik", "PLN Pascabayar", "530000000001");
    await h.send("/rute pln-pascabayar pin iak", ADMIN);
    await h.tap("Bayar");
    expect(tx(h, atDg)).toMatchObject({ state: "success", provider: "digiflazz" });
    expect(dg.payCalls(atDg)).toBe(1);
  });
});
