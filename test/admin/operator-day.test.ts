import { expect, it } from "vitest";
import { formatRupiah } from "../../src/billing/format.js";
import type { ChatUser } from "../../src/channels/emulator.js";
import { ADMIN, SARI } from "../support/harness.js";
import { payPln } from "../support/pay.js";
import { adminBotPerTest, auditRows } from "./helpers.js";

const bot = adminBotPerTest();

const BUDI: ChatUser = { id: 77, firstName: "Budi", username: "budi" };

it("an operator can run the whole day's business from the admin commands", async () => {
  await bot.start();
  const { h, clock } = bot;
  const tx = (id: string) => h.app.deps.payments.txs.get(id)!;
  await h.send("/start", BUDI);

  // Morning: Sari asks for a top-up through /deposit, Budi pays the admin directly.
  await h.send("/deposit");
  await h.tap("Saya sudah transfer");
  await h.send("500rb");
  await h.tap("Tambah Rp 500.000", ADMIN);
  await h.send("/topup @budi 300rb transfer BRI", ADMIN);
  expect([h.balance(SARI.id), h.balance(BUDI.id)]).toEqual([500_000, 300_000]);

  // They pay: one goes through, one fails at the biller (refunded), two stay pending.
  clock.advance(30 * 60_000);
  const paid = await payPln(h, "530000000001");
  const refunded = await payPln(h, "530000000006", BUDI);
  const followed = await payPln(h, "630000000001");
  const byHand = await payPln(h, "630000000006", BUDI);
  expect(h.lastText(SARI.id)).toContain("⏳ Pembayaran sedang diproses");

  // Midday: what is still open?
  clock.advance(2 * 3_600_000);
  await h.send("/pending", ADMIN);
  const open = h.lastText(ADMIN.id);
  expect(open).toContain("Pembayaran yang masih berjalan: 2");
  expect(open).toContain(followed);
  expect(open).toContain(byHand);
  expect(open).toContain("⏱ 2 jam 0 mnt · @budi");

  // One is followed up with the biller now and settles; Sari gets her receipt.
  await h.send(`/cek ${followed}`, ADMIN);
  expect(h.lastText(ADMIN.id)).toBe(`🔎 ${followed} sudah dicek ke biller: berhasil`);
  expect(h.lastText(SARI.id)).toContain("✅ Pembayaran berhasil");

  // The other one the operator settled with the biller by phone: failed, so Budi is refunded.
  await h.send(`/selesaikan ${byHand} gagal dikonfirmasi CS biller`, ADMIN);
  expect(h.lastText(BUDI.id)).toContain("❌ Pembayaran gagal");
  await h.send("/pending", ADMIN);
  expect(h.lastText(ADMIN.id)).toBe("Tidak ada pembayaran yang sedang berjalan.");
  await h.send("/user @budi", ADMIN);
  // Both of Budi's payments failed and came back.
  expect(h.lastText(ADMIN.id)).toContain("Saldo: Rp 300.000");

  // Evening: the day's report adds up.
  clock.advance(6 * 3_600_000);
  await h.send("/laporan", ADMIN);
  const volume = tx(paid).price + tx(followed).price;
  const cost = tx(paid).cost + tx(followed).cost;
  expect(h.lastText(ADMIN.id)).toBe(
    [
      "📊 Laporan 10 Maret 2026 (WIB)",
      `Pembayaran berhasil: 2 transaksi, ${formatRupiah(volume)}`,
      `Modal ke provider: ${formatRupiah(cost)}`,
      `Keuntungan (markup): ${formatRupiah(volume - cost)}`,
      `Refund: 2 transaksi, ${formatRupiah(tx(refunded).price + tx(byHand).price)}`,
      "Masih diproses: 0 transaksi",
      "Isi saldo: 2 kali, Rp 800.000",
      "Potongan admin: 0 kali, Rp 0",
    ].join("\n"),
  );
  // The books: what users hold is what was topped up minus what they paid for.
  expect(h.balance(SARI.id) + h.balance(BUDI.id)).toBe(800_000 - volume);
  expect(auditRows(h).map((r) => [r.action, r.detail.outcome])).toEqual([
    ["deposit-credit", "done"],
    ["topup", "done"],
    ["pending", "done"],
    ["cek", "done"],
    ["selesaikan", "done"],
    ["pending", "done"],
    ["user", "done"],
    ["laporan", "done"],
  ]);
});
