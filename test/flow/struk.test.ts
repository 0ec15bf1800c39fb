import { describe, expect, it } from "vitest";
import { renderReceipt } from "../../src/billing/receipt.js";
import type { Output } from "../../src/channels/emulator.js";
import { sendWithPicture } from "../../src/bot/struk-pictures.js";
import { botPerTest } from "../support/bot-per-test.js";
import { ledgerKinds } from "../support/books.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { buyPrepaid, fundSari, payPln, quotePln } from "../support/pay.js";
import { addWhatsApp, numberOf } from "../support/whatsapp.js";
import { pngSize } from "../pictures/png.js";
import { translate } from "../billing/support.js";

/**
 * The struk picture through the real bot: every paid receipt comes as a photo with the text
 * receipt as its caption (Telegram's sendPhoto, WhatsApp's image), none for a failure; /struk
 * turns it off and on and sets the counter fee.
 */

// 10:00 WIB: outside the sandbox PLN tokens' daily cut-off.
const clock = new Clock();
const bot = botPerTest({ clock });

type Sent = Extract<Output, { kind: "message" }>;
const messages = (h: Harness, chatId = SARI.id) => h.outputs.filter((o): o is Sent => o.kind === "message" && o.chatId === chatId);
const lastMessage = (h: Harness) => messages(h).at(-1)!;

/** The newest message is the struk of `txId`: a PNG 576 px wide whose caption is the text receipt. */
function expectStruk(h: Harness, txId: string, receiptStart = "✅ Pembayaran berhasil"): Sent {
  const m = lastMessage(h);
  expect(m.photo, m.text).toBeDefined();
  expect(m.photo!.filename).toBe(`struk-${txId}.png`);
  expect(m.photo!.mimetype).toBe("image/png");
  expect(pngSize(m.photo!.data).width).toBe(576);
  expect(m.text.startsWith(receiptStart)).toBe(true);
  expect(h.emulator.calls.at(-1)!.method).toBe("sendPhoto");
  return m;
}

describe("struk pictures on Telegram", () => {
  it("a paid bill: sendPhoto with the text receipt, as renderReceipt writes it, for its caption; the favourite button stays under it", async () => {
    const h = await bot.start();
    await fundSari(h, 1_000_000);
    const txId = await payPln(h, "530000000001");
    const m = expectStruk(h, txId);
    const tx = h.app.deps.payments.txs.get(txId)!;
    const text = renderReceipt({ tx, productName: "PLN Pascabayar", balance: { now: h.balance() }, kind: "pln" }, translate("id"));
    expect(m.text).toBe(text);
    expect(m.buttons.map((b) => b.text)).toEqual(["⭐ Simpan nomor ini"]);
  });

  it("a PLN token and a voucher come as pictures too", async () => {
    const h = await bot.start();
    await fundSari(h, 500_000);
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    const token = await buyPrepaid(h, "Token listrik", ["12345678901", { tap: "Token PLN 20rb" }]);
    expect(expectStruk(h, token).text).toMatch(/\n\d{4} \d{4} \d{4} \d{4} \d{4}\n/);
    const voucher = await buyPrepaid(h, "Voucher", [{ tap: "GOOGLE PLAY" }, { tap: "Google Play 20rb" }, "081234567890"]);
    expectStruk(h, voucher);
  });

  it("a payment the biller refused, refunded, and one that failed after pending: no picture, the refund in the books", async () => {
    const h = await bot.start();
    await fundSari(h, 1_000_000);
    const refused = await payPln(h, "530000000006");
    expect(lastMessage(h).text).toContain("❌ Pembayaran gagal");
    expect(lastMessage(h).photo).toBeUndefined();
    expect(ledgerKinds(h.app.deps.db, refused)).toEqual(["charge", "refund"]);

    const later = await quotePln(h, "630000000006");
    await h.tap("Bayar");
    await h.app.worker.checkNow(later);
    expect(lastMessage(h).text).toContain("❌ Pembayaran gagal");
    expect(h.outputs.filter((o) => o.kind === "message" && o.photo)).toEqual([]);
    expect(h.emulator.calls.filter((c) => c.method === "sendPhoto")).toEqual([]);
    expect(ledgerKinds(h.app.deps.db, later)).toEqual(["charge", "refund"]);
    expect(h.balance()).toBe(1_000_000);
  });

  it("a pending payment settled later gets its picture then; /riwayat opens it again as a picture, with the balance after it", async () => {
    const h = await bot.start();
    await fundSari(h, 1_000_000);
    const txId = await quotePln(h, "630000000001");
    await h.tap("Bayar");
    expect(lastMessage(h).text).toContain("⏳ Pembayaran sedang diproses");
    expect(lastMessage(h).photo).toBeUndefined();
    await h.app.worker.checkNow(txId);
    expectStruk(h, txId);

    await h.send("/riwayat");
    await h.tap("Struk 1");
    expect(expectStruk(h, txId).text).toContain(`Saldo setelah transaksi ini: Rp ${h.balance().toLocaleString("de-DE")}`);
  });

  it("/struk off sends receipts as text only, kept for the user; /struk on brings pictures back; the settings read back", async () => {
    const h = await bot.start();
    await fundSari(h, 1_000_000);
    await h.send("/struk off");
    expect(h.lastText()).toBe("Struk bergambar dimatikan: struk dikirim sebagai teks saja. Ketik /struk on untuk menyalakannya lagi.");
    await payPln(h, "530000000001");
    expect(lastMessage(h).text).toContain("✅ Pembayaran berhasil");
    expect(lastMessage(h).photo).toBeUndefined();
    expect(h.emulator.calls.at(-1)!.method).toBe("sendMessage");
    // Another user keeps pictures.
    expect(h.app.deps.struk.settings.get(ADMIN.id).pictures).toBe(true);
    await h.send("/struk");
    expect(h.lastText()).toContain("🖼 Struk bergambar: mati\nBiaya loket di gambar struk: tidak ada");

    await h.send("/struk on");
    expect(h.lastText()).toContain("✅ Struk bergambar aktif");
    const txId = await payPln(h, "530000000002");
    expectStruk(h, txId);
  });

  it("/struk loket sets the user's counter fee over the operator's; 'bawaan' goes back to it; nonsense gets the usage", async () => {
    const h = await bot.start({ env: { STRUK_COUNTER_FEE: "1500" } });
    await fundSari(h, 1_000_000);
    await h.send("/struk");
    expect(h.lastText()).toContain("Biaya loket di gambar struk: Rp 1.500 (bawaan operator)");
    await h.send("/struk loket 2.500");
    expect(h.lastText()).toContain("Biaya loket Rp 2.500 tampil di gambar struk berikutnya");
    expect(h.app.deps.struk.counterFee(SARI.id)).toBe(2_500);
    await h.send("/struk loket 0");
    expect(h.app.deps.struk.counterFee(SARI.id)).toBe(0);
    await h.send("/struk loket bawaan");
    expect(h.app.deps.struk.counterFee(SARI.id)).toBe(1_500);
    await h.send("/struk loket dua ribu");
    expect(h.lastText()).toBe("Format: /struk on, /struk off, /struk loket <jumlah> (contoh /struk loket 2500), /struk loket bawaan");
    // The fee is on the picture only: the balance pays the usual price.
    const txId = await payPln(h, "530000000001");
    expect(h.balance()).toBe(1_000_000 - h.app.deps.payments.txs.get(txId)!.price);
  });

  it("STRUK_PICTURES=false: text receipts only, and /struk says the operator turned pictures off", async () => {
    const h = await bot.start({ env: { STRUK_PICTURES: "false" } });
    await fundSari(h, 1_000_000);
    await payPln(h, "530000000001");
    expect(lastMessage(h).photo).toBeUndefined();
    await h.send("/struk");
    expect(h.lastText()).toContain("Struk bergambar: dimatikan operator");
  });

  it("a text too long for a caption: the picture alone, then the text with the buttons", async () => {
    const h = await bot.start();
    await h.send("/start");
    const text = `${"Periode panjang\n".repeat(70)}selesai`;
    const png = new Uint8Array(Buffer.from("89504e470d0a1a0a", "hex"));
    await sendWithPicture(
      h.app.bot.api,
      SARI.id,
      text,
      { reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "x" }]] } },
      { png, filename: "struk-T.png" },
      () => {},
    );
    const [photo, after] = messages(h).slice(-2);
    expect(photo).toMatchObject({ text: "", buttons: [] });
    expect(photo!.photo!.filename).toBe("struk-T.png");
    expect(after).toMatchObject({ text, buttons: [{ text: "OK" }] });
  });
});

describe("struk pictures on WhatsApp", () => {
  it("the receipt goes as an image with the text receipt as its caption", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    const BUDI = "6281234567890@c.us";
    await wa.say(BUDI, "/start");
    const id = Number((h.app.deps.db.prepare("SELECT user_id FROM whatsapp_ids WHERE wa_id = ?").get(BUDI) as { user_id: number }).user_id);
    h.app.deps.wallet.post({ userId: id, amount: 1_000_000, kind: "topup", actorId: ADMIN.id });
    await wa.say(BUDI, "/bayar");
    for (const label of ["Listrik PLN", "PLN Pascabayar"]) await wa.say(BUDI, numberOf(wa, BUDI, label));
    await wa.say(BUDI, "530000000001");
    await wa.say(BUDI, numberOf(wa, BUDI, "Bayar"));
    const sent = wa.client.sent.filter((s) => s.to === BUDI).at(-1)!;
    expect(sent.text).toContain("✅ Pembayaran berhasil");
    expect(sent.media).toMatchObject({ mimetype: "image/png", filename: expect.stringMatching(/^struk-\w+\.png$/) });
    expect(pngSize(sent.media!.bytes).width).toBe(576);
    expect(wa.client.sent.filter((s) => s.media)).toHaveLength(1);
  });
});
