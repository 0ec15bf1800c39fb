import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TOKOPEDIA_TEST_NUMBERS, type TokopediaStub } from "../stubs/tokopedia-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { SARI, type Harness } from "../support/harness.js";
import { booksProblems } from "../support/books.js";
import { buyPrepaid, fundSari, stateOf, summaryTxId } from "../support/pay.js";
import { startTokopedia, tokopediaEnv, tokopediaKeys } from "../support/provider-env.js";

/**
 * Prepaid purchases through the real bot against the Tokopedia stand-in: the menu is the shipped
 * catalog's `prepaid.tokopedia` priced from the stand-in's product list (seed 002's prices), each
 * order is followed by status polling, and the receipt comes from seed 002's order details.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const keys = tokopediaKeys();
const FUNDS = 500_000;

let stub: TokopediaStub;
beforeEach(async () => {
  stub = await startTokopedia(keys, { pendingPolls: 0 });
});
afterEach(() => stub.close());

async function start(): Promise<Harness> {
  const h = await testBot.start({ env: tokopediaEnv(stub, keys, testBot.dir) });
  await fundSari(h, FUNDS);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed", items: 15 });
  return h;
}

/** A minute on, then the status check the worker would make. */
async function nextCheck(h: Harness, txId: string) {
  clock.advance(60_000);
  await h.app.worker.checkNow(txId);
}

/** The checkout the bot sent for this order. */
const orderSent = (txId: string) => JSON.parse(stub.calls.find((c) => c.endpoint === "order" && JSON.parse(c.body).data.id === txId)!.body).data.attributes;
const refunds = (h: Harness, txId: string) => h.app.deps.wallet.entries(SARI.id, 50).filter((e) => e.kind === "refund" && e.txId === txId);

describe("buying from Tokopedia's list", () => {
  it("pulsa: Telkomsel from the number's prefix at the listed cost plus markup; the order is followed to its serial number", async () => {
    const h = await start();
    await h.send("/beli");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual([
      "📱 Pulsa",
      "⚡ Token listrik PLN",
      "👛 E-wallet",
      "🎮 Top-up game",
      "🎟 Voucher",
      "🛍 Lainnya",
      "✖️ Batal",
    ]);
    await h.send("/batal");
    const txId = await buyPrepaid(h, "Pulsa", ["0812 1131 1111", { tap: "Telkomsel Simpati 50,000 – Rp 53.000" }]);
    expect(stateOf(h, txId)).toBe("pending");
    expect(orderSent(txId)).toEqual({ product_code: "50k-simpati", client_number: "081211311111", amount: 52_000 });
    await nextCheck(h, txId);
    expect(h.app.deps.payments.txs.get(txId)).toMatchObject({ state: "success", price: 53_000, cost: 52_000, productId: "prepaid:50k-simpati" });
    expect(h.lastText()).toContain("SN (salin):\nTLKM0305956071");
    expect(h.balance()).toBe(FUNDS - 53_000);
  });

  it("PLN token: the meter is checked first (name, tariff), the receipt puts the token first with its kWh", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Token listrik", ["15251111111", { tap: "PLN Prepaid 50,000 – Rp 52.000" }]);
    const meter = h.texts().find((t) => t.startsWith("✅ Nomor meter 15251111111 terdaftar."));
    expect(meter).toMatch(/^✅ Nomor meter 15251111111 terdaftar\.\nNama: TOKOP\*\*\*\* US\*\*\nTarif\/daya: B1/);
    await nextCheck(h, txId);
    expect(stateOf(h, txId)).toBe("success");
    const [title, , tokenTitle, token, kwh] = h.lastText().split("\n");
    expect([title, tokenTitle, token, kwh]).toEqual(["✅ Pembayaran berhasil", "⚡ TOKEN LISTRIK:", "1378 7553 5576 5816 1258", "88 kWh"]);
  });

  it("DANA and GoPay open amounts: the amount is asked in the catalog's range, the account name shown, the quoted total ordered", async () => {
    const h = await start();
    await h.send("/beli");
    await h.tap("E-wallet");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["DANA", "GOPAY", "✖️ Batal"]);
    await h.tap("DANA");
    await h.tap("DANA Top-up (Rp 10.000–Rp 2.000.000)");
    await h.send("081711111111");
    await h.send("5.000");
    expect(h.lastText()).toContain("Nominal harus antara Rp 10.000 dan Rp 2.000.000");
    await h.send("15780");
    // No fee at Tokopedia (the seed's inquiry); the e-wallet markup is Rp 1.000, rounded up to Rp 100.
    expect(h.lastText()).toMatch(/Nama: DNI\* n\*\n\nNominal top-up: Rp 15\.780\nHarga: Rp 16\.800/);
    const dana = summaryTxId(h)!;
    await h.tap("Bayar");
    await nextCheck(h, dana);
    expect(h.app.deps.payments.txs.get(dana)).toMatchObject({ state: "success", price: 16_800, cost: 15_780 });

    const gopay = await buyPrepaid(h, "E-wallet", [{ tap: "GOPAY" }, { tap: "GoPay Open Amount" }, "0812 3456 7890", "50rb"]);
    expect(h.texts().some((t) => /Nama: Gop\*\* Simu\*\*\*\*\* A\n\nNominal top-up: Rp 50\.000\nHarga: Rp 51\.000/.test(t))).toBe(true);
    expect(orderSent(gopay)).toMatchObject({ product_code: "dompet-digital-gopay-open-amount", client_number: "081234567890", amount: 50_000 });
    await nextCheck(h, gopay);
    expect(h.app.deps.payments.txs.get(gopay)).toMatchObject({ state: "success", price: 51_000, cost: 50_000 });
    expect(h.balance()).toBe(FUNDS - 16_800 - 51_000);
  });

  it("Mobile Legends: player id then zone id, the nickname from Tokopedia's inquiry shown before paying, the zone id sent as a field", async () => {
    const h = await start();
    await h.send("/beli");
    await h.tap("Top-up game");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["BIGO LIVE", "MOBILE LEGENDS", "✖️ Batal"]);
    await h.tap("MOBILE LEGENDS");
    await h.tap("Mobile Legends 18 Diamonds – Rp 6.000");
    expect(h.lastText()).toBe("Ketik ID pemain (User ID) kamu.");
    await h.send("704441111");
    expect(h.lastText()).toBe("Ketik Zone ID kamu.");
    await h.send("8332");
    expect(h.lastText()).toMatch(/ID pemain: 704441111 \(8332\)\nNama: Fox69\n/);
    const txId = summaryTxId(h)!;
    await h.tap("Bayar");
    expect(orderSent(txId)).toEqual({
      product_code: "mobile-legends-18-diamonds",
      client_number: "704441111",
      amount: 5_500,
      fields: [{ name: "zone_id", value: "8332" }],
    });
    await nextCheck(h, txId);
    expect(stateOf(h, txId)).toBe("success");
  });

  it("a voucher: the code to copy on the receipt", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Voucher", [{ tap: "GOFOOD" }, { tap: "GoFood 20,000 – Rp 19.000" }, "081234567890"]);
    await nextCheck(h, txId);
    expect(stateOf(h, txId)).toBe("success");
    expect(h.lastText()).toContain("🎟 Kode voucher (salin):\nT62XDFC\n");
  });

  it("Google Play (seed 002, its JSON repaired): the voucher code to redeem first, the serial number apart, each labelled", async () => {
    const h = await start();
    const txId = await buyPrepaid(h, "Voucher", [{ tap: "GOOGLE PLAY" }, { tap: "Google Play 10,000" }, "081234567890"]);
    await nextCheck(h, txId);
    const tx = h.app.deps.payments.txs.get(txId)!;
    expect(tx).toMatchObject({
      state: "success",
      cost: 11_000,
      codes: [
        { kind: "voucher", value: "ABSASADA" },
        { kind: "serial", value: "23143432453" },
      ],
    });
    // What Sari reads: the code she paid for first, the serial under its own label, then the purchase.
    expect(h.lastText()).toMatch(
      new RegExp(
        [
          "^✅ Pembayaran berhasil\n",
          "🎟 Kode voucher \\(salin\\):\nABSASADA\nSN \\(salin\\):\n23143432453\n",
          "Produk: Google Play 10,000\nNomor HP: 081234567890\nHarga: Rp 13\\.000\n",
          `Waktu: [^\n]+ WIB\nNo\\. referensi: ${txId}\n`,
          "Sisa saldo: Rp 487\\.000$",
        ].join("\n"),
      ),
    );
    expect([tx.price, h.balance()]).toEqual([13_000, FUNDS - 13_000]);
    expect(booksProblems(h.app.deps.db)).toEqual([]);
  });

  it("a product Tokopedia lists as inactive (2) or temporarily inactive (3) is not on the menu", async () => {
    stub.setProductStatus("50k-simpati", 2);
    stub.setProductStatus("gofood-20k", 3);
    const h = await start();
    await h.send("/beli");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).not.toContain("📱 Pulsa");
    await h.tap("Voucher");
    const brands = h.lastKeyboard()!.buttons.map((b) => b.text);
    expect(brands).toContain("KFC");
    expect(brands).not.toContain("GOFOOD");
    // Back on the list: on the menu again at the next refresh.
    stub.setProductStatus("50k-simpati", 1);
    await h.app.prepaidPrices.refresh();
    await h.send("/beli");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toContain("📱 Pulsa");
  });
});

describe("money", () => {
  it("a Failed order is refunded once, on the signed status answer; an unsigned Failed at checkout is not a refund yet", async () => {
    const h = await start();
    const failed = await buyPrepaid(h, "Pulsa", [TOKOPEDIA_TEST_NUMBERS["pending-then-failure"], { tap: "Telkomsel Simpati 50,000" }]);
    expect(stateOf(h, failed)).toBe("pending");
    expect(h.balance()).toBe(FUNDS - 53_000);
    await nextCheck(h, failed);
    expect(stateOf(h, failed)).toBe("failed");
    expect(h.balance()).toBe(FUNDS);
    expect(refunds(h, failed)).toHaveLength(1);

    const instant = await buyPrepaid(h, "Pulsa", [TOKOPEDIA_TEST_NUMBERS["instant-failure"], { tap: "Telkomsel Simpati 50,000" }]);
    expect(stateOf(h, instant)).toBe("pending");
    expect(refunds(h, instant)).toEqual([]);
    await nextCheck(h, instant);
    expect(stateOf(h, instant)).toBe("failed");
    expect(refunds(h, instant)).toHaveLength(1);
    expect(h.balance()).toBe(FUNDS);
    expect([stub.payCalls(failed), stub.payCalls(instant)]).toEqual([1, 1]);
  });

  it("a pending order holds the money until status polling settles it; the order is sent once", async () => {
    await stub.close();
    stub = await startTokopedia(keys, { pendingPolls: 2 });
    const h = await start();
    const txId = await buyPrepaid(h, "Top-up game", [{ tap: "BIGO LIVE" }, { tap: "Bigo Live 10 Diamonds" }, "907111111"]);
    expect(h.texts().some((t) => t.includes("Nama: TOKOPEDIA USER"))).toBe(true);
    for (let i = 0; i < 2; i++) {
      await nextCheck(h, txId);
      expect(stateOf(h, txId)).toBe("pending");
    }
    expect(h.balance()).toBe(FUNDS - 4_000);
    await nextCheck(h, txId);
    expect(stateOf(h, txId)).toBe("success");
    expect(h.balance()).toBe(FUNDS - 4_000);
    expect([stub.payCalls(txId), stub.statusCalls(txId)]).toEqual([1, 3]);
  });
});
