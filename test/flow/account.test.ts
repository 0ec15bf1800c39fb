import { beforeEach, describe, expect, it } from "vitest";
import { publishCommands } from "../../src/bot/commands.js";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { payBill, payPln, pickProduct, topUpSari } from "../support/pay.js";

const bot = botPerTest();
let h: Harness;

beforeEach(async () => {
  h = await bot.start();
  await topUpSari(h, "5jt");
});

describe("history", () => {
  it("lists payments newest first, 5 a page, with their state, and sends a receipt again", async () => {
    await h.send("/riwayat");
    expect(h.lastText()).toContain("Belum ada transaksi");
    for (let i = 0; i < 6; i++) await payPln(h, `53000000010${i}`);
    await payPln(h, "530000000006"); // fails and is refunded
    await h.send("/riwayat");
    const first = h.lastText();
    expect(first).toContain("🧾 Riwayat transaksi (halaman 1/2)");
    expect(first).toMatch(/1\. ❌ Gagal, dana dikembalikan · .*\n\s+PLN Pascabayar · 530000000006 · Rp /);
    expect(first).toMatch(/2\. ✅ Berhasil · .*\n\s+PLN Pascabayar · 530000000105/);
    expect(first.match(/^\d\. /gm)).toHaveLength(5);
    await h.tap("Berikutnya");
    const second = h.lastText();
    expect(second).toContain("(halaman 2/2)");
    // Numbered on from page 1: the first entry of page 2 is the sixth.
    expect(second).toMatch(/6\. ✅ Berhasil · .*\n\s+PLN Pascabayar · 530000000101/);
    expect(second).toMatch(/7\. ✅ Berhasil · .*\n\s+PLN Pascabayar · 530000000100/);
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["Struk 6", "Struk 7", "⬅️ Sebelumnya"]);
    await h.tap("Struk 6");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
    expect(h.lastText()).toContain("530000000101");
  });

  it("never shows another user's receipt", async () => {
    await payPln(h, "530000000001");
    const txId = h.app.deps.payments.txs.byUser(SARI.id, 1)[0]!.id;
    await h.send("/start", ADMIN);
    await h.app.bot.handleUpdate(h.emulator.press(ADMIN, 1, `rcpt:${txId}`));
    expect(h.lastText(ADMIN.id)).not.toContain("530000000001");
  });
});

describe("saved numbers", () => {
  it("offers to save after a payment, lists it, pays again from it and deletes it", async () => {
    await payBill(h, "Air PDAM", "PDAM", "1013226");
    await h.tap("Simpan nomor ini");
    expect(h.lastText()).toContain("Beri nama singkat");
    await h.send("Rumah Ibu");
    expect(h.lastText()).toBe('⭐ Tersimpan sebagai "Rumah Ibu". Lihat semua dengan /favorit.');

    await h.send("/favorit");
    expect(h.lastText()).toContain("1. Rumah Ibu – PDAM 1013226");
    await h.tap("Bayar lagi");
    // Straight to the bill: no product menu, no number asked.
    expect(h.lastText()).toContain("🧾 Tagihan PDAM");
    expect(h.lastText()).toContain("1013226");
    await h.tap("Bayar");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
    // Already saved: no second offer.
    expect(h.lastKeyboard()?.buttons.map((b) => b.data) ?? []).not.toContain(expect.stringMatching(/^fav:save/));

    await h.send("/favorit");
    await h.tap("Hapus nomor");
    expect(h.lastText()).toBe("Nomor mana yang mau dihapus?\n\n1. Rumah Ibu – PDAM 1013226");
    await h.tap("🗑 Rumah Ibu");
    // Asks first; Kembali keeps it.
    expect(h.lastText()).toBe('Hapus "Rumah Ibu" (PDAM 1013226) dari nomor tersimpan?');
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["🗑 Ya, hapus", "↩️ Kembali"]);
    await h.tap("Kembali");
    expect(h.lastText()).toContain("1. Rumah Ibu – PDAM 1013226");
    expect(h.app.deps.favorites.list(SARI.id)).toHaveLength(1);
    await h.tap("Hapus nomor");
    await h.tap("🗑 Rumah Ibu");
    await h.tap("Ya, hapus");
    expect(h.lastText()).toBe('🗑 "Rumah Ibu" dihapus.\n\nBelum ada nomor tersimpan. Setelah pembayaran berhasil, tekan "Simpan nomor ini".');
    expect(h.app.deps.favorites.list(SARI.id)).toEqual([]);
  });

  it("puts the last used products after the categories, so the categories keep their places", async () => {
    await h.send("/bayar");
    const before = h.lastKeyboard()!.buttons.map((b) => b.text);
    await h.tap("Batal");
    await payBill(h, "BPJS", "BPJS Kesehatan", "8801234560001");
    await h.send("/bayar");
    const after = h.lastKeyboard()!.buttons.map((b) => b.text);
    // The categories first, in the same places; the recent product just before Batal.
    expect(after).toEqual([...before.slice(0, -1), "🕘 BPJS Kesehatan", before.at(-1)]);
    await h.tap("🕘 BPJS Kesehatan");
    // A catalog phrase mid-sentence starts lower-case.
    expect(h.lastText()).toContain("Ketik nomor VA/peserta BPJS");
  });

  it("answers other features' buttons and commands in the middle of a flow, and the flow goes on", async () => {
    await h.send("/start");
    await h.send("/bayar");
    await h.tap("Listrik PLN");
    // The greeting's "Riwayat" button is not the flow's: it is passed on to the history feature.
    await h.tap("Riwayat");
    expect(h.lastText()).toContain("Belum ada transaksi");
    await h.send("/riwayat");
    expect(h.lastText()).toContain("Belum ada transaksi");
    // The flow is still waiting where it was.
    await h.tap("PLN Pascabayar");
    expect(h.lastText()).toContain("Ketik ID pelanggan PLN");
    await h.send("530000000001");
    expect(h.lastText()).toContain("🧾 Tagihan PLN Pascabayar");
  });
});

describe("product menu", () => {
  it("pages a long category and goes back to the categories", async () => {
    // Tokopedia's catalog has the longest categories; only the menu is exercised, no provider call.
    h = await bot.start({
      env: { PROVIDER: "tokopedia", TOKOPEDIA_CLIENT_ID: "x", TOKOPEDIA_CLIENT_SECRET: "y", TOKOPEDIA_PRIVATE_KEY_PATH: "package.json" },
    });
    await h.send("/bayar");
    await h.tap("Pajak");
    const page1 = h.lastKeyboard()!.buttons.map((b) => b.text);
    expect(page1).toContain("Berikutnya ➡️");
    await h.tap("Berikutnya");
    const page2 = h.lastKeyboard()!.buttons.map((b) => b.text);
    expect(page2).toContain("⬅️ Sebelumnya");
    expect(page2.some((t) => page1.includes(t) && /^(PBB|SAMSAT)/.test(t))).toBe(false);
    await h.tap("Kembali");
    expect(h.lastText()).toBe("Mau bayar tagihan apa? Pilih jenisnya:");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toContain("Pendidikan");
  });
});

describe("language", () => {
  it("switches to English, also in the middle of a flow, and keeps it after a restart", async () => {
    await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
    await h.send("/bahasa");
    await h.tap("English");
    expect(h.lastText()).toBe("Language set to English.");
    await h.send("12ab");
    expect(h.lastText()).toContain('"12ab" doesn\'t look right. Expected: 11-12 digit PLN customer ID');
    await h.send("530000000001");
    expect(h.lastText()).toContain("🧾 PLN Postpaid bill");
    expect(h.lastText()).toMatch(/Total to pay: Rp /);
    h = await bot.start();
    await h.send("/saldo");
    expect(h.lastText()).toContain("Your balance: Rp 5.000.000");
  });

  it("publishes the command menu per language, with admin commands only for admins", async () => {
    await publishCommands(h.app.bot.api, h.app.deps, [ADMIN.id]);
    const calls = h.emulator.calls.filter((c) => c.method === "setMyCommands").map((c) => c.payload);
    const names = (p: Record<string, unknown>) => (p.commands as { command: string }[]).map((c) => c.command);
    const descriptions = (p: Record<string, unknown>) => (p.commands as { description: string }[]).map((c) => c.description);
    expect(calls).toHaveLength(3);
    expect(calls[0]!.language_code).toBeUndefined();
    expect(descriptions(calls[0]!)).toContain("Bayar tagihan");
    expect(names(calls[0]!)).not.toContain("topup");
    expect(calls[1]!.language_code).toBe("en");
    expect(descriptions(calls[1]!)).toContain("Pay a bill");
    expect(calls[2]!.scope).toEqual({ type: "chat", chat_id: ADMIN.id });
    expect(names(calls[2]!)).toEqual(expect.arrayContaining(["topup", "laporan", "bayar"]));
  });
});
