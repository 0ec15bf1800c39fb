import { beforeEach, describe, expect, it } from "vitest";
import { formatRupiah } from "../../src/billing/format.js";
import { ADMIN, SARI } from "../support/harness.js";
import { adminBotPerTest, auditRows, T0, WATI } from "./helpers.js";

const bot = adminBotPerTest();
beforeEach(async () => {
  await bot.start();
});

const ledger = () => bot.h.app.deps.wallet.entries(SARI.id).reverse();

describe("/topup", () => {
  it("credits every accepted amount form, keeps the note in the ledger, and tells the user and the other admins", async () => {
    const { h, clock } = bot;
    for (const amount of ["50000", "50.000", "50rb", "1jt", "Rp 25.000", "20 ribu"]) {
      await h.send(`/topup @sari ${amount}`, ADMIN);
      // Past the window in which the same amount again asks for a confirmation.
      clock.advance(11 * 60_000);
    }
    // A note that starts with a number stays a note: 5000, not 50002.
    await h.send("/topup @sari 5000 2 bulan", ADMIN);
    await h.send("/topup 42 10rb transfer BCA", ADMIN);
    expect(ledger().map((e) => [e.kind, e.amount, e.actorId, e.note])).toEqual([
      ["topup", 50_000, ADMIN.id, null],
      ["topup", 50_000, ADMIN.id, null],
      ["topup", 50_000, ADMIN.id, null],
      ["topup", 1_000_000, ADMIN.id, null],
      ["topup", 25_000, ADMIN.id, null],
      ["topup", 20_000, ADMIN.id, null],
      ["topup", 5_000, ADMIN.id, "2 bulan"],
      ["topup", 10_000, ADMIN.id, "transfer BCA"],
    ]);
    expect(h.balance()).toBe(1_210_000);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 10.000. Saldo sekarang: Rp 1.210.000");
    expect(h.lastText(SARI.id)).toBe("💰 Saldo kamu bertambah Rp 10.000. Saldo sekarang: Rp 1.210.000");
    // The other admin hears of every top-up; the admin who did it only gets their reply.
    expect(h.lastText(WATI.id)).toBe("💰 @boss menambah saldo @sari sebesar Rp 10.000. Saldo sekarang: Rp 1.210.000");
    expect(h.texts(WATI.id).filter((t) => t.includes("menambah saldo"))).toHaveLength(8);
    expect(h.texts(ADMIN.id).filter((t) => t.includes("menambah saldo"))).toEqual([]);
  });

  it("refuses an amount that is not one, listing the accepted forms, and moves nothing", async () => {
    const { h } = bot;
    for (const bad of ["lima", "50.5", "0", "-5000", "1,2,3jt"]) {
      await h.send(`/topup @sari ${bad}`, ADMIN);
      expect(h.lastText(ADMIN.id)).toBe(`Jumlah "${bad}" tidak sesuai. Bentuk yang diterima: 50000, 50.000, 50rb, 1jt`);
    }
    await h.send("/topup", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Format: /topup <id pengguna> <jumlah> [catatan]");
    await h.send("/topup @sari", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Format: /topup");
    expect(h.balance()).toBe(0);
    expect(auditRows(h).map((r) => [r.action, r.allowed, r.detail.outcome])).toEqual([
      ...Array(5).fill(["topup", true, "bad-amount"]),
      ["topup", true, "usage"],
      ["topup", true, "usage"],
    ]);
  });

  it("refuses an unknown user and a non-admin, and logs both", async () => {
    const { h } = bot;
    await h.send("/topup @nobody 5000", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Pengguna @nobody tidak ditemukan.");
    await h.send("/topup 999 5000", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Pengguna 999 tidak ditemukan.");
    await h.send(`/topup ${SARI.id} 500000`);
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
    expect(h.balance()).toBe(0);
    expect(auditRows(h).map((r) => [r.actorId, r.action, r.allowed, r.detail])).toEqual([
      [ADMIN.id, "topup", true, { input: "/topup @nobody 5000", outcome: "unknown-user" }],
      [ADMIN.id, "topup", true, { input: "/topup 999 5000", outcome: "unknown-user" }],
      [SARI.id, "topup", false, { input: "/topup 42 500000", outcome: "not-admin" }],
    ]);
  });
  it("takes a phone number written with spaces, as the README shows: /topup +62 812 3456 7890 10rb", async () => {
    const { h } = bot;
    h.app.deps.db.prepare("UPDATE users SET phone = ? WHERE id = ?").run("081234567890", SARI.id);
    await h.send("/topup +62 812 3456 7890 10rb", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 10.000. Saldo sekarang: Rp 10.000");
    await h.send("/topup 0812 3456 7890 5rb arisan Mei", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari ditambah Rp 5.000. Saldo sekarang: Rp 15.000");
    expect(ledger().map((e) => [e.amount, e.note])).toEqual([
      [10_000, null],
      [5_000, "arisan Mei"],
    ]);
    // A number nobody has is still refused by its first word, and nothing moves.
    await h.send("/topup +62 899 0000 0000 10rb", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Pengguna +62 tidak ditemukan.");
    expect(h.balance()).toBe(15_000);
  });
});

describe("/potong", () => {
  it("deducts with a ledger row and the note, tells the user, and refuses to go below zero", async () => {
    const { h } = bot;
    await h.send("/topup @sari 100rb", ADMIN);
    await h.send("/potong @sari 30rb salah transfer", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari dipotong Rp 30.000. Saldo sekarang: Rp 70.000");
    expect(h.lastText(SARI.id)).toBe("Saldo kamu dikurangi Rp 30.000 oleh admin. Saldo sekarang: Rp 70.000\nCatatan: salah transfer");
    expect(ledger().at(-1)).toMatchObject({ kind: "deduct", amount: -30_000, actorId: ADMIN.id, note: "salah transfer", balanceAfter: 70_000 });

    await h.send("/potong @sari 70.001", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari hanya Rp 70.000, tidak bisa dipotong Rp 70.001. Saldo tidak boleh minus; tidak ada yang diubah.");
    expect(h.balance()).toBe(70_000);
    await h.send("/potong @sari 70rb", ADMIN);
    expect(h.balance()).toBe(0);

    await h.send("/potong @sari", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Format: /potong <pengguna> <jumlah> [catatan]");
    await h.send("/potong @sari sepuluh", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Bentuk yang diterima: 50000, 50.000, 50rb, 1jt");
    await h.send("/potong @sari 5000");
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
    expect(
      auditRows(h)
        .filter((r) => r.action === "potong")
        .map((r) => [r.allowed, r.detail.outcome, r.detail.amount ?? null]),
    ).toEqual([
      [true, "done", 30_000],
      [true, "insufficient", 70_001],
      [true, "done", 70_000],
      [true, "usage", null],
      [true, "bad-amount", null],
      [false, "not-admin", null],
    ]);
  });
  it("refuses a note too long for the user's notice, saying the limit, and moves nothing", async () => {
    const { h } = bot;
    await h.send("/topup @sari 50rb", ADMIN);
    await h.send(`/potong @sari 10rb ${"x".repeat(4000)}`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Catatan terlalu panjang (4.000 huruf); maksimal 200 huruf. Tidak ada yang diubah.");
    expect(h.balance()).toBe(50_000);
    expect(auditRows(h).at(-1)).toMatchObject({ action: "potong", detail: { outcome: "note-too-long" } });
    await h.send(`/potong @sari 10rb ${"x".repeat(200)}`, ADMIN);
    expect(h.lastText(SARI.id)).toBe(`Saldo kamu dikurangi Rp 10.000 oleh admin. Saldo sekarang: Rp 40.000\nCatatan: ${"x".repeat(200)}`);
  });
});

describe("/saldo <user> and naming users", () => {
  it("shows an admin anyone's balance; plain /saldo is still your own; a non-admin cannot look", async () => {
    const { h } = bot;
    await h.send("/topup @sari 75rb", ADMIN);
    await h.send("/saldo @sari", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo @sari (Sari): Rp 75.000");
    await h.send("/saldo", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Saldo kamu: Rp 0");
    await h.send("/saldo", SARI);
    expect(h.lastText()).toContain("Saldo kamu: Rp 75.000");
    await h.send("/saldo @boss", SARI);
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
    expect(auditRows(h).slice(-1)[0]).toMatchObject({ actorId: SARI.id, action: "saldo", allowed: false });
  });

  it("finds a user by id, @username in any case, and phone number as 08…, 62… or +62…", async () => {
    const { h } = bot;
    h.app.deps.db.prepare("UPDATE users SET phone = ? WHERE id = ?").run("6281234567890", SARI.id);
    // A user whose id is what "0812" would read as a number: a leading 0 is never an id.
    await h.send("/start", { id: 812, firstName: "Eko" });
    for (const ref of ["42", "@sari", "SARI", "@Sari", "081234567890", "6281234567890", "+6281234567890", "+62 812-3456-7890", "0812.3456.7890"]) {
      await h.send(`/saldo ${ref}`, ADMIN);
      expect(h.lastText(ADMIN.id), ref).toBe(`Saldo @sari (Sari): ${formatRupiah(0)}`);
    }
    for (const ref of ["0812", "081299999999", "+1 555 1234", "@no"]) {
      await h.send(`/saldo ${ref}`, ADMIN);
      expect(h.lastText(ADMIN.id), ref).toContain(`Pengguna ${ref} tidak ditemukan.`);
    }
    await h.send("/saldo 812", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Saldo 812 (Eko): Rp 0");
  });
});

describe("the audit log", () => {
  it("records who did what to whom and when, with the outcome and amounts", async () => {
    const { h, clock } = bot;
    await h.send("/topup @sari 50rb transfer BCA", ADMIN);
    clock.advance(60_000);
    await h.send("/potong 42 20rb koreksi", WATI);
    expect(auditRows(h)).toEqual([
      {
        actorId: ADMIN.id,
        action: "topup",
        allowed: true,
        targetUserId: SARI.id,
        txId: null,
        detail: { input: "/topup @sari 50rb transfer BCA", outcome: "done", amount: 50_000, balance: 50_000, note: "transfer BCA" },
        createdAt: T0,
      },
      {
        actorId: WATI.id,
        action: "potong",
        allowed: true,
        targetUserId: SARI.id,
        txId: null,
        detail: { input: "/potong 42 20rb koreksi", outcome: "done", amount: 20_000, balance: 30_000, note: "koreksi" },
        createdAt: T0 + 60_000,
      },
    ]);
  });
});

describe("a balance command handled twice", () => {
  const DUPLICATE = "Perintah ini sudah dijalankan; saldo @sari tidak diubah lagi. Saldo sekarang:";

  it("/topup redelivered (twice in a row, or again after a crash and restart) credits once and says it was done already", async () => {
    const { h } = bot;
    const update = h.emulator.text(ADMIN, "/topup @sari 50rb transfer BCA");
    await h.app.bot.handleUpdate(update);
    await h.app.bot.handleUpdate(update);
    expect(h.lastText(ADMIN.id)).toBe(`${DUPLICATE} Rp 50.000`);
    expect(ledger().map((e) => [e.kind, e.amount, e.note])).toEqual([["topup", 50_000, "transfer BCA"]]);
    // Sari and the other admin hear of it once.
    expect(h.texts(SARI.id).filter((t) => t.includes("bertambah"))).toHaveLength(1);
    expect(h.texts(WATI.id).filter((t) => t.includes("menambah saldo"))).toHaveLength(1);
    expect(auditRows(h).map((r) => [r.action, r.targetUserId, r.detail.outcome, r.detail.amount])).toEqual([
      ["topup", SARI.id, "done", 50_000],
      ["topup", SARI.id, "duplicate", 50_000],
    ]);

    // The polling offset was not acknowledged before a crash: the restarted bot gets the update again.
    await bot.start();
    await bot.h.app.bot.handleUpdate(update);
    expect(bot.h.lastText(ADMIN.id)).toBe(`${DUPLICATE} Rp 50.000`);
    expect(bot.h.balance()).toBe(50_000);
    // The database refuses a second row for one command whatever the code does.
    const insert = bot.h.app.deps.db.prepare(
      "INSERT INTO ledger (user_id, amount, kind, balance_after, created_at, request_key) VALUES (?, 1, 'correction', 50001, 0, ?)",
    );
    expect(() => insert.run(SARI.id, `${ADMIN.id}:${update.message!.message_id}`)).toThrow(/UNIQUE/);
  });

  it("/potong handled twice deducts once; a new message with the same text asks first, then deducts again", async () => {
    const { h } = bot;
    await h.send("/topup @sari 100rb", ADMIN);
    const update = h.emulator.text(ADMIN, "/potong @sari 30rb");
    await h.app.bot.handleUpdate(update);
    await h.app.bot.handleUpdate(update);
    expect(h.lastText(ADMIN.id)).toBe(`${DUPLICATE} Rp 70.000`);
    expect(h.texts(SARI.id).filter((t) => t.includes("dikurangi"))).toHaveLength(1);
    await h.send("/potong @sari 30rb", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Kamu sudah memotong saldo @sari sebesar Rp 30.000");
    await h.tap("Ya, potong Rp 30.000 lagi", ADMIN);
    expect(ledger().map((e) => e.amount)).toEqual([100_000, -30_000, -30_000]);
    expect(auditRows(h).map((r) => [r.action, r.detail.outcome])).toEqual([
      ["topup", "done"],
      ["potong", "done"],
      ["potong", "duplicate"],
      ["potong", "repeat-asked"],
      ["repeat", "done"],
    ]);
  });

  it("a balance change and its audit row are one SQLite transaction: without the audit row nothing moves", async () => {
    const { h } = bot;
    await h.send("/topup @sari 100rb", ADMIN);
    h.app.deps.db.exec("CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END");
    await h.send("/topup @sari 50rb", ADMIN);
    await h.send("/potong @sari 30rb", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Maaf, terjadi kesalahan. Saldo kamu aman. Silakan coba lagi sebentar lagi.");
    h.app.deps.db.exec("DROP TRIGGER audit_down");
    expect(h.balance()).toBe(100_000);
    expect(ledger().map((e) => e.amount)).toEqual([100_000]);
    expect(auditRows(h).map((r) => r.action)).toEqual(["topup"]);
  });
});
