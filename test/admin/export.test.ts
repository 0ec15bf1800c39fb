import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvTimeWib } from "../../src/billing/format.js";
import type { Output } from "../../src/channels/emulator.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { payPln } from "../support/pay.js";
import { adminBotPerTest, auditRows } from "./helpers.js";

/** /export: the period's CSV files, sent as documents, parse back to the rows SQLite holds. */

const bot = adminBotPerTest();

type Doc = Extract<Output, { kind: "message" }> & { document: NonNullable<Extract<Output, { kind: "message" }>["document"]> };
const documentsTo = (h: Harness, chatId: number) => h.outputs.filter((o): o is Doc => o.kind === "message" && o.chatId === chatId && o.document !== undefined);
const csv = (doc: Doc) => parse(doc.document.data, { columns: true }) as Record<string, string>[];
const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
const time = (ms: number | null) => (ms === null ? "" : csvTimeWib(ms));
const MARCH = [Date.parse("2026-03-01T00:00:00+07:00"), Date.parse("2026-04-01T00:00:00+07:00")] as const;

async function aMonthOfBusiness(h: Harness): Promise<void> {
  await h.send("/deposit");
  await h.tap("Isi otomatis");
  await h.tap("Rp 20.000");
  await h.tap("QRIS");
  await h.tap("Bayar sekarang (sandbox)");
  await h.send("/topup @sari 1jt", ADMIN);
  await payPln(h, "530000000001");
  await payPln(h, "530000000006");
  await payPln(h, "630000000001");
  await h.send("/potong @sari 10rb koreksi", ADMIN);
  // 1 April: outside March.
  bot.clock.advance(MARCH[1] - bot.clock.now() + 3_600_000);
  await payPln(h, "530000000002");
  await h.send("/topup @sari 70rb", ADMIN);
}

describe("/export", () => {
  it("sends a month's transactions (price, cost, margin), ledger and gateway deposits as CSV files that parse back to the books", async () => {
    const h = await bot.start({ env: { DEPOSIT_GATEWAY: "sandbox" } });
    await aMonthOfBusiness(h);
    const db = h.app.deps.db;
    await h.send("/export maret 2026", ADMIN);
    const docs = documentsTo(h, ADMIN.id);
    expect(docs.map((d) => d.document.filename)).toEqual([
      "transaksi-2026-03-01_2026-03-31.csv",
      "mutasi-saldo-2026-03-01_2026-03-31.csv",
      "isi-saldo-gateway-2026-03-01_2026-03-31.csv",
    ]);

    const txs = db.prepare("SELECT * FROM transactions WHERE confirmed_at >= ? AND confirmed_at < ? ORDER BY confirmed_at, id").all(...MARCH) as Record<
      string,
      string | number | null
    >[];
    // All three confirmed at the same instant of the test clock: ordered by id then.
    expect(txs.map((t) => t.state).sort()).toEqual(["failed", "pending", "success"]);
    expect(csv(docs[0]!)).toEqual(
      txs.map((t) => ({
        id: t.id,
        dibuat_wib: time(t.created_at as number),
        dikonfirmasi_wib: time(t.confirmed_at as number),
        selesai_wib: time(t.settled_at as number | null),
        user_id: text(t.user_id),
        produk: t.product_id,
        nama_produk: "PLN Pascabayar",
        provider: "sandbox",
        nomor_pelanggan: t.customer_no,
        status: t.state,
        harga: text(t.price),
        modal: text(t.cost),
        margin: t.state === "success" ? text((t.price as number) - (t.cost as number)) : "0",
        sn: text(t.sn),
        kode_gagal: text(t.failure_code),
      })),
    );
    expect(docs[0]!.text).toBe("📄 Transaksi Maret 2026 (WIB): 3 baris (harga, modal, margin).");

    const ledger = db.prepare("SELECT * FROM ledger WHERE created_at >= ? AND created_at < ? ORDER BY id").all(...MARCH) as Record<
      string,
      string | number | null
    >[];
    expect(ledger.map((l) => l.kind).sort()).toEqual(["charge", "charge", "charge", "deduct", "refund", "topup", "topup"]);
    expect(csv(docs[1]!)).toEqual(
      ledger.map((l) => ({
        id: text(l.id),
        waktu_wib: time(l.created_at as number),
        user_id: text(l.user_id),
        jenis: l.kind,
        jumlah: text(l.amount),
        saldo_setelah: text(l.balance_after),
        transaksi: text(l.tx_id),
        admin: text(l.actor_id),
        catatan: text(l.note),
      })),
    );

    const deposits = db.prepare("SELECT * FROM deposits ORDER BY created_at").all() as Record<string, string | number | null>[];
    expect(deposits).toHaveLength(1);
    expect(csv(docs[2]!)).toEqual(
      deposits.map((d) => ({
        id: d.id,
        dibuat_wib: time(d.created_at as number),
        selesai_wib: time(d.settled_at as number | null),
        user_id: text(SARI.id),
        gateway: "sandbox",
        metode: d.method,
        status: "paid",
        jumlah: "20000",
        biaya: text(d.fee),
        biaya_ditanggung: d.fee_payer,
        dibayar: text(d.pay_amount),
        ref_gateway: text(d.gateway_ref),
      })),
    );
    expect(h.lastText(ADMIN.id)).toBe("📦 Ekspor Maret 2026 (WIB) terkirim: 3 transaksi, 7 mutasi saldo, 1 isi saldo gateway.");
    expect(auditRows(h).at(-1)).toMatchObject({ action: "export", detail: { outcome: "done", from: "2026-03-01", to: "2026-03-31", ledger: 7 } });

    // The margins add up to /laporan's markup for the month.
    const margin = csv(docs[0]!).reduce((sum, r) => sum + Number(r.margin), 0);
    await h.send("/laporan maret 2026", ADMIN);
    expect(h.lastText(ADMIN.id)).toContain(`Keuntungan (markup): Rp ${margin.toLocaleString("de-DE")}`);
  });

  it("defaults to this month, takes a range, refuses nonsense and non-admins", async () => {
    const h = await bot.start();
    await h.send("/topup @sari 100rb", ADMIN);
    await h.send("/export", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("📦 Ekspor Maret 2026 (WIB) terkirim: 0 transaksi, 1 mutasi saldo, 0 isi saldo gateway.");
    // Empty files still carry their header, so a spreadsheet opens them the same way.
    expect(documentsTo(h, ADMIN.id)[0]!.document.data.toString("utf8")).toBe(
      "id,dibuat_wib,dikonfirmasi_wib,selesai_wib,user_id,produk,nama_produk,provider,nomor_pelanggan,status,harga,modal,margin,sn,kode_gagal\n",
    );
    await h.send("/export 1/3 - 9/3", ADMIN);
    expect(h.lastText(ADMIN.id)).toBe("📦 Ekspor 1 Maret 2026 – 9 Maret 2026 (WIB) terkirim: 0 transaksi, 0 mutasi saldo, 0 isi saldo gateway.");
    await h.send("/export kemarin lusa", ADMIN);
    expect(h.lastText(ADMIN.id)).toMatch(/^Periode "kemarin lusa" tidak terbaca\.\nFormat: \/export \[bulan atau rentang\]/);
    const before = documentsTo(h, SARI.id).length;
    await h.send("/export");
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");
    expect(documentsTo(h, SARI.id)).toHaveLength(before);
  });

  it("streams a long range from SQLite: 10,000 ledger rows parse back whole", async () => {
    const h = await bot.start();
    await h.send("/topup @sari 1jt", ADMIN);
    const { db, wallet } = h.app.deps;
    db.transaction(() => {
      for (let i = 0; i < 5_000; i++) {
        wallet.post({ userId: SARI.id, amount: -1, kind: "deduct", actorId: ADMIN.id, now: bot.clock.now() });
        wallet.post({ userId: SARI.id, amount: 1, kind: "topup", actorId: ADMIN.id, now: bot.clock.now() });
      }
    })();
    const started = performance.now();
    await h.send("/export hari ini", ADMIN);
    const ms = performance.now() - started;
    const rows = csv(documentsTo(h, ADMIN.id)[1]!);
    expect(rows).toHaveLength(10_001);
    expect(rows.reduce((sum, r) => sum + Number(r.jumlah), 0)).toBe(1_000_000);
    expect(rows.at(-1)).toMatchObject({ jenis: "topup", jumlah: "1", saldo_setelah: "1000000" });
    console.log(`export of 10,001 ledger rows: ${ms.toFixed(0)} ms`);
  });
});
