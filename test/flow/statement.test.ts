import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvTimeWib, formatDateTimeWib, formatRupiah, formatSignedRupiah } from "../../src/billing/format.js";
import type { Output } from "../../src/channels/emulator.js";
import { adminBotPerTest } from "../admin/helpers.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { payPln } from "../support/pay.js";

/**
 * /mutasi: Sari's balance statement, read against the ledger itself: every row of the period with
 * its time, reference and the balance after it, paged; the CSV file parses back to the same rows.
 */

const bot = adminBotPerTest();
const DAY_MS = 86_400_000;

interface LedgerRow {
  id: number;
  amount: number;
  kind: string;
  txId: string | null;
  balanceAfter: number;
  createdAt: number;
}

const ledgerOf = (h: Harness, from: number, to: number) =>
  h.app.deps.db
    .prepare(
      "SELECT id, amount, kind, tx_id AS txId, balance_after AS balanceAfter, created_at AS createdAt FROM ledger WHERE user_id = ? AND created_at >= ? AND created_at < ? ORDER BY id",
    )
    .all(SARI.id, from, to) as LedgerRow[];

const KIND = { topup: "Isi saldo", charge: "Pembayaran PLN Pascabayar", refund: "Pengembalian dana PLN Pascabayar", deduct: "Potongan saldo" } as Record<
  string,
  string
>;
const months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
const t = (key: string) => months[Number(key.replace("month-", "")) - 1] ?? key;

/** What the statement must say for a ledger row, numbered as on its page. */
const lineOf = (r: LedgerRow, n: number) =>
  [
    `${n}. ${formatDateTimeWib(r.createdAt, t)} · ${KIND[r.kind]}`,
    `   ${formatSignedRupiah(r.amount)} → saldo ${formatRupiah(r.balanceAfter)}`,
    `   Ref: ${r.txId ?? `#${r.id}`}`,
  ].join("\n");

/** 10 March: a top-up and a payment; 11 March: two payments, one refunded, and many small top-ups and a deduction; 12 March: a top-up. */
async function busyDays(h: Harness): Promise<void> {
  const { clock } = bot;
  await h.send("/topup @sari 1jt", ADMIN);
  await payPln(h, "530000000001");
  clock.advance(DAY_MS);
  await payPln(h, "530000000002");
  await payPln(h, "530000000006");
  for (let i = 1; i <= 8; i++) {
    clock.advance(60_000);
    await h.send(`/topup @sari ${10 + i}rb`, ADMIN);
  }
  await h.send("/potong @sari 5rb koreksi", ADMIN);
  clock.advance(DAY_MS);
  await h.send("/topup @sari 50rb", ADMIN);
}

const documents = (h: Harness) => h.outputs.filter((o): o is Extract<Output, { kind: "message" }> => o.kind === "message" && o.document !== undefined);

describe("/mutasi", () => {
  it("lists a period's ledger rows with time, reference and running balance, a page at a time, opening and closing balances included", async () => {
    const h = await bot.start();
    await busyDays(h);
    const from = Date.parse("2026-03-11T00:00:00+07:00");
    const rows = ledgerOf(h, from, from + DAY_MS);
    expect(rows.map((r) => r.kind)).toEqual(["charge", "charge", "refund", ...Array(8).fill("topup"), "deduct"]);
    const opening = ledgerOf(h, 0, from).at(-1)!.balanceAfter;

    await h.send("/mutasi 11/3");
    const page1 = h.lastText();
    expect(page1).toBe(
      [
        "📒 Mutasi saldo 11 Maret 2026 (WIB) · halaman 1/2",
        `Saldo awal: ${formatRupiah(opening)}`,
        "",
        ...rows.slice(0, 10).map((r, i) => lineOf(r, i + 1)),
        "",
        `Saldo akhir: ${formatRupiah(rows.at(-1)!.balanceAfter)}`,
      ].join("\n"),
    );
    // The running balance is the ledger's: each row's balance is the one before plus its amount.
    rows.reduce((before, r) => {
      expect(r.balanceAfter).toBe(before + r.amount);
      return r.balanceAfter;
    }, opening);
    expect(h.lastKeyboard()?.buttons.map((b) => b.text)).toEqual(["Berikutnya ➡️", "📄 Unduh CSV"]);

    // Typed as the number of its button, as on WhatsApp and in the terminal.
    await h.send("1");
    expect(h.lastText()).toBe(
      [
        "📒 Mutasi saldo 11 Maret 2026 (WIB) · halaman 2/2",
        `Saldo awal: ${formatRupiah(opening)}`,
        "",
        ...rows.slice(10).map((r, i) => lineOf(r, i + 11)),
        "",
        `Saldo akhir: ${formatRupiah(rows.at(-1)!.balanceAfter)}`,
      ].join("\n"),
    );
    expect(h.lastKeyboard()?.buttons.map((b) => b.text)).toEqual(["⬅️ Sebelumnya", "📄 Unduh CSV"]);
    await h.tap("Sebelumnya");
    expect(h.lastText()).toBe(page1);
  });

  it("offers today, 7 days and this month; each matches the ledger of its days", async () => {
    const h = await bot.start();
    await busyDays(h);
    await h.send("/mutasi");
    expect(h.lastText()).toContain("📒 Mutasi saldo: pilih periode");
    expect(h.lastKeyboard()?.buttons.map((b) => b.text)).toEqual(["Hari ini", "7 hari terakhir", "Bulan ini"]);
    await h.send("1");
    const today = ledgerOf(h, Date.parse("2026-03-12T00:00:00+07:00"), Date.parse("2026-03-13T00:00:00+07:00"));
    expect(today).toHaveLength(1);
    expect(h.lastText()).toContain("📒 Mutasi saldo 12 Maret 2026 (WIB) · halaman 1/1");
    expect(h.lastText()).toContain(lineOf(today[0]!, 1));

    await h.send("/mutasi");
    await h.tap("7 hari terakhir");
    expect(h.lastText()).toContain("📒 Mutasi saldo 6 Maret 2026 – 12 Maret 2026 (WIB) · halaman 1/2");
    expect(h.lastText()).toContain("Saldo awal: Rp 0");
    await h.send("/mutasi");
    await h.tap("Bulan ini");
    expect(h.lastText()).toContain("📒 Mutasi saldo Maret 2026 (WIB) · halaman 1/2");

    // From the main menu too.
    await h.send("/start");
    await h.tap("Mutasi saldo");
    expect(h.lastText()).toContain("📒 Mutasi saldo: pilih periode");
    // A period with nothing in it, and one that cannot be read.
    await h.send("/mutasi 1/2");
    expect(h.lastText()).toContain("Tidak ada mutasi saldo pada periode ini.");
    expect(h.lastKeyboard()?.buttons.map((b) => b.text)).not.toContain("📄 Unduh CSV");
    await h.send("/mutasi kapan-kapan");
    expect(h.lastText()).toBe(
      'Periode "kapan-kapan" tidak terbaca.\nFormat: /mutasi [periode], contoh: /mutasi hari ini, /mutasi kemarin, /mutasi 7 hari, /mutasi maret 2026, /mutasi 1/3 - 10/3',
    );
  });

  it("sends the period as a CSV file that parses back to the ledger's rows", async () => {
    const h = await bot.start();
    await busyDays(h);
    await h.send("/mutasi 10/3 - 12/3");
    await h.tap("Unduh CSV");
    const doc = documents(h).at(-1)!;
    expect(doc.chatId).toBe(SARI.id);
    expect(doc.document!.filename).toBe("mutasi-2026-03-10_2026-03-12.csv");
    expect(doc.document!.mimetype).toBe("text/csv");
    // On Telegram a document: grammY's sendDocument with the file uploaded.
    expect(h.emulator.calls.filter((c) => c.method === "sendDocument").map((c) => c.payload.chat_id)).toEqual([String(SARI.id)]);
    const rows = ledgerOf(h, Date.parse("2026-03-10T00:00:00+07:00"), Date.parse("2026-03-13T00:00:00+07:00"));
    expect(doc.text).toBe(`📄 Mutasi saldo 10 Maret 2026 – 12 Maret 2026 (WIB): ${rows.length} baris.`);
    const parsed = parse(doc.document!.data, { columns: true }) as Record<string, string>[];
    expect(parsed).toEqual(
      rows.map((r) => ({
        waktu_wib: csvTimeWib(r.createdAt),
        jenis: KIND[r.kind],
        referensi: r.txId ?? `#${r.id}`,
        jumlah: String(r.amount),
        saldo_setelah: String(r.balanceAfter),
      })),
    );
  });
});
