import { describe, expect, it } from "vitest";
import { formatDateTimeWib, formatNumber, formatRupiah } from "../../src/billing/format.js";
import type { Provider } from "../../src/providers/provider.js";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import { ADMIN, type Harness } from "../support/harness.js";
import { payPln } from "../support/pay.js";
import { adminBotPerTest, auditRows, WATI } from "./helpers.js";

/** /ringkasan and the money watch: figures equal to sums over the books; alerts told once a day. */

const bot = adminBotPerTest();
const HOUR = 3_600_000;

/** The sandbox with a provider deposit the test sets (undefined: the provider does not answer). */
function withDeposit(): { provider: Provider; set(amount: number | undefined): void } {
  let deposit: number | undefined = 10_000_000;
  const provider: Provider = {
    ...createSandboxProvider(),
    balance: async () => (deposit === undefined ? { kind: "unknown", reason: "timeout after 20s" } : { kind: "success", value: deposit, raw: "{}" }),
  };
  return { provider, set: (amount) => (deposit = amount) };
}

const months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
const t = (key: string) => months[Number(key.replace("month-", "")) - 1] ?? key;
const one = <T>(h: Harness, sql: string, ...args: unknown[]) => h.app.deps.db.prepare(sql).get(...args) as T;
const sales = (h: Harness, from: number, to: number) =>
  one<{ n: number; volume: number; margin: number; cost: number }>(
    h,
    "SELECT COUNT(*) AS n, COALESCE(SUM(price), 0) AS volume, COALESCE(SUM(price - cost), 0) AS margin, COALESCE(SUM(cost), 0) AS cost FROM transactions WHERE state = 'success' AND settled_at >= ? AND settled_at < ?",
    from,
    to,
  );

/** 10 March: top-ups for two users, two paid bills, one refunded, one pending; 11 March: one more paid bill. */
async function twoDays(h: Harness): Promise<void> {
  await h.send("/topup @sari 1jt", ADMIN);
  await h.send("/topup @wati 300rb", ADMIN);
  await payPln(h, "530000000001");
  await payPln(h, "530000000002");
  await payPln(h, "530000000006");
  await payPln(h, "630000000001");
  bot.clock.advance(24 * HOUR);
  await payPln(h, "530000000001");
}

describe("/ringkasan", () => {
  it("shows owed balances, money in flight, the provider deposit and today's and this month's sales, each equal to the books' own sums", async () => {
    const deposit = withDeposit();
    const h = await bot.start({ provider: deposit.provider });
    await twoDays(h);
    await h.send("/ringkasan", ADMIN);

    const now = bot.clock.now();
    const { balances } = one<{ balances: number }>(h, "SELECT SUM(balance) AS balances FROM users");
    const flight = one<{ held: number; n: number }>(
      h,
      "SELECT SUM(price) AS held, COUNT(*) AS n FROM transactions WHERE state IN ('confirmed','sending','pending')",
    );
    const today = sales(h, Date.parse("2026-03-11T00:00:00+07:00"), Date.parse("2026-03-12T00:00:00+07:00"));
    const month = sales(h, Date.parse("2026-03-01T00:00:00+07:00"), Date.parse("2026-04-01T00:00:00+07:00"));
    const week = sales(h, now - 168 * HOUR, now);
    expect([flight.n, today.n, month.n]).toEqual([1, 1, 3]);
    const perHour = Math.ceil(week.cost / 168);
    expect(h.lastText(ADMIN.id)).toBe(
      [
        `💼 Ringkasan keuangan, ${formatDateTimeWib(now, t)}`,
        `Saldo semua pelanggan (utang ke pelanggan): ${formatRupiah(balances)}`,
        `Ditahan pembayaran yang berjalan: ${formatRupiah(flight.held)} (1 transaksi)`,
        "Deposit di sandbox: Rp 10.000.000",
        `Hari ini: 1 transaksi, ${formatRupiah(today.volume)}, margin ${formatRupiah(today.margin)}`,
        `Bulan ini: 3 transaksi, ${formatRupiah(month.volume)}, margin ${formatRupiah(month.margin)}`,
        `Deposit cukup untuk ± ${formatNumber(Math.floor(10_000_000 / perHour))} jam penjualan (modal rata-rata 7 hari: ${formatRupiah(perHour)}/jam).`,
      ].join("\n"),
    );
    // The owed balances are what the users' balances add up to: Sari's and Wati's.
    expect(balances).toBe(h.balance() + h.balance(WATI.id));
    expect(auditRows(h).at(-1)).toMatchObject({ action: "ringkasan", detail: { outcome: "done", balances, deposit: 10_000_000 } });

    deposit.set(undefined);
    await h.send("/ringkasan", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Deposit di sandbox: tidak terbaca (timeout after 20s)");
    expect(h.lastText(ADMIN.id)).not.toContain("Deposit cukup");
    await h.send("/ringkasan");
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
  });

  it("with several providers, the deposit is what they hold together, and unknown while one cannot be read", async () => {
    const first = withDeposit();
    const second = withDeposit();
    second.set(2_500_000);
    const h = await bot.start({ providers: [first.provider, { ...second.provider, name: "iak" }] });
    await h.send("/ringkasan", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Deposit di sandbox + iak: Rp 12.500.000");
    second.set(undefined);
    await h.send("/ringkasan", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Deposit di sandbox + iak: tidak terbaca (iak: timeout after 20s)");
  });
});

describe("the money watch", () => {
  it("tells the admins once a WIB day when the deposit covers fewer hours of sales than set, and when balances exceed it", async () => {
    const deposit = withDeposit();
    const h = await bot.start({ provider: deposit.provider, env: { PROVIDER_DEPOSIT_HOURS_ALERT: "24", PROVIDER_DEPOSIT_CHECK_MINUTES: "30" } });
    await twoDays(h);
    const watch = h.app.moneyWatch;
    // Plenty: nothing to say.
    expect(await watch.tick()).toEqual([]);
    const told = () => h.texts(ADMIN.id).filter((m) => m.startsWith("⚠️")).length;
    expect(told()).toBe(0);

    // Down to 50.000: about 20 hours of the last week's sales, and below what customers hold.
    deposit.set(50_000);
    // Not due yet: checked less than 30 minutes ago.
    expect(await watch.tick()).toEqual([]);
    bot.clock.advance(30 * 60_000);
    expect(await watch.tick()).toEqual(["deposit-low", "balances-exceed"]);
    const now = bot.clock.now();
    const perHour = Math.ceil(sales(h, now - 168 * HOUR, now).cost / 168);
    const { balances } = one<{ balances: number }>(h, "SELECT SUM(balance) AS balances FROM users");
    for (const admin of [ADMIN, WATI]) {
      const alerts = h.texts(admin.id).filter((m) => m.startsWith("⚠️"));
      expect(alerts).toEqual([
        `⚠️ Deposit di sandbox tinggal Rp 50.000: cukup untuk ± ${Math.floor(50_000 / perHour)} jam penjualan, di bawah batas 24 jam (modal rata-rata 7 hari: ${formatRupiah(perHour)}/jam). Isi deposit provider.`,
        `⚠️ Saldo semua pelanggan (${formatRupiah(balances)}) melebihi deposit di sandbox (Rp 50.000) sebesar ${formatRupiah(balances - 50_000)}: deposit tidak cukup bila semua saldo dibelanjakan.`,
      ]);
    }
    // Still short all day: told once.
    for (let i = 0; i < 6; i++) {
      bot.clock.advance(30 * 60_000);
      expect(await watch.tick()).toEqual([]);
    }
    expect(told()).toBe(2);
    // A restart does not tell it again the same day.
    await bot.start({ provider: deposit.provider });
    expect(await bot.h.app.moneyWatch.tick()).toEqual([]);
    // The next WIB day, still short: told again, once.
    bot.clock.advance(24 * HOUR);
    expect(await bot.h.app.moneyWatch.tick()).toEqual(["deposit-low", "balances-exceed"]);
    bot.clock.advance(30 * 60_000);
    expect(await bot.h.app.moneyWatch.tick()).toEqual([]);
  });

  it("says nothing when the deposit cannot be read, and no hours alert when it is turned off", async () => {
    const deposit = withDeposit();
    const h = await bot.start({ provider: deposit.provider, env: { PROVIDER_DEPOSIT_HOURS_ALERT: "0" } });
    await twoDays(h);
    deposit.set(undefined);
    expect(await h.app.moneyWatch.tick()).toEqual([]);
    expect(h.logs.some((l) => l.includes("money watch: the sandbox deposit could not be read (timeout after 20s)"))).toBe(true);
    // Enough for every balance but only a few hours of sales: with the hours alert off, nothing.
    const { balances } = one<{ balances: number }>(h, "SELECT SUM(balance) AS balances FROM users");
    deposit.set(balances);
    bot.clock.advance(30 * 60_000);
    expect(await h.app.moneyWatch.tick()).toEqual([]);
    deposit.set(balances - 1);
    bot.clock.advance(30 * 60_000);
    expect(await h.app.moneyWatch.tick()).toEqual(["balances-exceed"]);
  });
});
