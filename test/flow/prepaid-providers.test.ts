import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { DIGIFLAZZ_PREPAID_TEST_NUMBERS } from "../stubs/digiflazz-prepaid.js";
import { IAK_VALID_METER, startIakPrepaidStub, type IakPrepaidStub } from "../stubs/iak-prepaid-server.js";
import { startIakStub, type IakStub } from "../stubs/iak-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { buyPrepaid, fundSari } from "../support/pay.js";
import { digiflazzEnv, IAK_ACCOUNT, iakEnv } from "../support/provider-env.js";

/** Prepaid purchases through the real bot against the Digiflazz and IAK stand-ins, priced from their prepaid lists. */

const clock = new Clock();
const testBot = botPerTest({ clock });

describe("Digiflazz", () => {
  let stub: DigiflazzStub;
  beforeEach(async () => {
    stub = await startDigiflazzStub({ apiKey: "dev-key-123" });
  });
  afterEach(() => stub.close());

  async function start() {
    const h = await testBot.start({ env: digiflazzEnv(stub) });
    await fundSari(h, 500_000);
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    return h;
  }

  it("pulsa: XL from the number's prefix, bought with max_price at the listed cost; a refused top-up is refunded", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Pulsa", [DIGIFLAZZ_PREPAID_TEST_NUMBERS.success, { tap: "XL 10.000 – Rp 11.500" }]);
    expect(h.app.deps.payments.txs.get(txId)).toMatchObject({ state: "success", price: 11_500, cost: 10_250 });
    const sent = stub.calls.find((c) => c.command === "topup")!.body;
    expect(sent).toMatchObject({
      buyer_sku_code: "xld10",
      customer_no: DIGIFLAZZ_PREPAID_TEST_NUMBERS.success,
      ref_id: txId,
      max_price: 10_250,
      testing: true,
    });
    expect(h.lastText()).toContain(`SN (salin):\nSN${txId}`);

    const failed = await buyPrepaid(h, "Pulsa", [DIGIFLAZZ_PREPAID_TEST_NUMBERS.failed, { tap: "XL 10.000" }]);
    expect(h.app.deps.payments.txs.get(failed)!.state).toBe("failed");
    expect(h.balance()).toBe(500_000 - 11_500);
  });

  it("PLN token: inquiry-pln names the customer before the nominal; the receipt shows the token from the sn with its kWh", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Token listrik", ["12345678901", { tap: "PLN 20.000" }]);
    expect(h.texts()).toContain("✅ Nomor meter 12345678901 terdaftar.\nNama: BUDI SANTOSO\nTarif/daya: R1 / 900 VA");
    expect(h.app.deps.payments.txs.get(txId)!.state).toBe("success");
    expect(h.lastText()).toContain("⚡ TOKEN LISTRIK:\n1234 5678 9012 3456 7890\n32,5 kWh");
  });

  it("a pending top-up is settled by resending the same ref_id", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Pulsa", [DIGIFLAZZ_PREPAID_TEST_NUMBERS["pending-success"], { tap: "XL 10.000" }]);
    expect(h.app.deps.payments.txs.get(txId)!.state).toBe("pending");
    clock.advance(60_000);
    await h.app.worker.checkNow(txId);
    expect(h.app.deps.payments.txs.get(txId)!.state).toBe("success");
    expect(stub.topUpCalls(txId)).toBe(2);
  });

  it("a voucher: Digiflazz's one sn is the code to redeem", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Voucher", [{ tap: "Google Play 10.000" }, "081234567890"]);
    expect(h.app.deps.payments.txs.get(txId)).toMatchObject({ state: "success", codes: [{ kind: "voucher", value: `SN${txId}` }] });
    expect(h.lastText()).toMatch(new RegExp(`^✅ Pembayaran berhasil\n\n🎟 Kode voucher \\(salin\\):\nSN${txId}\n\nProduk: Google Play 10\\.000\n`));
  });

  it("game: the zone id is joined to the user id in customer_no", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Top-up game", [{ tap: "Mobile Legends 86 Diamonds" }, "59551114", "2101"]);
    expect(h.app.deps.payments.txs.get(txId)!.state).toBe("success");
    expect(stub.calls.find((c) => c.command === "topup")!.body).toMatchObject({ buyer_sku_code: "ml86", customer_no: "595511142101" });
  });
});

describe("IAK", () => {
  let postpaid: IakStub;
  let stub: IakPrepaidStub;
  beforeEach(async () => {
    postpaid = await startIakStub(IAK_ACCOUNT);
    stub = await startIakPrepaidStub(IAK_ACCOUNT);
  });
  afterEach(async () => {
    await postpaid.close();
    await stub.close();
  });

  async function start() {
    const h = await testBot.start({ env: { ...iakEnv(postpaid), IAK_PREPAID_BASE_URL: stub.url } });
    await fundSari(h, 500_000);
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    return h;
  }

  it("pulsa and a data package: the top-up answers 'in process', check-status settles it; an inactive product is not offered", async () => {
    const h = await start();
    await h.send("/beli");
    await h.tap("Pulsa");
    await h.send("0812 1111 2222");
    // Telkomsel's only pulsa is listed "non active".
    expect(h.lastText()).toBe("Belum ada produk Telkomsel yang bisa dibeli saat ini. Coba lagi nanti.");
    const txId = await buyPrepaid(h, "Pulsa", ["081712345678", { tap: "XL 25.000 – Rp 26.000" }]);
    expect(h.app.deps.payments.txs.get(txId)!.state).toBe("pending");
    clock.advance(60_000);
    await h.app.worker.checkNow(txId);
    expect(h.app.deps.payments.txs.get(txId)!.state).toBe("success");
    const data = await buyPrepaid(h, "Paket data", ["081211112222", { tap: "1 GB" }]);
    clock.advance(60_000);
    await h.app.worker.checkNow(data);
    expect(h.app.deps.payments.txs.get(data)).toMatchObject({ state: "success", price: 14_500 });
  });

  it("a game voucher: IAK's PIN and serial number each on its own labelled line, the PIN to redeem first", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Top-up game", [{ tap: "STEAM" }, { tap: "Steam IDR 12.000" }, "0817777215"]);
    clock.advance(60_000);
    await h.app.worker.checkNow(txId);
    expect(h.app.deps.payments.txs.get(txId)).toMatchObject({
      state: "success",
      codes: [
        { kind: "serial", value: "ABCD-EFGH-IJKL-MNOP" },
        { kind: "pin", value: "123456789" },
      ],
    });
    expect(h.lastText()).toMatch(/^✅ Pembayaran berhasil\n\n🔑 PIN \(salin\):\n123456789\nSN \(salin\):\nABCD-EFGH-IJKL-MNOP\n\nProduk: Steam IDR 12\.000\n/);
  });

  it("PLN token: the meter check shows the name, the receipt the token", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Token listrik", [IAK_VALID_METER, { tap: "PLN 20.000" }]);
    expect(h.texts()).toContain("✅ Nomor meter 12345678901 terdaftar.\nNama: Sintya Oktaviani\nTarif/daya: R1 / 1.300 VA");
    clock.advance(60_000);
    await h.app.worker.checkNow(txId);
    expect(h.lastText()).toContain("⚡ TOKEN LISTRIK:\n0123 4567 8901 2345 6789\n66.2 kWh");
  });
});
