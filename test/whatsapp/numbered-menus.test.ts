import { describe, expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN } from "../support/harness.js";
import { numberOf, type WhatsAppSide } from "../support/whatsapp.js";
import { addWhatsApp } from "../support/whatsapp.js";

/** Numbered menus on WhatsApp, where every customer answers with numbers: a stray reply leaves the menu working. */

const bot = botPerTest();
const BUDI = "6281234567890@c.us";

async function fundBudi(wa: WhatsAppSide): Promise<number> {
  await wa.say(BUDI, "/start");
  const id = Number((bot.h.app.deps.db.prepare("SELECT user_id FROM whatsapp_ids WHERE wa_id = ?").get(BUDI) as { user_id: number }).user_id);
  bot.h.app.deps.wallet.post({ userId: id, amount: 1_000_000, kind: "topup", actorId: ADMIN.id });
  return id;
}

describe("a numbered menu on WhatsApp stays answerable", () => {
  it("a number out of range, a word or a long number in between: the choices come again and the next number still presses", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    const id = await fundBudi(wa);
    await wa.say(BUDI, "/bayar");
    const categories = wa.lastText(BUDI);
    const count = categories.split("\n").filter((l) => /^\d+\. /.test(l)).length;

    // Out of range: which numbers are valid, and the list again.
    await wa.say(BUDI, "99");
    const again = wa.lastText(BUDI);
    expect(again).toContain(`*Balas dengan nomor pilihan (1-${count}).*`);
    expect(again).toContain(`${numberOf(wa, BUDI, "Listrik PLN")}. Listrik PLN`);
    await wa.say(BUDI, numberOf(wa, BUDI, "Listrik PLN"));
    expect(wa.lastText(BUDI)).toContain("Listrik PLN – pilih produk:");

    // A word in a product list: the nudge, the list again, and a number still picks.
    await wa.say(BUDI, "abc");
    expect(wa.lastText(BUDI)).toMatch(/belum mengerti[\s\S]*\n\d+\. PLN Pascabayar\n[\s\S]*\*Balas dengan nomor pilihan \(1-\d+\)\.\*$/);
    await wa.say(BUDI, "7");
    await wa.say(BUDI, numberOf(wa, BUDI, "PLN Pascabayar"));
    expect(wa.lastText(BUDI)).toContain("ID pelanggan");

    // At the summary: a long number is no choice; "Bayar" still pays.
    await wa.say(BUDI, "530000000001");
    expect(wa.lastText(BUDI)).toContain("🧾 Tagihan PLN Pascabayar");
    await wa.say(BUDI, "2001");
    expect(wa.lastText(BUDI)).toMatch(/Silakan pilih dengan tombol di atas[\s\S]*\n\d+\. [^\n]*Bayar/);
    await wa.say(BUDI, numberOf(wa, BUDI, "Bayar"));
    expect(wa.texts(BUDI).some((t) => t.includes("✅ Pembayaran berhasil"))).toBe(true);
    expect(h.balance(id)).toBeLessThan(1_000_000);
  });

  it("a command in between leaves the menu open too, in a flow and out of one: its answer shows the choices, a number presses", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    const id = await fundBudi(wa);
    await wa.say(BUDI, "/bayar");
    const pln = numberOf(wa, BUDI, "Listrik PLN");
    await wa.say(BUDI, "/saldo");
    expect(wa.lastText(BUDI)).toMatch(/^Saldo kamu: Rp 1\.000\.000[\s\S]*\n\d+\. Listrik PLN\n/);
    await wa.say(BUDI, pln);
    await wa.say(BUDI, numberOf(wa, BUDI, "PLN Pascabayar"));
    await wa.say(BUDI, "530000000001");
    await wa.say(BUDI, "/saldo");
    expect(wa.lastText(BUDI)).toMatch(/^Saldo kamu: Rp 1\.000\.000[\s\S]*\n1\. ✅ Bayar\n2\. ✖️ Batal\n\*Balas dengan nomor pilihan \(1-2\)\.\*$/);
    await wa.say(BUDI, "1");
    expect(wa.texts(BUDI).some((t) => t.includes("✅ Pembayaran berhasil"))).toBe(true);
    expect(h.balance(id)).toBeLessThan(1_000_000);
  });
});

describe("menu numbers on WhatsApp hold after a payment", () => {
  it("a second payment: 1 is still Listrik PLN and 1 PLN Pascabayar; the recent product is offered after the categories", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    const id = await fundBudi(wa);
    for (const no of ["530000000001", "530000000101"]) {
      await wa.say(BUDI, "/bayar");
      await wa.say(BUDI, "1");
      expect(wa.lastText(BUDI)).toMatch(/^Listrik PLN – pilih produk:\n\n1\. PLN Pascabayar\n/);
      await wa.say(BUDI, "1");
      await wa.say(BUDI, no);
      await wa.say(BUDI, numberOf(wa, BUDI, "Bayar"));
    }
    expect(wa.texts(BUDI).filter((t) => t.includes("✅ Pembayaran berhasil"))).toHaveLength(2);
    await wa.say(BUDI, "/bayar");
    expect(wa.lastText(BUDI)).toMatch(/^Mau bayar tagihan apa\? Pilih jenisnya:\n\n1\. Listrik PLN\n[\s\S]*\n\d+\. 🕘 PLN Pascabayar\n\d+\. ✖️ Batal\n/);
    await wa.say(BUDI, numberOf(wa, BUDI, "🕘 PLN Pascabayar"));
    expect(wa.lastText(BUDI)).toContain("ID pelanggan PLN");
    expect(h.app.deps.payments.txs.byUser(id, 5).filter((t) => t.state === "success")).toHaveLength(2);
  });
});

describe("/favorit on WhatsApp: the numbers are the list's, and deleting asks first", () => {
  it("2 pays the second saved number; deleting goes through a choice and a question, and Kembali keeps it", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    const id = await fundBudi(wa);
    for (const [no, label] of [
      ["530000000001", "Rumah"],
      ["530000000101", "Kantor"],
    ] as const) {
      await wa.say(BUDI, "/bayar");
      await wa.say(BUDI, "1");
      await wa.say(BUDI, "1");
      await wa.say(BUDI, no);
      await wa.say(BUDI, numberOf(wa, BUDI, "Bayar"));
      await wa.say(BUDI, numberOf(wa, BUDI, "Simpan nomor ini"));
      await wa.say(BUDI, label);
    }
    // By name: Kantor, then Rumah.
    const list =
      "⭐ Nomor tersimpan\n\n1. Kantor – PLN Pascabayar 530000000101\n2. Rumah – PLN Pascabayar 530000000001\n\n" +
      "1. 🔁 Bayar lagi: Kantor\n2. 🔁 Bayar lagi: Rumah\n3. 🗑 Hapus nomor…\n*Balas dengan nomor pilihan (1-3).*";
    await wa.say(BUDI, "/favorit");
    expect(wa.lastText(BUDI)).toBe(list);
    // "2" is the second number, as read: its bill, nothing deleted.
    await wa.say(BUDI, "2");
    expect(wa.lastText(BUDI)).toContain("🧾 Tagihan PLN Pascabayar");
    expect(wa.lastText(BUDI)).toContain("530000000001");
    expect(h.app.deps.favorites.list(id)).toHaveLength(2);
    await wa.say(BUDI, numberOf(wa, BUDI, "Batal"));

    await wa.say(BUDI, "/favorit");
    await wa.say(BUDI, "3");
    expect(wa.lastText(BUDI)).toBe(
      "Nomor mana yang mau dihapus?\n\n1. Kantor – PLN Pascabayar 530000000101\n2. Rumah – PLN Pascabayar 530000000001\n\n" +
        "1. 🗑 Kantor\n2. 🗑 Rumah\n3. ↩️ Kembali\n*Balas dengan nomor pilihan (1-3).*",
    );
    await wa.say(BUDI, "2");
    expect(wa.lastText(BUDI)).toBe(
      'Hapus "Rumah" (PLN Pascabayar 530000000001) dari nomor tersimpan?\n\n1. 🗑 Ya, hapus\n2. ↩️ Kembali\n*Balas dengan nomor pilihan (1-2).*',
    );
    await wa.say(BUDI, "2");
    expect(wa.lastText(BUDI)).toBe(list);
    expect(h.app.deps.favorites.list(id)).toHaveLength(2);
    await wa.say(BUDI, "3");
    await wa.say(BUDI, "2");
    await wa.say(BUDI, "1");
    expect(wa.lastText(BUDI)).toBe(
      '🗑 "Rumah" dihapus.\n\n⭐ Nomor tersimpan\n\n1. Kantor – PLN Pascabayar 530000000101\n\n' +
        "1. 🔁 Bayar lagi: Kantor\n2. 🗑 Hapus nomor…\n*Balas dengan nomor pilihan (1-2).*",
    );
    expect(h.app.deps.favorites.list(id).map((f) => f.label)).toEqual(["Kantor"]);
  });
});

describe("a flow's numbers never point at nothing (found by test/flow/numbered-random.test.ts)", () => {
  it("/batal and a step given up after too many wrong answers close the list: it is not shown again, and '1' presses nothing dead", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    await fundBudi(wa);
    await h.app.prepaidPrices.refresh();
    await wa.say(BUDI, "/beli");
    await wa.say(BUDI, "batal");
    expect(wa.lastText(BUDI)).toBe("Dibatalkan. Saldo kamu tidak berubah.");
    await wa.say(BUDI, "1");
    expect(wa.lastText(BUDI)).toBe("Maaf, saya belum mengerti. Ketik /start untuk melihat menu.");

    await wa.say(BUDI, "/beli");
    for (const word of ["abc", "def", "ghi", "jkl"]) await wa.say(BUDI, word);
    await wa.say(BUDI, "mno");
    expect(wa.lastText(BUDI)).toBe("Jawabannya belum cocok beberapa kali, jadi langkah ini saya hentikan dulu. Ketik /start untuk mulai lagi.");
    await wa.say(BUDI, "1");
    expect(wa.lastText(BUDI)).not.toContain("kedaluwarsa");
    expect(wa.lastText(BUDI)).toBe("Maaf, saya belum mengerti. Ketik /start untuk melihat menu.");
  });

  it("another menu opened in between takes the numbers; the flow's next nudge brings its own list back and a number presses it", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    await fundBudi(wa);
    await h.app.prepaidPrices.refresh();
    await wa.say(BUDI, "/bayar");
    await wa.say(BUDI, "1");
    await wa.say(BUDI, "1");
    await wa.say(BUDI, "530000000001");
    await wa.say(BUDI, numberOf(wa, BUDI, "Bayar"));
    // A prepaid list is open; /riwayat's receipts take the numbers, and a receipt closes them.
    await wa.say(BUDI, "/beli");
    await wa.say(BUDI, "/riwayat");
    await wa.say(BUDI, "1");
    expect(wa.lastText(BUDI)).toMatch(/^✅ Pembayaran berhasil/);
    await wa.say(BUDI, "081234567890");
    expect(wa.lastText(BUDI)).toMatch(
      /^Silakan pilih dengan tombol di atas, atau ketik \/batal untuk membatalkan\.\n\n1\. 📱 Pulsa\n[\s\S]*\*Balas dengan nomor pilihan \(1-\d+\)\.\*$/,
    );
    await wa.say(BUDI, "1");
    expect(wa.lastText(BUDI)).toBe("Ketik nomor HP tujuan, contoh 081234567890.");
  });
});
