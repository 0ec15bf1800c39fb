import { describe, expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { SARI } from "../support/harness.js";
import { payBill, pickProduct, topUpSari } from "../support/pay.js";
import { addWhatsApp, numberOf } from "../support/whatsapp.js";

/** Issue 22 item 5: a word that names a command, or a command in capitals, does what the command does. */

const bot = botPerTest();

describe("words that name a command", () => {
  it("outside a flow: Indonesian words, capitals and punctuation do what the command does", async () => {
    const h = await bot.start();
    await topUpSari(h, "50rb");
    await h.send("saldo");
    expect(h.lastText()).toContain("Saldo kamu: Rp 50.000");
    await h.send("Halo!");
    expect(h.lastText()).toContain("Halo Sari! 👋");
    await h.send("menu");
    expect(h.lastText()).toContain("Halo Sari! 👋");
    await h.send("bantuan");
    expect(h.lastText()).toContain("Cara pakai:");
    await h.send("riwayat");
    expect(h.lastText()).toContain("Belum ada transaksi");
    await h.send("/BAYAR");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toContain("Listrik PLN");
    await h.send("/Saldo");
    expect(h.lastText()).toContain("Saldo kamu: Rp 50.000");
    await h.send("Beli");
    expect(h.lastText()).toContain("Belum ada produk prabayar");
    await h.send("batal");
    expect(h.lastText()).toBe("Tidak ada proses yang sedang berjalan.");
    // A word that names nothing still gets the fallback.
    await h.send("saldoku");
    expect(h.lastText()).toContain("belum mengerti");
  });

  it("English words for an English user", async () => {
    const h = await bot.start();
    await topUpSari(h, "50rb");
    await h.send("/bahasa");
    await h.tap("English");
    await h.send("Balance");
    expect(h.lastText()).toContain("Your balance: Rp 50.000");
    await h.send("help");
    expect(h.lastText()).toContain("How it works:");
    await h.send("history");
    expect(h.lastText()).not.toContain("didn't understand");
    await h.send("pay");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toContain("PLN electricity");
    await h.send("cancel");
    expect(h.lastText()).toBe("Nothing is in progress.");
  });

  it("inside a flow: a word that cannot be the answer is the command, and the flow still takes its answer", async () => {
    const h = await bot.start();
    await topUpSari(h, "5jt");
    await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
    // Waiting for a customer number: "saldo" is no number, so it shows the balance...
    await h.send("saldo");
    expect(h.lastText()).toContain("Saldo kamu: Rp 5.000.000");
    // ...and the question still takes its answer.
    await h.send("530000000001");
    expect(h.lastText()).toContain("🧾 Tagihan PLN Pascabayar");
    // At the summary (buttons): "bantuan" helps, "batal" cancels the flow; no money moved.
    await h.send("bantuan");
    expect(h.lastText()).toContain("Cara pakai:");
    await h.send("batal");
    expect(h.lastText()).toBe("Dibatalkan. Saldo kamu tidak berubah.");
    expect(h.balance(SARI.id)).toBe(5_000_000);
    await h.tap(/Bayar/);
    expect(h.balance(SARI.id)).toBe(5_000_000);
  });

  it("a question that takes a name takes the word as the name", async () => {
    const h = await bot.start();
    await topUpSari(h, "5jt");
    await payBill(h, "Air PDAM", "PDAM", "1013226");
    await h.tap("Simpan nomor ini");
    await h.send("Menu");
    expect(h.lastText()).toBe('⭐ Tersimpan sebagai "Menu". Lihat semua dengan /favorit.');
  });

  it("on WhatsApp: words and capitals work, and a number still presses the menu on screen", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    const budi = "6281234567890@c.us";
    await wa.say(budi, "Bayar");
    expect(wa.lastText(budi)).toContain("Listrik PLN");
    await wa.say(budi, "SALDO");
    expect(wa.lastText(budi)).toMatch(/^Saldo kamu: Rp 0/);
    await wa.say(budi, numberOf(wa, budi, "Listrik PLN"));
    expect(wa.lastText(budi)).toContain("Listrik PLN – pilih produk:");
    await wa.say(budi, "/Bantuan");
    expect(wa.lastText(budi)).toContain("Cara pakai:");
  });
});
