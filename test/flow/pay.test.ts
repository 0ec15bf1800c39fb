import { beforeEach, describe, expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { pickProduct, quoteBill, quotePln, topUpSari } from "../support/pay.js";

const bot = botPerTest();
let h: Harness;

beforeEach(async () => {
  h = await bot.start();
  await topUpSari(h, "1jt");
});

const txOf = (id: string) => h.app.deps.payments.txs.get(id)!;
const ledger = () => h.app.deps.wallet.entries(SARI.id);

describe("pay a bill through the real bot", () => {
  it("pays a PLN bill: summary in Indonesian, receipt, balance and ledger", async () => {
    const txId = await quotePln(h, "530000000001");
    const summary = h.lastText();
    expect(summary).toContain("🧾 Tagihan PLN Pascabayar");
    expect(summary).toMatch(/No\. pelanggan: 530000000001/);
    expect(summary).toMatch(/Periode (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/);
    expect(summary).toMatch(/Total bayar: Rp \d{1,3}(\.\d{3})+/);
    expect(summary).toContain("Saldo kamu: Rp 1.000.000");
    const price = txOf(txId).price;

    await h.tap("Bayar");
    const receipt = h.lastText();
    expect(receipt).toContain("✅ Pembayaran berhasil");
    expect(receipt).toContain(`No. referensi: ${txId}`);
    // A bill's serial is the biller's reference, not a token.
    expect(receipt).toMatch(/No\. ref biller: SBX\d+/);
    expect(receipt).toContain("Total dibayar: Rp");
    expect(receipt).toContain(`Sisa saldo: Rp ${(1_000_000 - price).toLocaleString("de-DE")}`);
    expect(h.balance()).toBe(1_000_000 - price);
    expect(txOf(txId).state).toBe("success");
    expect(ledger().map((e) => [e.kind, e.amount])).toEqual([
      ["charge", -price],
      ["topup", 1_000_000],
    ]);
    // The summary's keyboard was removed so it cannot be pressed again; only the offer to save
    // the number is left.
    expect(h.emulator.activeButtons(SARI.id).map((b) => b.data)).toEqual([`fav:save:${txId}`]);
  });

  it("explains a wrong number with the expected format and asks again", async () => {
    await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
    await h.send("12ab");
    expect(h.lastText()).toContain('Nomor "12ab" tidak sesuai');
    expect(h.lastText()).toContain("ID pelanggan PLN 11-12 digit");
    await h.send("5300 0000 0001");
    expect(h.lastText()).toContain("No. pelanggan: 530000000001");
  });

  it("offers BPJS Kesehatan and PDAM too", async () => {
    await pickProduct(h, "BPJS", "BPJS Kesehatan");
    await h.send("8801234560001");
    expect(h.lastText()).toContain("🧾 Tagihan BPJS Kesehatan");
    await pickProduct(h, "Air PDAM", "PDAM");
    await h.send("1013226");
    expect(h.lastText()).toContain("🧾 Tagihan PDAM");
  });

  it("an older menu stays usable while a flow waits: its pages turn without ending the flow, a product there starts a new one", async () => {
    await h.send("/bayar");
    const older = h.lastKeyboard()!.messageId;
    await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
    const press = (data: string) => h.app.bot.handleUpdate(h.emulator.press(SARI, older, data));
    await press("cat:air");
    expect(h.lastText()).toContain("Air PDAM");
    await h.send("530000000001");
    expect(h.lastText()).toContain("🧾 Tagihan PLN Pascabayar");
    await press("prod:pdam");
    expect(h.lastText()).toContain("Produk: PDAM");
    await h.send("1013226");
    expect(h.lastText()).toContain("🧾 Tagihan PDAM");
    // A product the catalog no longer has (a button from before an upgrade) says the menu expired.
    await press("prod:gone-product");
    expect(h.outputs.at(-1)).toMatchObject({ kind: "edit", text: "Menu ini sudah kedaluwarsa. Ketik /start untuk mulai lagi." });
    expect(h.balance()).toBe(1_000_000);
  });

  it("the product list is only a message: /batal there finds nothing in progress, its Batal button closes it, nothing moves", async () => {
    await h.send("/bayar");
    await h.tap("Listrik PLN");
    await h.send("/batal");
    expect(h.lastText()).toBe("Tidak ada proses yang sedang berjalan.");
    // Text there is not an answer to anything: the general fallback.
    await h.send("pln");
    expect(h.lastText()).toBe("Maaf, saya belum mengerti. Ketik /start untuk melihat menu.");
    await h.tap("Batal");
    expect(h.outputs.at(-1)).toMatchObject({ kind: "edit", text: "Pembayaran dibatalkan. Saldo kamu tidak berubah.", buttons: [] });
    expect(h.balance()).toBe(1_000_000);
    expect(h.app.deps.db.prepare("SELECT COUNT(*) AS n FROM conversations").get()).toEqual({ n: 0 });
  });

  it.each([
    [
      "while typing the number",
      async () => {
        await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
      },
    ],
    [
      "at the summary",
      async () => {
        await quotePln(h, "530000000001");
      },
    ],
  ])("/batal cancels %s and nothing moves", async (_, reach) => {
    await reach();
    await h.send("/batal");
    expect(h.lastText()).toBe("Dibatalkan. Saldo kamu tidak berubah.");
    expect(h.balance()).toBe(1_000_000);
    // The flow is gone: a number now is not taken as a customer number.
    await h.send("530000000001");
    expect(h.lastText()).toContain("Ketik /start");
  });

  it("the Batal button at the summary cancels the quote", async () => {
    const txId = await quotePln(h, "530000000001");
    await h.tap("Batal");
    expect(h.lastText()).toBe("Pembayaran dibatalkan. Saldo kamu tidak berubah.");
    expect(txOf(txId).state).toBe("cancelled");
    expect(h.balance()).toBe(1_000_000);
  });

  it("offers a top-up and Batal, not Bayar, when the balance is short, and changes nothing", async () => {
    await h.send(`/topup ${SARI.id} 1000`, ADMIN); // balance 1.001.000; spend it first
    await h.app.deps.wallet.post({ userId: SARI.id, amount: -1_000_000, kind: "deduct", actorId: ADMIN.id });
    await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
    await h.send("530000000001");
    const summary = h.lastText();
    expect(summary).toContain("Saldo kamu: Rp 1.000");
    expect(summary).toMatch(/⚠️ Saldo kurang Rp [\d.]+\. Tekan "Isi saldo" untuk cara isi saldo \(\/deposit\), atau Batal\./);
    expect(summary).not.toContain("Lanjut bayar?");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["💳 Isi saldo", "✖️ Batal"]);
    const txId = /topup:(\S+)/.exec(h.lastKeyboard()!.buttons[0]!.data)![1]!;

    await h.tap("Isi saldo");
    // The same screen as /deposit, with the button that tells the admins.
    expect(h.lastText()).toContain("💳 Cara isi saldo:");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["📨 Saya sudah transfer"]);
    expect(h.balance()).toBe(1_000);
    expect(txOf(txId).state).toBe("cancelled");
  });

  it("says /deposit, like the summary, when the balance ran short between the summary and Bayar", async () => {
    const txId = await quotePln(h, "530000000001");
    await h.app.deps.wallet.post({ userId: SARI.id, amount: -999_000, kind: "deduct", actorId: ADMIN.id });
    await h.tap("Bayar");
    expect(h.lastText()).toBe(
      `Saldo kamu tidak cukup: saldo Rp 1.000, perlu Rp ${txOf(txId).price.toLocaleString("de-DE")}.\nIsi saldo dulu lewat /deposit, lalu bayar lagi.`,
    );
    expect(h.balance()).toBe(1_000);
    expect(txOf(txId).state).toBe("quoted");
  });

  it("reports an inquiry the biller refuses, without creating a payment", async () => {
    await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
    await h.send("530000000003");
    expect(h.lastText()).toBe("ℹ️ Belum ada tagihan untuk nomor ini. Coba lagi setelah tagihan terbit.");
    expect(h.app.deps.payments.txs.byUser(SARI.id, 10)).toEqual([]);
    expect(h.balance()).toBe(1_000_000);
  });

  it("refunds a payment the biller confirms failed, with a ledger row", async () => {
    const txId = await quotePln(h, "530000000006");
    const price = txOf(txId).price;
    await h.tap("Bayar");
    expect(h.lastText()).toContain("❌ Pembayaran gagal");
    expect(h.lastText()).toContain("sudah dikembalikan ke saldo kamu. Saldo sekarang: Rp 1.000.000");
    expect(txOf(txId).state).toBe("failed");
    expect(h.balance()).toBe(1_000_000);
    expect(ledger().map((e) => [e.kind, e.amount, e.txId])).toEqual([
      ["refund", price, txId],
      ["charge", -price, txId],
      ["topup", 1_000_000, null],
    ]);
  });

  it("pays once when Bayar is pressed twice", async () => {
    const txId = await quotePln(h, "530000000001");
    const summaryId = h.lastKeyboard()!.messageId;
    await h.app.bot.handleUpdate(h.emulator.press(SARI, summaryId, `pay:${txId}`));
    await h.app.bot.handleUpdate(h.emulator.press(SARI, summaryId, `pay:${txId}`));
    await h.app.worker.idle();
    expect(ledger().filter((e) => e.kind === "charge")).toHaveLength(1);
    expect(h.balance()).toBe(1_000_000 - txOf(txId).price);
    expect(h.texts().filter((t) => t.includes("✅ Pembayaran berhasil"))).toHaveLength(1);
    // And a confirmation replayed straight at the payment layer is refused too.
    expect(h.app.deps.payments.confirm(txId, SARI.id)).toEqual({ kind: "not-open", state: "success" });
  });

  it("keeps the money held while a payment is pending, then settles it on a status check", async () => {
    const txId = await quotePln(h, "630000000001");
    const price = txOf(txId).price;
    await h.tap("Bayar");
    expect(h.lastText()).toContain("⏳ Pembayaran sedang diproses");
    expect(txOf(txId).state).toBe("pending");
    expect(h.balance()).toBe(1_000_000 - price);
    await h.app.worker.checkNow(txId);
    expect(txOf(txId).state).toBe("success");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  });

  it("two pending payments that settle one after the other: each receipt shows the balance now, as /saldo does", async () => {
    const pln = await quotePln(h, "630000000001");
    await h.tap("Bayar");
    const pdam = await quoteBill(h, "Air PDAM", "PDAM", "2013226");
    await h.tap("Bayar");
    expect([txOf(pln).state, txOf(pdam).state]).toEqual(["pending", "pending"]);
    const left = 1_000_000 - txOf(pln).price - txOf(pdam).price;
    const rupiah = `Rp ${left.toLocaleString("de-DE")}`;
    await h.app.worker.checkNow(pln);
    await h.app.worker.checkNow(pdam);
    const receipts = h.texts().filter((t) => t.includes("✅ Pembayaran berhasil"));
    expect(receipts).toHaveLength(2);
    // Not the balance right after each one's own charge (the PLN one would read Rp 1.000.000 - its price).
    for (const receipt of receipts) expect(receipt).toContain(`Sisa saldo: ${rupiah}`);
    await h.send("/saldo");
    expect(h.lastText()).toContain(`Saldo kamu: ${rupiah}`);
  });

  it("answers a button from a finished flow with 'menu expired' and removes it", async () => {
    const txId = await quotePln(h, "530000000001");
    const summaryId = h.lastKeyboard()!.messageId;
    await h.send("/batal");
    await h.app.bot.handleUpdate(h.emulator.press(SARI, summaryId, `pay:${txId}`));
    const notice = h.outputs.at(-1)!;
    expect(notice).toMatchObject({ kind: "notice", text: "Menu ini sudah kedaluwarsa. Ketik /start untuk mulai lagi." });
    expect(h.balance()).toBe(1_000_000);
    expect(h.emulator.calls.at(-1)).toMatchObject({ method: "editMessageReplyMarkup", payload: { message_id: summaryId } });
  });

  it("stays out of group chats, where one member could press another's Bayar", async () => {
    const before = h.emulator.calls.length;
    const group = { id: -100123, type: "group" as const, title: "Keluarga" };
    await h.app.bot.handleUpdate({
      update_id: 9_000,
      message: {
        message_id: 1,
        date: 0,
        chat: group,
        from: { id: SARI.id, is_bot: false, first_name: "Sari" },
        text: "/bayar",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
    expect(h.emulator.calls.slice(before)).toEqual([]);
    expect(h.app.deps.payments.txs.byUser(SARI.id, 10)).toEqual([]);
  });

  it("refuses /topup from a non-admin", async () => {
    await h.send(`/topup ${SARI.id} 500000`);
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
    expect(h.balance()).toBe(1_000_000);
  });

  it("tells the admin how /topup is written when the amount is not one", async () => {
    await h.send(`/topup ${SARI.id} lima`, ADMIN);
    expect(h.lastText(ADMIN.id)).toContain('Jumlah "lima" tidak sesuai');
    await h.send("/topup", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Format: /topup <id pengguna> <jumlah>");
    await h.send("/topup @nobody 5000", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Pengguna @nobody tidak ditemukan");
    await h.send("/topup @sari 5rb", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 5.000. Saldo sekarang: Rp 1.005.000");
    expect(h.lastText(SARI.id)).toBe("💰 Saldo kamu bertambah Rp 5.000. Saldo sekarang: Rp 1.005.000");
  });

  it("shows the balance with /saldo, also in the middle of a flow", async () => {
    await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
    await h.send("/saldo");
    expect(h.lastText()).toContain("Saldo kamu: Rp 1.000.000");
    await h.send("530000000001");
    expect(h.lastText()).toContain("🧾 Tagihan PLN Pascabayar");
  });
});

describe("restart", () => {
  it("continues a conversation after the process restarts on the same SQLite file", async () => {
    await pickProduct(h, "Listrik PLN", "PLN Pascabayar");

    h = await bot.start();
    await h.send("530000000001");
    expect(h.lastText()).toContain("🧾 Tagihan PLN Pascabayar");
    await h.tap("Bayar");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  });
});
