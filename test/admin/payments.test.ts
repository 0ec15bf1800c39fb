import { describe, expect, it } from "vitest";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import type { BotOptions } from "../support/bot-per-test.js";
import { ADMIN, SARI } from "../support/harness.js";
import { payPln } from "../support/pay.js";
import { adminBotPerTest, auditRows, WATI } from "./helpers.js";

const bot = adminBotPerTest();

async function start(opts: BotOptions = {}) {
  await bot.start(opts);
  await bot.h.send("/topup @sari 1jt", ADMIN);
  return bot;
}

const txOf = (id: string) => bot.h.app.deps.payments.txs.get(id)!;

describe("/pending", () => {
  it("lists the payments in flight with their reference, state, age and user", async () => {
    const { h, clock } = await start();
    await h.send("/pending", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Tidak ada pembayaran yang sedang berjalan.");
    const done = await payPln(h, "530000000001");
    const first = await payPln(h, "630000000001");
    clock.advance(12 * 60_000);
    const second = await payPln(h, "630000000006");
    clock.advance(2 * 3_600_000 + 5 * 60_000);
    await h.send("/pending", ADMIN);
    const text = h.lastText(ADMIN.id);
    expect(text.split("\n")).toEqual([
      "⏳ Pembayaran yang masih berjalan: 2",
      expect.stringMatching(new RegExp(`^• 10 Maret 2026 10:00 WIB · ${first} · PLN Pascabayar 630000000001 · Rp [\\d.]+ · menunggu biller$`)),
      "   ⏱ 2 jam 17 mnt · @sari",
      expect.stringMatching(new RegExp(`^• 10 Maret 2026 10:12 WIB · ${second} · PLN Pascabayar 630000000006 · Rp [\\d.]+ · menunggu biller$`)),
      "   ⏱ 2 jam 5 mnt · @sari",
    ]);
    expect(text).not.toContain(done);
    await h.send("/pending");
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
  });
});

describe("/cek", () => {
  it("asks the provider now: a settled payment is reported and its user told", async () => {
    const { h } = await start();
    const ref = await payPln(h, "630000000001");
    expect(txOf(ref).state).toBe("pending");
    await h.send(`/cek ${ref}`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(`🔎 ${ref} sudah dicek ke biller: berhasil`);
    expect(txOf(ref).state).toBe("success");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
    // Settled now: nothing left to check.
    await h.send(`/cek ${ref.toLowerCase()}`, WATI);
    expect(h.lastText(WATI.id)).toBe(`${ref} berstatus berhasil; hanya pembayaran yang menunggu biller yang bisa dicek.`);
    expect(
      auditRows(h)
        .filter((r) => r.action === "cek")
        .map((r) => [r.actorId, r.txId, r.targetUserId, r.detail.outcome, r.detail.state]),
    ).toEqual([
      [ADMIN.id, ref, SARI.id, "done", "success"],
      [WATI.id, ref, SARI.id, "wrong-state", "success"],
    ]);
  });

  it("keeps to the providers' one check a minute: a second /cek within the minute is scheduled instead", async () => {
    const sandbox = createSandboxProvider();
    let statusCalls = 0;
    const { h, clock } = await start({
      provider: { ...sandbox, status: async () => (statusCalls++, { kind: "pending", raw: "{}" }) },
    });
    const ref = await payPln(h, "630000000001");
    await h.send(`/cek ${ref}`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(`🔎 ${ref} sudah dicek ke biller: menunggu biller`);
    await h.send(`/cek ${ref}`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(`${ref} baru saja dicek; biller meminta jeda semenit antar-cek. Cek berikutnya 10 Maret 2026 10:01 WIB.`);
    expect(statusCalls).toBe(1);
    clock.advance(60_000);
    await h.send(`/cek ${ref}`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(`🔎 ${ref} sudah dicek ke biller: menunggu biller`);
    expect(statusCalls).toBe(2);
    expect(txOf(ref).state).toBe("pending");
  });

  it("refuses an unknown reference, a missing one and a non-admin", async () => {
    const { h } = await start();
    await h.send("/cek TXNOPE", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Transaksi TXNOPE tidak ditemukan.");
    await h.send("/cek", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Format: /cek <no. referensi>");
    await h.send("/cek TXNOPE");
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
    expect(
      auditRows(h)
        .filter((r) => r.action === "cek")
        .map((r) => [r.allowed, r.detail.outcome]),
    ).toEqual([
      [true, "unknown-tx"],
      [true, "usage"],
      [false, "not-admin"],
    ]);
  });
});

describe("/selesaikan", () => {
  it("sukses settles a pending payment by hand: no refund, the resolution recorded, the user told", async () => {
    const { h } = await start();
    const ref = await payPln(h, "630000000001");
    const price = txOf(ref).price;
    await h.send(`/selesaikan ${ref} sukses dicek di dashboard`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(`✅ ${ref} ditandai berhasil. @sari akan diberi tahu.`);
    expect(txOf(ref).state).toBe("success");
    expect(h.balance()).toBe(1_000_000 - price);
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
    expect(h.lastText()).toContain(`No. referensi: ${ref}`);
    const row = h.app.deps.db.prepare("SELECT resolved_by, resolution_note FROM transactions WHERE id = ?").get(ref);
    expect(row).toEqual({ resolved_by: ADMIN.id, resolution_note: "dicek di dashboard" });
    expect(auditRows(h).at(-1)).toMatchObject({
      actorId: ADMIN.id,
      action: "selesaikan",
      txId: ref,
      targetUserId: SARI.id,
      detail: { outcome: "done", verdict: "success", note: "dicek di dashboard", amount: price },
    });
  });

  it("gagal refunds with a ledger row and tells the user; a settled payment cannot be resolved again", async () => {
    const { h } = await start();
    const ref = await payPln(h, "630000000006");
    const price = txOf(ref).price;
    await h.send(`/selesaikan ${ref} GAGAL biller tutup`, WATI);
    expect(h.lastText(WATI.id)).toBe(`↩️ ${ref} ditandai gagal; Rp ${price.toLocaleString("de-DE")} dikembalikan ke saldo @sari, dan dia akan diberi tahu.`);
    expect(txOf(ref).state).toBe("failed");
    expect(h.balance()).toBe(1_000_000);
    expect(h.app.deps.wallet.entries(SARI.id)[0]).toMatchObject({ kind: "refund", amount: price, txId: ref, actorId: WATI.id, note: "biller tutup" });
    expect(h.lastText()).toContain("❌ Pembayaran gagal");
    expect(h.lastText()).toContain("sudah dikembalikan ke saldo kamu. Saldo sekarang: Rp 1.000.000");

    // Either verdict on a settled payment changes nothing: no second refund, no success after a refund.
    for (const verdict of ["gagal", "sukses"]) {
      await h.send(`/selesaikan ${ref} ${verdict}`, ADMIN);
      expect(h.lastText(ADMIN.id)).toBe(`${ref} berstatus gagal, dana dikembalikan; hanya pembayaran yang menunggu biller yang bisa diselesaikan manual.`);
    }
    const done = await payPln(h, "530000000001");
    await h.send(`/selesaikan ${done} gagal`, ADMIN);
    expect(h.lastText(ADMIN.id)).toContain(`${done} berstatus berhasil;`);
    expect(h.app.deps.wallet.entries(SARI.id).filter((e) => e.kind === "refund")).toHaveLength(1);
    expect(h.balance()).toBe(1_000_000 - txOf(done).price);
  });

  it("a refund by hand and its audit row are one SQLite transaction: without the audit row nothing moves", async () => {
    const { h } = await start();
    const ref = await payPln(h, "630000000006");
    const held = h.balance();
    h.app.deps.db.exec("CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END");
    await h.send(`/selesaikan ${ref} gagal`, ADMIN);
    h.app.deps.db.exec("DROP TRIGGER audit_down");
    expect(txOf(ref).state).toBe("pending");
    expect(h.balance()).toBe(held);
    await h.send(`/selesaikan ${ref} gagal`, ADMIN);
    expect(txOf(ref).state).toBe("failed");
    expect(h.balance()).toBe(1_000_000);
  });

  it("refuses a wrong verdict, an unknown reference and a non-admin", async () => {
    const { h } = await start();
    const ref = await payPln(h, "630000000001");
    for (const args of ["", ref, `${ref} mungkin`]) {
      await h.send(`/selesaikan ${args}`.trim(), ADMIN);
      expect(h.lastText(ADMIN.id)).toContain("Format: /selesaikan <no. referensi> sukses|gagal [catatan]");
    }
    await h.send("/selesaikan TXNOPE sukses", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Transaksi TXNOPE tidak ditemukan.");
    await h.send(`/selesaikan ${ref} gagal`);
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
    expect(txOf(ref).state).toBe("pending");
    expect(
      auditRows(h)
        .filter((r) => r.action === "selesaikan")
        .map((r) => [r.allowed, r.detail.outcome]),
    ).toEqual([
      [true, "usage"],
      [true, "usage"],
      [true, "usage"],
      [true, "unknown-tx"],
      [false, "not-admin"],
    ]);
  });
});
