import { beforeEach, describe, expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { resumeText } from "../../src/bot/resume.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { payBill, payPln, pickProduct, quoteBill, quotePln, topUpSari } from "../support/pay.js";

/** What a new user reads, screen by screen: numbers, names and words as people expect them. */

const clock = new Clock();
const bot = botPerTest({ clock });
let h: Harness;

beforeEach(async () => {
  h = await bot.start();
  await topUpSari(h, "1jt");
});

const txOf = (id: string) => h.app.deps.payments.txs.get(id)!;
const rupiah = (n: number) => `Rp ${n.toLocaleString("de-DE")}`;

describe("numbers that are names, not amounts", () => {
  it("/user shows an id without thousands dots, and that id pasted back finds the user", async () => {
    const big = { id: 123_456_789, firstName: "Budi" };
    await h.send("/start", big);
    await h.send("/user 123456789", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("👤 Budi\nID: 123456789\n");
    await h.send("/user 1001", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(
      "Pengguna 1001 tidak ditemukan. Sebut pengguna dengan id angka, @username atau nomor HP (08…, 62…, +62…); pengguna harus pernah menyapa bot dulu.",
    );
  });

  it("PBB asks the tax year in plain years, and the bill is for the year typed, stated once", async () => {
    await pickProduct(h, "Pajak", "PBB");
    await h.send("329801092375999991");
    expect(h.lastText()).toBe("Ketik tahun pajak (2016–2026), contoh 2026.");
    await h.send("2030");
    expect(h.lastText()).toBe("Tahun tidak sesuai. Ketik 4 angka antara 2016 dan 2026, contoh 2026.");
    await h.send("2025");
    const summary = h.lastText();
    expect(summary).toMatch(/\nNOP \(nomor objek pajak\): 329801092375999991\n\nTahun pajak: 2025\nKelurahan: /);
    expect(summary.match(/Tahun pajak/g)).toHaveLength(1);
    expect(summary).not.toContain("2026");
    await h.tap("Bayar");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
    expect(h.lastText().match(/Tahun pajak/g)).toHaveLength(1);
  });
});

describe("customer numbers", () => {
  it("reads +62 / 62 / 0 phone numbers as the one number the biller knows", async () => {
    const forms = ["081234554320", "+62 812-3455-4320", "62 812 3455 4320"];
    const names: string[] = [];
    for (const form of forms) {
      await pickProduct(h, "Telepon & Internet", "HP Pascabayar");
      await h.send(form);
      expect(h.lastText()).toContain("No. HP: 081234554320");
      names.push(/Nama: (.+)/.exec(h.lastText())![1]!);
      await h.tap("Batal");
    }
    expect(new Set(names).size).toBe(1);
  });

  it("masks a SAMSAT owner's NIK but for its last 4 digits, and never shows 'code,nik'", async () => {
    await pickProduct(h, "Pajak", "SAMSAT");
    await h.send("9658548523568701");
    // (The prompt's own example is that NIK: what is checked is everything after it was typed.)
    const shownBefore = h.outputs.length;
    await h.send("0212502110170100");
    const summary = h.lastText();
    expect(summary).toContain("Kode bayar: 9658548523568701\nNIK: ************0100");
    await h.tap("Bayar");
    const receipt = h.lastText();
    expect(receipt).toContain("Kode bayar: 9658548523568701\nNIK: ************0100");
    await h.send("/riwayat");
    expect(h.lastText()).toMatch(/SAMSAT \(pajak kendaraan\) · 9658548523568701 · Rp/);
    await h.send("/user 42", ADMIN);
    expect(h.lastText(ADMIN.id)).toMatch(/SAMSAT \(pajak kendaraan\) 9658548523568701 · Rp/);
    for (const { text } of h.outputs.slice(shownBefore)) {
      expect(text).not.toContain("0212502110170100");
      expect(text).not.toContain("8701,");
    }
  });
});

describe("history", () => {
  it("a receipt opened again shows the balance right after that payment, labelled so, not today's", async () => {
    const first = await payPln(h, "530000000001");
    const afterFirst = 1_000_000 - txOf(first).price;
    clock.advance(60_000);
    const second = await payPln(h, "530000000105");
    await h.send(`/topup ${SARI.id} 100rb`, ADMIN);
    await h.send("/riwayat");
    await h.tap("Struk 2");
    expect(h.lastText()).toContain(`No. referensi: ${first}`);
    expect(h.lastText()).toContain(`Saldo setelah transaksi ini: ${rupiah(afterFirst)}`);
    expect(h.lastText()).not.toContain("Sisa saldo");
    await h.tap("Struk 1");
    expect(h.lastText()).toContain(`Saldo setelah transaksi ini: ${rupiah(afterFirst - txOf(second).price)}`);
  });
});

describe("words for what is happening", () => {
  it("an e-money top-up that cannot go through speaks of the number, not of a bill", async () => {
    await pickProduct(h, "E-Money", "E-Money");
    await h.send("082100000002");
    await h.send("50000");
    expect(h.lastText()).toBe("❌ Nomor ini belum bisa diisi ulang. Periksa lagi nomornya, lalu coba lagi dengan /bayar.");
  });

  it("warns before the same bill is paid again within days, and asks again", async () => {
    await payPln(h, "530000000001");
    clock.advance(3_600_000);
    const again = await quotePln(h, "530000000001");
    expect(h.lastText()).toContain(
      `Saldo kamu: Rp ${h.balance().toLocaleString("de-DE")}\n⚠️ Tagihan yang sama sudah dibayar lewat bot ini pada 23 November 2026 10:00 WIB.\nYakin mau membayarnya lagi?`,
    );
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["✅ Bayar lagi", "✖️ Batal"]);
    await h.tap("Batal");
    expect(txOf(again).state).toBe("cancelled");
    // Another customer's bill is not the same bill.
    await quotePln(h, "530000000105");
    expect(h.lastText()).not.toContain("sudah dibayar");
    expect(h.lastText()).toContain("Lanjut bayar?");
  });

  it("/saldo tells what a payment in progress holds", async () => {
    const pending = await payPln(h, "630000000001");
    expect(txOf(pending).state).toBe("pending");
    await h.send("/saldo");
    expect(h.lastText()).toBe(
      [
        `Saldo kamu: ${rupiah(h.balance())}`,
        `Ditahan untuk pembayaran yang sedang diproses: ${rupiah(txOf(pending).price)} (belum termasuk saldo di atas).`,
        "Untuk isi saldo, ketik /deposit.",
      ].join("\n"),
    );
  });

  it("asks with lower-case field names mid-sentence, and names a Non-Taglis number a registration number", async () => {
    await pickProduct(h, "Air PDAM", "PDAM");
    // The question takes the place of the menu, under the product picked.
    expect(h.lastText()).toBe("Produk: PDAM\nKetik nomor pelanggan PDAM 5-20 digit, contoh 1013226.\n(Ketik /batal untuk membatalkan.)");
    await h.send("/batal");
    await quoteBill(h, "Listrik PLN", "PLN Non-Taglis", "3225030005921");
    expect(h.lastText()).toContain("No. registrasi: 3225030005921");
    expect(h.lastText()).not.toContain("No. pelanggan");
  });

  it("in English: English commands, 'Total paid' and the biller reference on a receipt", async () => {
    await h.send("/language");
    await h.tap("English");
    await pickProduct(h, "PLN electricity", "PLN Postpaid");
    expect(h.lastText()).toBe("Product: PLN Postpaid\nType the 11-12 digit PLN customer ID, e.g. 530000000001.\n(Type /cancel to cancel.)");
    await h.send("530000000001");
    expect(h.lastText()).toContain("Total to pay: Rp");
    await h.tap("Pay");
    const receipt = h.lastText();
    expect(receipt).toMatch(/Total paid: Rp [\d.]+/);
    expect(receipt).toMatch(/Biller reference: SBX\d+/);
    expect(receipt).not.toContain("SN/Token");
    await h.send("/help");
    expect(h.lastText()).toContain("/cancel – cancel what is in progress");
    expect(h.lastText()).not.toMatch(/\/(batal|bayar|bantuan|riwayat)\b/);
  });

  it("says so when a favourite's name is too long, and keeps it without a trailing space", async () => {
    await payBill(h, "Air PDAM", "PDAM", "1013226");
    await h.tap("Simpan nomor ini");
    await h.send("Kontrakan Pak RT nomor dua 12 sebelah masjid");
    expect(h.lastText()).toBe('⭐ Nama terlalu panjang (maks. 30 huruf), jadi disimpan sebagai "Kontrakan Pak RT nomor dua 12". Lihat semua dengan /favorit.');
    await h.send("/favorit");
    expect(h.lastText()).toContain("1. Kontrakan Pak RT nomor dua 12 – PDAM 1013226");
  });

  it("a typed number presses the keyboard still open, whatever was typed in between; news of its own closes it", async () => {
    await payBill(h, "Air PDAM", "PDAM", "1013226");
    expect(h.lastKeyboard()?.buttons.map((b) => b.text)).toEqual(["⭐ Simpan nomor ini"]);
    // /saldo's answer shows the receipt's choice again (see test/whatsapp/numbered-menus.test.ts): "1" saves.
    await h.send("/saldo");
    await h.send("1");
    expect(h.lastText()).toContain("Beri nama singkat untuk nomor ini");
    await h.send("/batal");
    // A bot message nobody asked for (an admin's top-up) is a new message on screen: "1" is just text.
    await payBill(h, "Air PDAM", "PDAM", "1013226");
    await h.send("/topup @sari 10rb", ADMIN);
    await h.send("1");
    expect(h.emulator.activeButtons(SARI.id)).toEqual([]);
    expect(h.lastText()).toBe("Maaf, saya belum mengerti. Ketik /start untuk melihat menu.");
  });

  it("the sandbox's deposit goes down with each payment", async () => {
    await h.send("/saldoprovider", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("🏦 Saldo deposit di sandbox: Rp 10.000.000");
    const paid = await payPln(h, "530000000001");
    await payPln(h, "530000000006"); // fails: the biller keeps nothing
    await h.send("/saldoprovider", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(`🏦 Saldo deposit di sandbox: ${rupiah(10_000_000 - txOf(paid).cost)}`);
  });

  it("after a restart at a typed-answer step, the question itself is asked again: product and what to type", async () => {
    await pickProduct(h, "Air PDAM", "PDAM");
    h = await bot.start();
    expect(resumeText(h.app.deps, SARI.id)).toBe(
      "Melanjutkan proses yang belum selesai (ketik /batal untuk membatalkan):\nProduk: PDAM\nKetik nomor pelanggan PDAM 5-20 digit, contoh 1013226.\n(Ketik /batal untuk membatalkan.)",
    );
    // Answered, or the flow left: no question is waiting any more.
    await h.send("1013226");
    expect(resumeText(h.app.deps, SARI.id)).toBe("Melanjutkan proses yang belum selesai: ketik jawabanmu, atau /batal untuk membatalkan.");
    await pickProduct(h, "Air PDAM", "PDAM");
    await h.send("/batal");
    expect(resumeText(h.app.deps, SARI.id)).toBe("Melanjutkan proses yang belum selesai: ketik jawabanmu, atau /batal untuk membatalkan.");
  });
});
