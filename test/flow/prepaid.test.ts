import { expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { fundSari, summaryTxId } from "../support/pay.js";

/** Prepaid purchases through the real bot against the sandbox biller (the terminal demo's provider). */

const testBot = botPerTest();

async function start() {
  const h = await testBot.start();
  await fundSari(h, 500_000);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  return h;
}

it("pulsa: the number picks the operator, its products cheapest first with the markup, an unknown prefix is explained, then confirm and receipt", async () => {
  const h = await start();
  await h.send("/beli");
  await h.tap("Pulsa");
  expect(h.lastText()).toBe("Ketik nomor HP tujuan, contoh 081234567890.");
  await h.send("0800 1234 5678");
  expect(h.lastText()).toContain("Nomor 080012345678 tidak cocok dengan operator mana pun");
  await h.send("halo");
  expect(h.lastText()).toContain("Itu bukan nomor HP");
  await h.send("0812-3456-7890");
  expect(h.texts()).toContain("Operator: Telkomsel");
  // Telkomsel only, cheapest first, price = cost + Rp 1.000 rounded up to Rp 500; the unavailable 100rb is not there.
  expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual([
    "TELKOMSEL 5rb – Rp 6.500",
    "TELKOMSEL 10rb – Rp 11.500",
    "TELKOMSEL 25rb – Rp 26.500",
    "TELKOMSEL 50rb – Rp 51.500",
    "✖️ Batal",
  ]);
  await h.tap("TELKOMSEL 10rb");
  const txId = summaryTxId(h)!;
  expect(h.lastText()).toBe(
    [
      "🛒 Konfirmasi pembelian",
      "",
      "Produk: TELKOMSEL 10rb",
      "Nomor HP: 081234567890",
      "",
      "Harga: Rp 11.500",
      "",
      "Saldo kamu: Rp 500.000",
      "Lanjut bayar?",
    ].join("\n"),
  );
  await h.tap("Bayar");
  expect(h.app.deps.payments.txs.get(txId)).toMatchObject({ state: "success", price: 11_500, cost: 10_350, productId: "prepaid:sbx-tsel-10" });
  expect(h.balance()).toBe(500_000 - 11_500);
  const receipt = h.lastText();
  expect(receipt).toContain("✅ Pembayaran berhasil");
  expect(receipt).toMatch(/SN \(salin\):\nSBX\d{10}\n/);
  expect(receipt).toContain("Produk: TELKOMSEL 10rb");
});
