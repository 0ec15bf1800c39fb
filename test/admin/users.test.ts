import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, SARI } from "../support/harness.js";
import { payPln } from "../support/pay.js";
import { adminBotPerTest, auditRows, WATI } from "./helpers.js";

const bot = adminBotPerTest();
beforeEach(async () => {
  await bot.start();
});

describe("/user", () => {
  it("shows the profile and the last 5 transactions, newest first, with their state", async () => {
    const { h, clock } = bot;
    h.app.deps.db.prepare("UPDATE users SET phone = ? WHERE id = ?").run("6281234567890", SARI.id);
    await h.send("/topup @sari 2jt", ADMIN);
    const refs: string[] = [];
    for (const number of ["530000000001", "530000000001", "530000000006", "630000000001", "530000000002", "530000000001"]) {
      clock.advance(60_000);
      refs.push(await payPln(h, number));
    }
    await h.send("/user @sari", ADMIN);
    const text = h.lastText(ADMIN.id);
    expect(text).toContain(
      [
        "👤 Sari",
        "ID: 42",
        "Username: @sari",
        "Kanal: telegram",
        "Bahasa: -",
        "No. HP: 6281234567890",
        "Status: aktif",
        `Saldo: Rp ${h.balance().toLocaleString("de-DE")}`,
      ].join("\n"),
    );
    expect(text).toContain("5 transaksi terakhir:");
    const lines = text.split("\n").filter((l) => l.startsWith("• "));
    expect(lines).toHaveLength(5);
    // Newest first; the oldest payment is past the five.
    expect(lines.map((l) => refs.find((r) => l.includes(r)))).toEqual(refs.slice(1).reverse());
    expect(lines[0]).toMatch(/^• 10 Maret 2026 10:06 WIB · TX\w+ · PLN Pascabayar 530000000001 · Rp [\d.]+ · berhasil$/);
    expect(lines[2]).toContain("· menunggu biller");
    expect(lines[3]).toContain("· gagal, dana dikembalikan");
    expect(auditRows(h).at(-1)).toMatchObject({ actorId: ADMIN.id, action: "user", allowed: true, targetUserId: SARI.id });
  });

  it("says when there are no transactions, and refuses usage, unknown users and non-admins", async () => {
    const { h } = bot;
    await h.send("/user 42", WATI);
    expect(h.lastText(WATI.id)).toContain("Belum ada transaksi.");
    await h.send("/user", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Format: /user <pengguna>");
    await h.send("/user @hantu", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Pengguna @hantu tidak ditemukan.");
    await h.send("/user @boss");
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
    expect(auditRows(h).map((r) => [r.action, r.allowed, r.detail.outcome])).toEqual([
      ["user", true, "done"],
      ["user", true, "usage"],
      ["user", true, "unknown-user"],
      ["user", false, "not-admin"],
    ]);
  });
});

describe("/blokir and /buka", () => {
  it("stops a blocked user until unblocked, and says when nothing changes", async () => {
    const { h } = bot;
    await h.send("/blokir @sari", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("🚫 @sari diblokir. Pesannya tidak dilayani sampai dibuka dengan /buka.");
    expect(h.app.deps.users.get(SARI.id)!.blocked).toBe(true);
    await h.send("/bayar");
    expect(h.lastText()).toBe("Akun kamu sedang diblokir. Hubungi admin untuk bantuan.");
    await h.send("/blokir 42", WATI);
    expect(h.lastText(WATI.id)).toBe("@sari sudah diblokir.");
    await h.send("/user @sari", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Status: diblokir");

    await h.send("/buka @sari", WATI);
    expect(h.lastText(WATI.id)).toBe("✅ Blokir @sari dibuka.");
    await h.send("/saldo");
    expect(h.lastText()).toContain("Saldo kamu: Rp 0");
    await h.send("/buka @sari", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("@sari tidak sedang diblokir.");
    expect(
      auditRows(h)
        .filter((r) => r.action !== "user")
        .map((r) => [r.actorId, r.action, r.detail.outcome, r.targetUserId]),
    ).toEqual([
      [ADMIN.id, "blokir", "done", SARI.id],
      [WATI.id, "blokir", "unchanged", SARI.id],
      [WATI.id, "buka", "done", SARI.id],
      [ADMIN.id, "buka", "unchanged", SARI.id],
    ]);
  });

  it("refuses to block an admin, an unknown user, a missing argument and a non-admin", async () => {
    const { h } = bot;
    await h.send("/blokir @wati", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("@wati adalah admin; admin tidak bisa diblokir.");
    expect(h.app.deps.users.get(WATI.id)!.blocked).toBe(false);
    await h.send("/blokir 12345", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Pengguna 12345 tidak ditemukan.");
    await h.send("/blokir", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Format: /blokir <pengguna>");
    await h.send("/buka", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("Format: /buka <pengguna>");
    await h.send("/blokir @boss");
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
    await h.send("/buka @sari");
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
    expect(h.app.deps.users.get(ADMIN.id)!.blocked).toBe(false);
    expect(
      auditRows(h)
        .filter((r) => !r.allowed)
        .map((r) => [r.actorId, r.action]),
    ).toEqual([
      [SARI.id, "blokir"],
      [SARI.id, "buka"],
    ]);
  });
});
