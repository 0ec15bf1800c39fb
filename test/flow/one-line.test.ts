import { expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { fundSari, summaryTxId } from "../support/pay.js";

/** One-line orders ("CODE.NUMBER") through the real bot against the sandbox biller; sandbox codes are like sbx-xl-10. */

const clock = new Clock();
const testBot = botPerTest({ clock });

async function start(env: Record<string, string> = {}) {
  const h = await testBot.start({ env });
  await fundSari(h, 500_000);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  return h;
}

it("prepaid: one line gives the summary and its confirm at once, a typed 'ya' pays; the same order again today says 'transaksi ke-2' and is asked again", async () => {
  const h = await start();
  const before = h.outputs.length;
  await h.send("sbx-xl-10.0878-0000-1230");
  const txId = summaryTxId(h)!;
  expect(h.lastText()).toContain("Produk: XL 10rb");
  expect(h.lastText()).toContain("Nomor HP: 087800001230");
  expect(h.lastText()).not.toContain("transaksi ke-");
  await h.send("ya");
  expect(h.app.deps.payments.txs.get(txId)).toMatchObject({ state: "success", price: 11_500, productId: "prepaid:sbx-xl-10" });
  expect(h.balance()).toBe(500_000 - 11_500);
  expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  // One message in, out: the summary (edited to "being paid") and the receipt.
  expect(h.outputs.slice(before).filter((o) => o.kind === "message")).toHaveLength(2);

  await h.send("SBXXL10 # 087800001230");
  const again = summaryTxId(h)!;
  expect(again).not.toBe(txId);
  expect(h.lastText()).toContain("⚠️ Ini transaksi ke-2 hari ini untuk produk ini ke 087800001230.");
  await h.send("batal");
  expect(h.app.deps.payments.txs.get(again)!.state).toBe("cancelled");
  expect(h.balance()).toBe(500_000 - 11_500);
});

it("a bill by its short code: PLN.<customer number> quotes the bill, '1' (the first button) pays it", async () => {
  const h = await start();
  await h.send("PLN.530000000001");
  const txId = summaryTxId(h)!;
  expect(h.lastText()).toContain("530000000001");
  await h.send("1");
  const tx = h.app.deps.payments.txs.get(txId)!;
  expect(tx).toMatchObject({ state: "success", productId: "pln-pascabayar" });
  expect(h.balance()).toBe(500_000 - tx.price);
});

it("unknown codes, bad numbers, the wrong operator and an unavailable product are explained; nothing is quoted or charged", async () => {
  const h = await start();
  await h.send("ZZ9.087800001230");
  expect(h.lastText()).toContain("Kode ZZ9 tidak dikenal");
  expect(h.lastText()).toContain("PLN");
  await h.send("sbx-xl-10.12345");
  expect(h.lastText()).toBe("❌ 12345 bukan nomor HP (10–13 angka, diawali 08). Ketik ulang pesanannya, contoh XL10.087800001230.");
  await h.send("sbx-xl-10.081234567890");
  expect(h.lastText()).toBe("❌ 081234567890 adalah nomor Telkomsel, bukan untuk XL 10rb. Periksa kode atau nomornya, lalu ketik ulang.");
  await h.send("sbx-pln-20.123");
  expect(h.lastText()).toContain("bukan nomor meter PLN");
  await h.send("PLN.12");
  expect(h.lastText()).toContain("Nomor 12 tidak sesuai");
  await h.send("sbx-tsel-100.081234567890");
  expect(h.lastText()).toBe(
    "⚠️ TELKOMSEL 100rb sedang tidak tersedia dari provider. Saldo kamu tidak berubah. Coba lagi nanti, atau pilih produk lain dengan /beli.",
  );
  expect(summaryTxId(h)).toBeUndefined();
  expect(h.balance()).toBe(500_000);
  // An ordinary message is not an order.
  await h.send("apa kabar");
  expect(h.lastText()).toContain("Maaf, saya belum mengerti");
});

it("PIN_POLICY=one-line: a one-line order asks the PIN before paying", async () => {
  const h = await start({ PIN_POLICY: "one-line" });
  await h.send("sbx-xl-10.087800001230");
  await h.send("ya");
  expect(h.lastText()).toContain("PIN");
  expect(h.balance()).toBe(500_000);
});
