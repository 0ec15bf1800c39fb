import { expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { ledgerKinds } from "../support/books.js";
import { Clock } from "../support/clock.js";
import { fundSari } from "../support/pay.js";
import { SARI, type Harness } from "../support/harness.js";

/** Several one-line orders in one message, the PIN after the order line, and codes suggested for a mistyped one. */

const clock = new Clock();
const testBot = botPerTest({ clock });

async function start(env: Record<string, string> = {}) {
  const h = await testBot.start({ env });
  await fundSari(h, 500_000);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  return h;
}

const txsOf = (h: Harness) =>
  h.app.deps.db
    .prepare("SELECT id, product_id AS productId, customer_no AS customerNo, state, price FROM transactions WHERE user_id = ? ORDER BY rowid")
    .all(SARI.id) as {
    id: string;
    productId: string;
    customerNo: string;
    state: string;
    price: number;
  }[];

it("five lines in one message: one summary (each line's product, number, price, the total), one 'ya', one receipt line per order; the failing line is refunded alone", async () => {
  const h = await start();
  const before = h.outputs.length;
  // Forgiving: case, '.', '#' or a space between code and number, a line the provider fails (…1232).
  await h.send(["sbx-xl-10.087800001230", "SBX-TSEL-5 # 081234567890", "sbx-xl-25 087800001231", "sbx-xl-5.087800001232", "PLN.530000000001"].join("\n"));
  const summary = h.lastText();
  expect(summary).toContain("🧾 Pesanan sekaligus (5 baris)");
  expect(summary).toContain("1. XL 10rb · 087800001230 · Rp 11.500");
  expect(summary).toContain("2. TELKOMSEL 5rb · 081234567890 · Rp 6.500");
  expect(summary).toContain("3. XL 25rb · 087800001231 · Rp 26.500");
  expect(summary).toContain("4. XL 5rb · 087800001232 · Rp 6.500");
  expect(summary).toMatch(/5\. PLN Pascabayar · 530000000001 · Rp [\d.]+/);
  const quoted = txsOf(h);
  expect(quoted.map((t) => t.state)).toEqual(["quoted", "quoted", "quoted", "quoted", "quoted"]);
  const total = quoted.reduce((s, t) => s + t.price, 0);
  expect(summary).toContain(`Total 5 pesanan: Rp ${total.toLocaleString("id-ID")}`);
  expect(h.balance()).toBe(500_000);

  await h.send("ya");
  const txs = txsOf(h);
  expect(txs.map((t) => t.state)).toEqual(["success", "success", "success", "failed", "success"]);
  const failed = txs[3]!;
  // Charged for four, the failed one refunded alone.
  expect(h.balance()).toBe(500_000 - total + failed.price);
  expect(ledgerKinds(h.app.deps.db, failed.id)).toEqual(["charge", "refund"]);
  for (const t of [txs[0]!, txs[1]!, txs[2]!, txs[4]!]) expect(ledgerKinds(h.app.deps.db, t.id)).toEqual(["charge"]);
  const texts = h.texts().slice(-5);
  expect(texts.filter((t) => t.startsWith("✅ "))).toHaveLength(4);
  expect(texts).toContain("❌ 4/5 XL 5rb · 087800001232: gagal, Rp 6.500 dikembalikan ke saldo.");
  expect(texts.find((t) => t.startsWith("✅ 1/5"))).toMatch(/^✅ 1\/5 XL 10rb · 087800001230 · Rp 11\.500 · SN \S+/);
  // Out: the summary (edited to "being processed") and one line per order.
  expect(h.outputs.slice(before).filter((o) => o.kind === "message")).toHaveLength(1 + 5);
  expect(h.texts().find((t) => t.includes("Pesanan sekaligus") && t.includes("5 pesanan sedang diproses"))).toBeDefined();
});

it("a batch: lines that cannot be ordered are listed with why, the rest is paid; 'batal' cancels all; more lines than ONE_LINE_BATCH_MAX are refused", async () => {
  const h = await start({ ONE_LINE_BATCH_MAX: "3" });
  await h.send("sbx-xl-10.087800001230\nsbx-xl-10.081234567890\nsbx-xl-1O.087800001230");
  const summary = h.lastText();
  expect(summary).toContain("2. ❌ sbx-xl-10.081234567890: ❌ 081234567890 adalah nomor Telkomsel, bukan untuk XL 10rb.");
  expect(summary).toContain("3. ❌ sbx-xl-1O.087800001230: ❓ Kode SBXXL1O tidak dikenal. Maksudnya: sbx-xl-10");
  expect(summary).toContain("Total 1 pesanan: Rp 11.500");
  await h.send("batal");
  expect(h.lastText()).toBe("Pembayaran dibatalkan. Saldo kamu tidak berubah.");
  expect(txsOf(h).map((t) => t.state)).toEqual(["cancelled"]);

  await h.send(Array.from({ length: 4 }, () => "sbx-xl-10.087800001230").join("\n"));
  expect(h.lastText()).toBe("❌ Paling banyak 3 pesanan dalam satu pesan. Kirim sisanya di pesan berikutnya.");
  expect(txsOf(h)).toHaveLength(1);
  expect(h.balance()).toBe(500_000);
});

it("a wrong code in one line answers with the nearest codes", async () => {
  const h = await start();
  await h.send("sbx-tsel-1O.081234567890");
  expect(h.lastText()).toBe(
    "❓ Kode SBXTSEL1O tidak dikenal. Maksudnya: sbx-tsel-10, sbx-tsel-25, sbx-tsel-5? Ketik ulang pesanannya, contoh XL10.087800001230.",
  );
  await h.send("PLM.530000000001");
  expect(h.lastText()).toContain("Maksudnya: PLN");
});

it("the PIN after the order line: right pays without asking it, wrong is told and nothing is quoted; in a batch it is asked once for all", async () => {
  const h = await start({ PIN_POLICY: "one-line" });
  await h.send("/pin 482916");
  await h.send("sbx-xl-10.087800001230.482916");
  expect(h.lastText()).toContain("Produk: XL 10rb");
  await h.send("ya");
  expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  expect(h.balance()).toBe(500_000 - 11_500);

  await h.send("sbx-xl-10.087800001230#111111");
  expect(h.lastText()).toBe("❌ PIN salah. Sisa 2 kali coba.");
  expect(txsOf(h)).toHaveLength(1);

  // No PIN in the lines: asked once, after the confirm, for the whole batch.
  await h.send("sbx-xl-5.087800001230\nsbx-tsel-5.081234567890");
  await h.tap("Bayar semua");
  expect(h.lastText()).toBe("🔒 Ketik PIN transaksi kamu (4-6 angka).");
  await h.send("482916");
  expect(txsOf(h).map((t) => t.state)).toEqual(["success", "success", "success"]);
  expect(h.balance()).toBe(500_000 - 11_500 - 6_500 - 6_500);
});
