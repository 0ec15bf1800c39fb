import { join } from "node:path";
import { type Composer, InputFile } from "grammy";
import { LeanComposer } from "../../composer.js";
import { type DateRange, parseDateRange } from "../../../billing/date-range.js";
import { csvTimeWib, formatDateRange } from "../../../billing/format.js";
import type { Db } from "../../../db/database.js";
import { type DepositRow, depositRows, type LedgerRowOut, ledgerRows, type TransactionRow, transactionRows, withReader } from "../../../db/export-rows.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { type CsvColumns, inScratchDir, writeCsv } from "../../csv-file.js";
import { rangeRefusal } from "../../range-refusal.js";
import { adminOnly } from "./guard.js";

const time = (ms: number | null) => (ms === null ? null : csvTimeWib(ms));

/** One CSV file of an export: its name, the caption's key, and how it is written from the reader. */
interface ExportFile {
  name: string;
  caption: string;
  write(reader: Db, path: string, range: DateRange): Promise<number>;
}

function exportFiles(deps: Pick<BotDeps, "catalog">): ExportFile[] {
  const transactions: CsvColumns<TransactionRow> = [
    ["id", (r) => r.id],
    ["dibuat_wib", (r) => time(r.createdAt)],
    ["dikonfirmasi_wib", (r) => time(r.confirmedAt)],
    ["selesai_wib", (r) => time(r.settledAt)],
    ["user_id", (r) => r.userId],
    ["produk", (r) => r.productId],
    ["nama_produk", (r) => r.prepaidName ?? deps.catalog.productName(r.productId, "id")],
    ["provider", (r) => r.provider],
    ["nomor_pelanggan", (r) => r.customerNo],
    ["status", (r) => r.state],
    ["harga", (r) => r.price],
    ["modal", (r) => r.cost],
    ["margin", (r) => r.margin],
    ["sn", (r) => r.sn],
    ["kode_gagal", (r) => r.failureCode],
  ];
  const ledger: CsvColumns<LedgerRowOut> = [
    ["id", (r) => r.id],
    ["waktu_wib", (r) => time(r.createdAt)],
    ["user_id", (r) => r.userId],
    ["jenis", (r) => r.kind],
    ["jumlah", (r) => r.amount],
    ["saldo_setelah", (r) => r.balanceAfter],
    ["transaksi", (r) => r.txId],
    ["admin", (r) => r.actorId],
    ["catatan", (r) => r.note],
  ];
  const deposits: CsvColumns<DepositRow> = [
    ["id", (r) => r.id],
    ["dibuat_wib", (r) => time(r.createdAt)],
    ["selesai_wib", (r) => time(r.settledAt)],
    ["user_id", (r) => r.userId],
    ["gateway", (r) => r.gateway],
    ["metode", (r) => r.method],
    ["status", (r) => r.state],
    ["jumlah", (r) => r.amount],
    ["biaya", (r) => r.fee],
    ["biaya_ditanggung", (r) => r.feePayer],
    ["dibayar", (r) => r.payAmount],
    ["ref_gateway", (r) => r.gatewayRef],
  ];
  return [
    { name: "transaksi", caption: "export-transactions", write: (db, path, range) => writeCsv(path, transactions, transactionRows(db, range)) },
    { name: "mutasi-saldo", caption: "export-ledger", write: (db, path, range) => writeCsv(path, ledger, ledgerRows(db, range)) },
    { name: "isi-saldo-gateway", caption: "export-deposits", write: (db, path, range) => writeCsv(path, deposits, depositRows(db, range)) },
  ];
}

/**
 * /export [month or range]: the period's transactions (price, cost, margin), every balance change
 * and the gateway deposits, as three CSV files sent as documents. Each file is written row by row
 * from SQLite to a scratch file, then sent and removed: a long range is never held in memory.
 */
export function adminExportFeature(deps: Pick<BotDeps, "catalog" | "db" | "isAdmin" | "log" | "logger" | "now">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const files = exportFiles(deps);

  c.command(
    "export",
    adminOnly(deps, "export", async (ctx, args) => {
      // Without a period: this month, what an operator closes.
      const read = parseDateRange(args || "bulan ini", deps.now());
      if (!read.ok) return { reply: rangeRefusal(ctx, "export-usage", args, read.error), outcome: "usage" };
      const { range } = read;
      const period = formatDateRange(range, ctx.t);
      const counts = await inScratchDir((dir) =>
        withReader(deps.db, async (reader) => {
          const written: number[] = [];
          for (const file of files) {
            const name = `${file.name}-${range.first}_${range.last}.csv`;
            const path = join(dir, name);
            const count = await file.write(reader, path, range);
            await ctx.replyWithDocument(new InputFile(path, name), { caption: ctx.t(file.caption, { period, count }) });
            written.push(count);
          }
          return written;
        }),
      );
      const [transactions = 0, ledger = 0, deposits = 0] = counts;
      return {
        reply: ctx.t("export-done", { period, transactions, ledger, deposits }),
        outcome: "done",
        detail: { from: range.first, to: range.last, transactions, ledger, deposits },
      };
    }),
  );
  return c;
}
