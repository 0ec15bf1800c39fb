import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callbackSignatureOk, createSignature } from "../../src/gateways/tripay/wire.js";
import { booksProblems } from "../support/books.js";
import { Clock } from "../support/clock.js";
import { startHarness, tempDir, type Harness } from "../support/harness.js";
import { startTripayStub, type TripayStub } from "../stubs/tripay-server.js";

const clock = new Clock();
let tmp: ReturnType<typeof tempDir>;
let h: Harness;
let started = false;
let stub: TripayStub;

async function start() {
  h = await startHarness({
    dbPath: `${tmp.dir}/bot.sqlite`,
    now: clock.now,
    env: {
      DEPOSIT_GATEWAY: "tripay",
      TRIPAY_API_KEY: stub.apiKey,
      TRIPAY_PRIVATE_KEY: ` ${stub.privateKey}\n`,
      TRIPAY_MERCHANT_CODE: stub.merchantCode,
      TRIPAY_BASE_URL: `${stub.url}/api-sandbox`,
      DEPOSIT_METHODS: "qris,va-bri",
      DEPOSIT_OPEN_MAX: "1",
    },
  });
  started = true;
  await h.app.listen({ ephemeral: true });
}

beforeEach(async () => {
  clock.reset();
  tmp = tempDir();
  stub = await startTripayStub();
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
  h.app.deps.db.prepare("SELECT id, state, pay_amount AS payAmount FROM deposits ORDER BY created_at DESC, rowid DESC").get() as {
    id: string;
    state: string;
    payAmount: number;
  };
const post = (c: { body: string; headers: Record<string, string> }) =>
  fetch(`${h.app.server!.url}/callbacks/deposit/tripay`, { method: "POST", headers: c.headers, body: c.body }).then(async (r) => ({
    status: r.status,
    body: await r.text(),
  }));

async function openQris(amount = "Rp 50.000") {
  await h.send("/deposit");
  await h.tap("Isi otomatis");
  await h.tap(amount);
  await h.tap("QRIS");
  return deposit();
}

describe("Tripay deposits", () => {
  it("the documented vectors: create signature (official) and callback signature (gateways.md, local)", () => {
    expect(createSignature("T0001", "INV55567", 1500000, "ytf6ooi2gmlNPfpchd94jDOk8hRWOu")).toBe(
      "9f167eba844d1fcb369404e2bda53702e2f78f7aa12e91da6715414e65b8c86a",
    );
    const body = Buffer.from(
      '{"reference":"DEV-T0001TEST","merchant_ref":"DEP-1","payment_method":"QRIS","payment_method_code":"QRIS2","total_amount":10750,"fee_merchant":0,"fee_customer":750,"total_fee":750,"amount_received":10000,"is_closed_payment":1,"status":"PAID","paid_at":1700000000,"note":null}',
    );
    expect(callbackSignatureOk(body, "b7eae46aac9a6111e2655aef8fcd885d00e2d5f1291fc95c74d49679dfc5c585", "TEST-PRIVATE-KEY")).toBe(true);
    expect(callbackSignatureOk(body, "b7eae46aac9a6111e2655aef8fcd885d00e2d5f1291fc95c74d49679dfc5c584", "TEST-PRIVATE-KEY")).toBe(false);
  });

  it("QRIS paid: the callback (sent again and again) credits once, answered {success: true}; forged ones are refused", async () => {
    await start();
    const d = await openQris();
    expect(stub.byRef(d.id)).toMatchObject({ method: "QRIS2", amount: 50_350, status: "UNPAID" });
    // Signed with another key, and one re-serialised (the raw bytes are what is signed).
    expect(await post(stub.callback(d.id, { status: "PAID" }, "ANOTHER-KEY"))).toEqual({
      status: 401,
      body: '{"success":false,"message":"invalid signature"}',
    });
    const good = stub.callback(d.id, { status: "PAID" });
    expect((await post({ ...good, body: JSON.stringify(JSON.parse(good.body), null, 1) })).status).toBe(401);
    expect((await post(stub.callback(d.id, { status: "PAID", total_amount: 10_000 }))).status).toBe(400);
    // Signed, but Tripay's detail still says UNPAID: nothing moves.
    expect((await post(good)).status).toBe(200);
    expect(h.balance()).toBe(0);

    stub.pay(d.id);
    const paid = stub.callback(d.id);
    const answers = await Promise.all([post(paid), post(paid), post(paid), h.app.depositPoller!.tick()]);
    expect(answers.slice(0, 3)).toEqual(Array(3).fill({ status: 200, body: '{"success":true}' }));
    expect(h.balance()).toBe(50_000);
    expect(h.texts().filter((t) => t.startsWith("✅"))).toEqual([`✅ Isi saldo Rp 50.000 masuk (${d.id}). Saldo kamu sekarang Rp 50.000.`]);
  });

  it("a second deposit while one is open (DEPOSIT_OPEN_MAX=1): Tripay cannot cancel, so the bot says why not; after Tripay expires it, a new one opens", async () => {
    await start();
    const first = await openQris();
    await h.send("/deposit");
    await h.tap("Isi otomatis");
    await h.tap("Rp 20.000");
    await h.tap("QRIS");
    expect(h.lastText()).toBe(
      `Kamu masih punya 1 isi saldo yang belum dibayar, dan yang paling lama (${first.id}, Rp 50.350) belum bisa dibatalkan sekarang. Bayar yang itu, atau tunggu sampai kedaluwarsa (23 November 2026 10:30 WIB), lalu coba lagi.`,
    );
    stub.expire(first.id);
    clock.advance(30 * 60_000);
    await h.app.depositPoller!.tick();
    expect(h.lastText()).toContain("kedaluwarsa sebelum dibayar");
    const second = await openQris("Rp 20.000");
    expect(second.id).not.toBe(first.id);
    expect(second.state).toBe("open");
  });

  it("Tripay down while a deposit is open, then back: the poll credits it", async () => {
    await start();
    const d = await openQris();
    stub.pay(d.id);
    stub.down = true;
    clock.advance(20_000);
    await h.app.depositPoller!.tick();
    expect(deposit().state).toBe("open");
    stub.down = false;
    clock.advance(60_000);
    await h.app.depositPoller!.tick();
    expect(deposit().state).toBe("paid");
    expect(h.balance()).toBe(50_000);
    // Tripay's late callback is answered as it wants, and moves nothing.
    expect(await post(stub.callback(d.id))).toEqual({ status: 200, body: '{"success":true}' });
    expect(h.balance()).toBe(50_000);
  });
});
