import type { Composer } from "grammy";
import { LeanComposer } from "../../composer.js";
import { formatDate, formatRupiah, wibDate } from "../../../billing/format.js";
import { Deposits } from "../../../db/deposits.js";
import { dailyReport, wibDayRange } from "../../../db/report.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { adminOnly } from "./guard.js";
import { providerReportLines } from "./routes-report.js";

/** The books at a glance: /laporan for a WIB day (/saldoprovider, every provider's deposit, is in routes.ts). */
export function adminReportFeature(deps: Pick<BotDeps, "db" | "deposits" | "isAdmin" | "log" | "logger" | "now" | "payments">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const deposits = new Deposits(deps.db);

  c.command(
    "laporan",
    adminOnly(deps, "laporan", (ctx, args) => {
      const day = args || wibDate(deps.now());
      const range = wibDayRange(day);
      if (!range) return { reply: ctx.t("admin-report-usage"), outcome: "usage" };
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
            date: formatDate(day, ctx.t),
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
        detail: { date: day },
      };
    }),
  );

  return c;
}
