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

  it("refuses a date that is not one, and a non-admin", async () => {
    await bot.start();
    const { h } = bot;
    for (const bad of ["kemarin", "2026-02-30", "10-03-2026", "2026-3-1"]) {
      await h.send(`/laporan ${bad}`, ADMIN);
      expect(h.lastText(ADMIN.id), bad).toContain("Format: /laporan [YYYY-MM-DD]");
    }
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
