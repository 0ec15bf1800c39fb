import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signatureOf } from "../../src/gateways/midtrans/wire.js";
import { booksProblems } from "../support/books.js";
import { Clock } from "../support/clock.js";
import { SARI, startHarness, tempDir, type Harness } from "../support/harness.js";
import { startMidtransStub, type MidtransStub } from "../stubs/midtrans-server.js";

const clock = new Clock();
let tmp: ReturnType<typeof tempDir>;
let h: Harness;
let started = false;
let stub: MidtransStub;

async function start() {
  h = await startHarness({
    dbPath: `${tmp.dir}/bot.sqlite`,
    now: clock.now,
    env: { DEPOSIT_GATEWAY: "midtrans", MIDTRANS_SERVER_KEY: stub.serverKey, MIDTRANS_BASE_URL: stub.url, DEPOSIT_METHODS: "qris,va-bni" },
  });
  started = true;
  await h.app.listen({ ephemeral: true });
}

beforeEach(async () => {
  clock.reset();
  tmp = tempDir();
  stub = await startMidtransStub();
});
afterEach(async () => {
  if (started) {
    expect(booksProblems(h.app.deps.db)).toEqual([]);
    await h.close();
    started = false;
  }
  await stub.close();
  tmp.cleanup();
});

const deposit = () =>
  h.app.deps.db.prepare("SELECT id, state, pay_amount AS payAmount, told FROM deposits ORDER BY created_at DESC, rowid DESC").get() as {
    id: string;
    state: string;
    payAmount: number;
    told: number;
  };
const post = (body: string) =>
  fetch(`${h.app.server!.url}/callbacks/deposit/midtrans`, { method: "POST", headers: { "content-type": "application/json" }, body }).then(async (r) => ({
    status: r.status,
    body: await r.text(),
  }));
const paidNews = () => h.texts().filter((t) => t.startsWith("✅ Isi saldo"));

/** Sari asks for a QRIS top-up of Rp 50.000 (Rp 50.350 with the fee). */
async function openQris() {
  await h.send("/deposit");
  await h.tap("Isi otomatis");
  await h.tap("Rp 50.000");
  await h.tap("QRIS");
  return deposit();
}

describe("Midtrans deposits", () => {
  it("signature vectors from gateways.md: the raw strings are hashed, '275000.00' and '275000' differ", () => {
    expect(signatureOf("order03", "200", "275000.00", "SB-Mid-server-TESTKEY")).toBe(
      "d9265316e4a557c4e3c208db259b52e2fba3e0186d2ad809680e67407f7ee2539a12e7befb009b5682a3c78e31be421696b3f814bcd8b3e9d6707e46977258e1",
    );
    expect(signatureOf("order03", "200", "275000", "SB-Mid-server-TESTKEY")).toBe(
      "abd3f3583d36075ae1434c3d9061d71b57c8a5a0c6b07300e12b3c30bdec51f3fce0e550f2c2f2deef46a3c11fb30ad8b3e8937fe22b41be2a3f5c0146352971",
    );
  });

  it("QRIS paid: the settlement notification, delivered five times at once with a poll, credits once and tells once", async () => {
    await start();
    const d = await openQris();
    expect(d).toMatchObject({ state: "open", payAmount: 50_350 });
    const tx = stub.txs.get(d.id)!;
    expect(tx.grossAmount).toBe("50350.00");
    expect(h.emulator.calls.some((c) => c.method === "sendPhoto")).toBe(true);

    stub.pay(d.id);
    const note = stub.notification(d.id);
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => post(note)),
      h.app.depositPoller!.tick().then(() => ({ status: 200, body: "poll" })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(h.balance()).toBe(50_000);
    expect(paidNews()).toEqual([`✅ Isi saldo Rp 50.000 masuk (${d.id}). Saldo kamu sekarang Rp 50.000.`]);
    expect(deposit()).toMatchObject({ state: "paid", told: 1 });

    // A late 'pending' and a retry later change nothing.
    expect((await post(stub.notification(d.id, { transaction_status: "pending", status_code: "201" }))).status).toBe(200);
    expect((await post(note)).status).toBe(200);
    expect(h.balance()).toBe(50_000);
    expect(paidNews()).toHaveLength(1);
  });

  it("forged notifications credit nothing: bad signature 401, signed with a wrong amount 400, unknown order 404, signed settlement the status API denies", async () => {
    await start();
    const d = await openQris();
    expect(await post(stub.notification(d.id, { transaction_status: "settlement", status_code: "200" }, "SB-Mid-server-WRONG"))).toEqual({
      status: 401,
      body: "invalid signature",
    });
    expect(await post(stub.notification(d.id, { transaction_status: "settlement", status_code: "200", gross_amount: "10.00" }))).toEqual({
      status: 400,
      body: "amount mismatch",
    });
    expect(await post(stub.notification("DEP-NOT-OURS", {}))).toEqual({ status: 404, body: "unknown order" });
    expect(await post("not json")).toEqual({ status: 400, body: "malformed" });
    // Signed with the right key (a leaked one) but Midtrans says it is still pending: nothing moves.
    expect((await post(stub.notification(d.id, { transaction_status: "settlement", status_code: "200" }))).status).toBe(200);
    expect(h.balance()).toBe(0);
    expect(deposit().state).toBe("open");
    expect(h.logs.filter((l) => /midtrans notification/.test(l))).toEqual([
      `midtrans notification refused: bad or missing signature (says ${d.id})`,
      `midtrans notification for deposit ${d.id} says 10, the deposit is 50350: refused`,
      "midtrans notification about DEP-NOT-OURS, which is not one of ours: refused",
      "midtrans notification refused: not JSON",
    ]);
  });

  it("the bot restarted between the notification and its reply: Midtrans' retry is answered 200 and credits nothing more; an untold customer is told after the restart", async () => {
    await start();
    const d = await openQris();
    stub.pay(d.id);
    expect((await post(stub.notification(d.id))).status).toBe(200);
    // The crash came after the credit was written, before the customer heard and before Midtrans got its 200.
    h.app.deps.db.prepare("UPDATE deposits SET told = 0").run();
    await h.close();
    await start();
    expect((await post(stub.notification(d.id))).status).toBe(200);
    await h.app.depositPoller!.tick();
    expect(h.balance()).toBe(50_000);
    expect(paidNews()).toEqual([`✅ Isi saldo Rp 50.000 masuk (${d.id}). Saldo kamu sekarang Rp 50.000.`]);
    expect(h.app.deps.wallet.entries(SARI.id).filter((e) => e.kind === "topup")).toHaveLength(1);
  });

  it("Midtrans down while a deposit is open: the notification is answered 503 and the deposit stays open; back up, the poll credits it", async () => {
    await start();
    const d = await openQris();
    stub.pay(d.id);
    stub.down = true;
    expect((await post(stub.notification(d.id))).status).toBe(503);
    clock.advance(20_000);
    await h.app.depositPoller!.tick();
    expect(deposit().state).toBe("open");
    expect(h.balance()).toBe(0);
    stub.down = false;
    clock.advance(60_000);
    await h.app.depositPoller!.tick();
    expect(deposit().state).toBe("paid");
    expect(paidNews()).toHaveLength(1);
  });

  it("an unpaid deposit is expired at Midtrans when its time is up, and the customer told", async () => {
    await start();
    const d = await openQris();
    clock.advance(30 * 60_000);
    await h.app.depositPoller!.tick();
    expect(stub.txs.get(d.id)!.status).toBe("expire");
    expect(deposit().state).toBe("expired");
    expect(h.lastText()).toContain("kedaluwarsa sebelum dibayar");
    // Its expiry notification comes later: answered, nothing moves.
    expect((await post(stub.notification(d.id))).status).toBe(200);
  });

  it("a virtual account: the bank's number from the charge on its own line", async () => {
    await start();
    await h.send("/deposit");
    await h.tap("Isi otomatis");
    await h.send("100000");
    await h.tap("VA BNI");
    const lines = h.lastText().split("\n");
    expect(lines.slice(0, 3)).toEqual(["🏦 Transfer ke virtual account BNI:", "9888500000000001", "Bayar tepat: Rp 104.000"]);
    expect(stub.txs.get(deposit().id)).toMatchObject({ paymentType: "bank_transfer", bank: "bni", grossAmount: "104000.00" });
  });
});
