import { join } from "node:path";
import { type Composer, InlineKeyboard, InputFile } from "grammy";
import { LeanComposer } from "../composer.js";
import { type DateRange, parseDateRange, rangeFromKey, rangeKey } from "../../billing/date-range.js";
import { csvTimeWib, formatDateRange, formatDateTimeWib, formatRupiah, formatSignedRupiah, type Translate } from "../../billing/format.js";
import { AccountStatement, type StatementEntry, statementEntries } from "../../db/account-statement.js";
import { withReader } from "../../db/export-rows.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { type CsvColumns, inScratchDir, writeCsv } from "../csv-file.js";
import { rangeRefusal } from "../range-refusal.js";

export const STATEMENT_PAGE_SIZE = 10;

/** The periods offered as buttons, as the range parser reads them. */
const PRESETS = { today: "hari ini", week: "7 hari", month: "bulan ini" } as const;
type Preset = keyof typeof PRESETS;

/**
 * /mutasi: a user's balance statement for a period, from the ledger: every top-up, payment, refund
 * and deduction with its time, reference and the balance after it, a page at a time (numbered
 * buttons, so terminal and WhatsApp page too), and the same rows as a CSV file on request.
 */
export function statementFeature(deps: Pick<BotDeps, "catalog" | "db" | "now">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const book = new AccountStatement(deps.db);

  const what = (e: StatementEntry, locale: string, t: Translate) => {
    const kind = t(`statement-kind-${e.kind}`);
    const product = e.prepaidName ?? (e.productId === null ? undefined : deps.catalog.productName(e.productId, locale));
    return product ? `${kind} ${product}` : kind;
  };
  // A purchase by its transaction (the reference the receipt shows), a gateway top-up by its order id, anything else by its ledger row.
  const reference = (e: StatementEntry) => e.txId ?? e.depositId ?? `#${e.id}`;

  const page = (userId: number, range: DateRange, n: number, locale: string, t: Translate) => {
    const total = book.count(userId, range);
    const pages = Math.max(1, Math.ceil(total / STATEMENT_PAGE_SIZE));
    const current = Math.min(Math.max(n, 0), pages - 1);
    const entries = book.page(userId, range, STATEMENT_PAGE_SIZE, current * STATEMENT_PAGE_SIZE);
    const first = current * STATEMENT_PAGE_SIZE + 1;
    const lines = entries.map((e, i) =>
      t("statement-line", {
        n: first + i,
        time: formatDateTimeWib(e.createdAt, t),
        what: what(e, locale, t),
        amount: formatSignedRupiah(e.amount),
        balance: formatRupiah(e.balanceAfter),
        ref: reference(e),
      }),
    );
    const key = rangeKey(range);
    const kb = new InlineKeyboard();
    if (current > 0) kb.text(t("menu-previous"), `mut:${key}:${current - 1}`);
    if (current < pages - 1) kb.text(t("menu-next"), `mut:${key}:${current + 1}`);
    if (total > 0) kb.row().text(t("statement-csv-button"), `mutcsv:${key}`);
    const text = [
      t("statement-title", { period: formatDateRange(range, t), page: current + 1, pages }),
      t("statement-opening", { balance: formatRupiah(book.opening(userId, range)) }),
      "",
      ...(lines.length > 0 ? lines : [t("statement-empty")]),
      "",
      t("statement-closing", { balance: formatRupiah(book.closing(userId, range)) }),
    ].join("\n");
    return { text, reply_markup: kb };
  };

  const choose = (ctx: BotContext) =>
    ctx.reply(ctx.t("statement-choose"), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("statement-today"), "mutp:today")
        .text(ctx.t("statement-week"), "mutp:week")
        .text(ctx.t("statement-month"), "mutp:month"),
    });

  const columns = (locale: string, t: Translate): CsvColumns<StatementEntry> => [
    ["waktu_wib", (e) => csvTimeWib(e.createdAt)],
    ["jenis", (e) => what(e, locale, t)],
    ["referensi", reference],
    ["jumlah", (e) => e.amount],
    ["saldo_setelah", (e) => e.balanceAfter],
  ];

  const sendCsv = async (ctx: BotContext, range: DateRange) => {
    const userId = ctx.from!.id;
    const locale = await ctx.i18n.getLocale();
    const name = `mutasi-${range.first}_${range.last}.csv`;
    await inScratchDir(async (dir) => {
      const path = join(dir, name);
      const count = await withReader(deps.db, (reader) => writeCsv(path, columns(locale, ctx.t), statementEntries(reader, userId, range)));
      await ctx.replyWithDocument(new InputFile(path, name), { caption: ctx.t("statement-csv-caption", { period: formatDateRange(range, ctx.t), count }) });
    });
  };

  c.command(["mutasi", "statement"], async (ctx) => {
    const args = ctx.match.trim();
    if (!args) return choose(ctx);
    const read = parseDateRange(args, deps.now());
    if (!read.ok) return ctx.reply(rangeRefusal(ctx, "statement-usage", args, read.error));
    const p = page(ctx.from!.id, read.range, 0, await ctx.i18n.getLocale(), ctx.t);
    await ctx.reply(p.text, { reply_markup: p.reply_markup });
  });
  c.callbackQuery("menu:statement", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    await choose(ctx);
  });
  c.callbackQuery(/^mutp:(today|week|month)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const read = parseDateRange(PRESETS[ctx.match[1] as Preset], deps.now());
    if (!read.ok) return;
    const p = page(ctx.from.id, read.range, 0, await ctx.i18n.getLocale(), ctx.t);
    await ctx.editMessageText(p.text, { reply_markup: p.reply_markup }).catch(() => {});
  });
  c.callbackQuery(/^mut:(\d{8}-\d{8}):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const range = rangeFromKey(ctx.match[1]!);
    if (!range) return ctx.reply(ctx.t("menu-expired"));
    const p = page(ctx.from.id, range, Number(ctx.match[2]), await ctx.i18n.getLocale(), ctx.t);
    await ctx.editMessageText(p.text, { reply_markup: p.reply_markup }).catch(() => {});
  });
  c.callbackQuery(/^mutcsv:(\d{8}-\d{8})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const range = rangeFromKey(ctx.match[1]!);
    if (!range) return ctx.reply(ctx.t("menu-expired"));
    await sendCsv(ctx, range);
  });
  return c;
}
