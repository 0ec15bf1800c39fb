import { describe, expect, it } from "vitest";
import { formatRupiah } from "../../src/billing/format.js";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import type { Provider } from "../../src/providers/provider.js";
import { ADMIN, SARI } from "../support/harness.js";
import { payPln } from "../support/pay.js";
import { adminBotPerTest, auditRows, DAY } from "./helpers.js";

const bot = adminBotPerTest();

const txOf = (id: string) => bot.h.app.deps.payments.txs.get(id)!;

describe("/laporan", () => {
  it("adds up a WIB day: successes, provider cost, markup, refunds, pending, top-ups and deductions", async () => {
    await bot.start();
    const { h, clock } = bot;
    await h.send("/topup @sari 1jt", ADMIN);
    await h.send("/topup @sari 50rb", ADMIN);
    await h.send("/potong @sari 10rb koreksi", ADMIN);
    const ok1 = await payPln(h, "530000000001");
    const ok2 = await payPln(h, "530000000002");
    const failed = await payPln(h, "530000000006");
    const pending = await payPln(h, "630000000001");
    expect([ok1, ok2, failed, pending].map((id) => txOf(id).state)).toEqual(["success", "success", "failed", "pending"]);
    const paid = [txOf(ok1), txOf(ok2)];
    const volume = paid[0]!.price + paid[1]!.price;
    const cost = paid[0]!.cost + paid[1]!.cost;
    expect(volume - cost).toBeGreaterThan(0);

    const expected = [
      "📊 Laporan 10 Maret 2026 (WIB)",
      `Pembayaran berhasil: 2 transaksi, ${formatRupiah(volume)}`,
      `Modal ke provider: ${formatRupiah(cost)}`,
      `Keuntungan (markup): ${formatRupiah(volume - cost)}`,
      `Refund: 1 transaksi, ${formatRupiah(txOf(failed).price)}`,
      "Masih diproses: 1 transaksi",
      "Isi saldo: 2 kali, Rp 1.050.000",
      "Potongan admin: 1 kali, Rp 10.000",
    ].join("\n");
    await h.send("/laporan", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(expected);
    await h.send(`/laporan ${DAY}`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(expected);

    // The next morning (WIB): the pending payment settles, and one more is paid.
    clock.advance(23 * 3_600_000);
    await h.send(`/cek ${pending}`, ADMIN);
    const ok3 = await payPln(h, "530000000001");
    await h.send("/laporan", ADMIN);
    const nextDay = h.lastText(ADMIN.id);
    expect(nextDay).toContain("📊 Laporan 11 Maret 2026 (WIB)");
    expect(nextDay).toContain(`Pembayaran berhasil: 2 transaksi, ${formatRupiah(txOf(pending).price + txOf(ok3).price)}`);
    expect(nextDay).toContain("Refund: 0 transaksi, Rp 0");
    expect(nextDay).toContain("Isi saldo: 0 kali, Rp 0");
    // The first day keeps its successes; its payment that was in progress is no longer.
    await h.send(`/laporan ${DAY}`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(expected.replace("Masih diproses: 1 transaksi", "Masih diproses: 0 transaksi"));
    // A day without business.
    await h.send("/laporan 2026-03-09", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Pembayaran berhasil: 0 transaksi, Rp 0");
    expect(
      auditRows(h)
        .filter((r) => r.action === "laporan")
        .map((r) => r.detail.date),
    ).toEqual([DAY, DAY, "2026-03-11", DAY, "2026-03-09"]);
  });

  it("takes a day as people type it, a month and a range, on the WIB calendar", async () => {
    await bot.start();
    const { h, clock } = bot;
    await h.send("/topup @sari 1jt", ADMIN);
    const first = await payPln(h, "530000000001");
    // Two days later (12 March WIB) one more payment.
    clock.advance(2 * 86_400_000);
    const second = await payPln(h, "530000000002");
    const paid = (...ids: string[]) => formatRupiah(ids.reduce((sum, id) => sum + txOf(id).price, 0));
    const cases: [string, string, string][] = [
      ["kemarin", "📊 Laporan 11 Maret 2026 (WIB)", "Pembayaran berhasil: 0 transaksi, Rp 0"],
      ["yesterday", "📊 Laporan 11 Maret 2026 (WIB)", "Pembayaran berhasil: 0 transaksi, Rp 0"],
      ["10-03-2026", "📊 Laporan 10 Maret 2026 (WIB)", `Pembayaran berhasil: 1 transaksi, ${paid(first)}`],
      ["10/3", "📊 Laporan 10 Maret 2026 (WIB)", `Pembayaran berhasil: 1 transaksi, ${paid(first)}`],
      ["12/03/2026", "📊 Laporan 12 Maret 2026 (WIB)", `Pembayaran berhasil: 1 transaksi, ${paid(second)}`],
      ["maret 2026", "📊 Laporan Maret 2026 (WIB)", `Pembayaran berhasil: 2 transaksi, ${paid(first, second)}`],
      ["2026-03", "📊 Laporan Maret 2026 (WIB)", `Pembayaran berhasil: 2 transaksi, ${paid(first, second)}`],
      ["bulan ini", "📊 Laporan Maret 2026 (WIB)", `Pembayaran berhasil: 2 transaksi, ${paid(first, second)}`],
      ["februari", "📊 Laporan Februari 2026 (WIB)", "Pembayaran berhasil: 0 transaksi, Rp 0"],
      ["10/3 - 11/3", "📊 Laporan 10 Maret 2026 – 11 Maret 2026 (WIB)", `Pembayaran berhasil: 1 transaksi, ${paid(first)}`],
      ["2026-03-11 2026-03-12", "📊 Laporan 11 Maret 2026 – 12 Maret 2026 (WIB)", `Pembayaran berhasil: 1 transaksi, ${paid(second)}`],
      ["3 hari", "📊 Laporan 10 Maret 2026 – 12 Maret 2026 (WIB)", `Pembayaran berhasil: 2 transaksi, ${paid(first, second)}`],
    ];
    for (const [typed, title, line] of cases) {
      await h.send(`/laporan ${typed}`, ADMIN);
      const [head, paidLine] = h.lastText(ADMIN.id).split("\n");
      expect([head, paidLine], typed).toEqual([title, line]);
    }
    // The markup of a range is the sum over its days.
    await h.send("/laporan 10/3 - 12/3", ADMIN);
    const markup = txOf(first).price - txOf(first).cost + txOf(second).price - txOf(second).cost;
    expect(h.lastText(ADMIN.id)).toContain(`Keuntungan (markup): ${formatRupiah(markup)}`);
    expect(auditRows(h).at(-1)?.detail.date).toBe("2026-03-10..2026-03-12");
  });

  it("refuses a date that is not one, a range the wrong way round, and a non-admin", async () => {
    await bot.start();
    const { h } = bot;
    for (const bad of ["besok lusa", "2026-02-30", "31/2", "13-13-2026", "abc", "10/3 -"]) {
      await h.send(`/laporan ${bad}`, ADMIN);
      const [why, usage] = h.lastText(ADMIN.id).split("\n");
      expect(why, bad).toBe(`Periode "${bad}" tidak terbaca.`);
      expect(usage, bad).toContain("Format: /laporan [tanggal atau periode], contoh: /laporan kemarin, /laporan 7/12, /laporan 07-12-2026");
    }
    await h.send("/laporan 10/3 - 1/3", ADMIN);
    expect(h.lastText(ADMIN.id)).toMatch(/^Periode "10\/3 - 1\/3" terbalik: tanggal akhirnya sebelum tanggal awal\.\n/);
    expect(auditRows(h).at(-1)?.detail.outcome).toBe("usage");
    await h.send("/laporan");
    expect(h.lastText(SARI.id)).toBe("Perintah ini hanya untuk admin.");
  });
});

describe("/saldoprovider", () => {
  const withBalance = (balance: Provider["balance"]): Provider => ({ ...createSandboxProvider(), balance });

  it("shows the operator's deposit at the provider", async () => {
    await bot.start();
    await bot.h.send("/saldoprovider", ADMIN);
    expect(bot.h.lastText(ADMIN.id)).toBe("🏦 Saldo deposit di sandbox: Rp 10.000.000");
    expect(auditRows(bot.h).at(-1)).toMatchObject({ action: "saldoprovider", detail: { outcome: "done", balance: 10_000_000 } });
  });

  it("says so readably when the provider does not answer or refuses", async () => {
    await bot.start({ provider: withBalance(async () => ({ kind: "unknown", reason: "timeout after 20s" })) });
    await bot.h.send("/saldoprovider", ADMIN);
    expect(bot.h.lastText(ADMIN.id)).toBe("sandbox tidak menjawab cek saldo (timeout after 20s). Coba lagi sebentar lagi.");
    await bot.finish();

    await bot.start({ provider: withBalance(async () => ({ kind: "failed", code: "41", message: "Signature tidak valid", blame: "operator", raw: "{}" })) });
    await bot.h.send("/saldoprovider", ADMIN);
    expect(bot.h.lastText(ADMIN.id)).toBe("sandbox menolak cek saldo: Signature tidak valid (kode 41).");
    await bot.h.send("/saldoprovider");
    expect(bot.h.lastText(SARI.id)).toBe("Perintah ini hanya untuk admin.");
  });
});
