import type { Composer } from "grammy";
import { LeanComposer } from "../../composer.js";
import { parseDateRange } from "../../../billing/date-range.js";
import { formatDateRange, formatRupiah } from "../../../billing/format.js";
import { Deposits } from "../../../db/deposits.js";
import { dailyReport } from "../../../db/report.js";
import type { BotContext } from "../../context.js";
import { rangeRefusal } from "../../range-refusal.js";
import type { BotDeps } from "../../deps.js";
import { adminOnly } from "./guard.js";
import { reportChart } from "./report-chart.js";
import { providerReportLines } from "./routes-report.js";

/** The books at a glance: /laporan for WIB days (a day, a month, a range); /saldoprovider, every provider's deposit, is in routes.ts. */
export function adminReportFeature(
  deps: Pick<BotDeps, "catalog" | "db" | "deposits" | "isAdmin" | "log" | "logger" | "now" | "payments">,
): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const deposits = new Deposits(deps.db);

  c.command(
    "laporan",
    adminOnly(deps, "laporan", (ctx, args) => {
      const read = parseDateRange(args, deps.now());
      if (!read.ok) return { reply: rangeRefusal(ctx, "admin-report-usage", args, read.error), outcome: "usage" };
      const { range } = read;
      const r = dailyReport(deps.db, range);
      // Gateway deposits are among the top-ups; their own line once a gateway is (or was) in use.
      const g = deposits.paidBetween(range.from, range.to);
      const gateway =
        deps.deposits || g.count > 0
          ? [
              ctx.t("admin-report-gateway", {
                count: g.count,
                amount: formatRupiah(g.amount),
                fees: formatRupiah(g.fees),
                operatorFees: formatRupiah(g.operatorFees),
              }),
            ]
          : [];
      return {
        reply: [
          ctx.t("admin-report", {
            date: formatDateRange(range, ctx.t),
            count: r.payments.count,
            volume: formatRupiah(r.payments.volume),
            cost: formatRupiah(r.payments.cost),
            markup: formatRupiah(r.payments.markup),
            refunds: r.refunds.count,
            refundAmount: formatRupiah(r.refunds.amount),
            pending: r.pending,
            topups: r.topups.count,
            topupAmount: formatRupiah(r.topups.amount),
            deductions: r.deductions.count,
            deductionAmount: formatRupiah(r.deductions.amount),
          }),
          ...gateway,
          ...providerReportLines(deps, range, ctx.t),
        ].join("\n"),
        outcome: "done",
        detail: { date: range.first === range.last ? range.first : `${range.first}..${range.last}` },
        // The chart of the 30 days up to the report's last day, with the text report as its caption.
        picture: reportChart(deps, ctx, range.to),
      };
    }),
  );

  return c;
}
