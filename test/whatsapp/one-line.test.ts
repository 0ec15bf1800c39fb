import { expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN } from "../support/harness.js";
import { addWhatsApp, type WhatsAppSide } from "../support/whatsapp.js";

/**
 * One-line orders on WhatsApp through the real channel (the fake client hands over the library's
 * own Message objects): one message in, at most two out (the summary, the receipt).
 */

const bot = botPerTest();
const BUDI = "6281234567890@c.us";

async function fundBudi(wa: WhatsAppSide, amount = 500_000): Promise<number> {
  await wa.say(BUDI, "/start");
  const id = Number((bot.h.app.deps.db.prepare("SELECT user_id FROM whatsapp_ids WHERE wa_id = ?").get(BUDI) as { user_id: number }).user_id);
  bot.h.app.deps.wallet.post({ userId: id, amount, kind: "topup", actorId: ADMIN.id });
  return id;
}

const sentSince = (wa: WhatsAppSide, from: number) => wa.client.sent.slice(from).filter((s) => s.to === BUDI);

it("a prepaid one-line order: the summary and the receipt, no more; a bill by its short code the same", async () => {
  const h = await bot.start();
  const wa = await addWhatsApp(h);
  const id = await fundBudi(wa);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });

  let from = wa.client.sent.length;
  await wa.say(BUDI, "sbx-xl-10.087800001230");
  expect(wa.lastText(BUDI)).toContain("Produk: XL 10rb");
  await wa.say(BUDI, "ya");
  const prepaid = sentSince(wa, from);
  expect(prepaid.map((s) => s.text.split("\n")[0])).toEqual(["🛒 Konfirmasi pembelian", "✅ Pembayaran berhasil"]);
  expect(h.balance(id)).toBe(500_000 - 11_500);

  from = wa.client.sent.length;
  await wa.say(BUDI, "PLN.530000000001");
  await wa.say(BUDI, "1");
  const bill = sentSince(wa, from);
  expect(bill).toHaveLength(2);
  expect(bill[1]!.text).toContain("✅ Pembayaran berhasil");
});

it("a batch of three lines: one summary, then one receipt line per order; the PIN after a line is read, and the bot says it cannot delete it", async () => {
  const h = await bot.start({ env: { PIN_POLICY: "one-line" } });
  const wa = await addWhatsApp(h);
  const id = await fundBudi(wa);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  await wa.say(BUDI, "/pin 482916");
  // Each answer shows /start's menu again under it (a numbered menu stays open on WhatsApp).
  expect(wa.texts(BUDI).slice(-2)).toEqual([
    expect.stringMatching(/^⚠️ Bot tidak bisa menghapus pesan di WhatsApp: hapus sendiri pesan berisi PIN kamu\./),
    expect.stringMatching(/^✅ PIN transaksi tersimpan\./),
  ]);

  const from = wa.client.sent.length;
  await wa.say(BUDI, "sbx-xl-10.087800001230.482916\nsbx-tsel-5#081234567890\nsbx-xl-5 087800001232");
  await wa.say(BUDI, "ya");
  const out = sentSince(wa, from).map((s) => s.text);
  expect(out[0]).toMatch(/^⚠️ Bot tidak bisa menghapus pesan di WhatsApp: hapus sendiri pesan berisi PIN kamu\./);
  expect(out[1]).toContain("🧾 Pesanan sekaligus (3 baris)");
  // The PIN notice, the summary, one line per order: nothing else.
  expect(out).toHaveLength(5);
  // No PIN asked again: the lines' receipts follow the summary, one each.
  expect(out.slice(2).sort()).toEqual([
    expect.stringMatching(/^✅ 1\/3 XL 10rb · 087800001230 · Rp 11\.500 · SN /),
    expect.stringMatching(/^✅ 2\/3 TELKOMSEL 5rb · 081234567890 · Rp 6\.500 · SN /),
    "❌ 3/3 XL 5rb · 087800001232: gagal, Rp 6.500 dikembalikan ke saldo.",
  ]);
  expect(h.balance(id)).toBe(500_000 - 11_500 - 6_500);
});

it("the PIN typed at the prompt on WhatsApp: the bot says it cannot delete it, pays, and the PIN is in no flow's stored state", async () => {
  const h = await bot.start({ env: { PIN_POLICY: "one-line" } });
  const wa = await addWhatsApp(h);
  const id = await fundBudi(wa);
  expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
  await wa.say(BUDI, "/pin 482916");
  await wa.say(BUDI, "sbx-xl-10.087800001230");
  await wa.say(BUDI, "ya");
  expect(wa.lastText(BUDI)).toBe("🔒 Ketik PIN transaksi kamu (4-6 angka).");
  await wa.say(BUDI, "111111");
  const stored = JSON.stringify(h.app.deps.db.prepare("SELECT value FROM conversations").all());
  expect(stored).toContain("••••");
  expect(stored).not.toContain("111111");
  expect(wa.texts(BUDI).slice(-2)).toEqual([
    "⚠️ Bot tidak bisa menghapus pesan di WhatsApp: hapus sendiri pesan berisi PIN kamu.",
    "❌ PIN salah. Sisa 2 kali coba.",
  ]);
  await wa.say(BUDI, "482916");
  expect(wa.lastText(BUDI)).toContain("✅ Pembayaran berhasil");
  expect(h.balance(id)).toBe(500_000 - 11_500);
});
