import { formatDate, type Translate, wibDate } from "../../../billing/format.js";
import { withoutEmoji } from "../../../billing/struk.js";
import { salesByDay, salesByProduct } from "../../../db/report-series.js";
import { type ChartInput, renderChart } from "../../../pictures/report-chart.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import type { Picture } from "../../struk-pictures.js";

const DAYS = 30;
const DAY_MS = 86_400_000;
/** Products on their own rows; the rest share one. */
const TOP_PRODUCTS = 5;

/** The chart's figures: the 30 WIB days ending with the day before `to`, and each product's share of them. */
export function reportChartInput(deps: Pick<BotDeps, "catalog" | "db">, to: number, locale: string, t: Translate): ChartInput {
  const range = { from: to - DAYS * DAY_MS, to };
  const sold = new Map(salesByDay(deps.db, range).map((d) => [d.day, d]));
  const days = Array.from({ length: DAYS }, (_, i) => {
    const day = wibDate(range.from + i * DAY_MS);
    const s = sold.get(day);
    return { label: String(Number(day.slice(8))), volume: s?.volume ?? 0, margin: s?.margin ?? 0 };
  });
  const products = salesByProduct(deps.db, range).map((p) => ({
    label: p.prepaidCategory ? withoutEmoji(t(`prepaid-category-${p.prepaidCategory}`)) : deps.catalog.productName(p.productId, locale),
    volume: p.volume,
  }));
  const rest = products.slice(TOP_PRODUCTS).reduce((sum, p) => sum + p.volume, 0);
  return {
    title: t("admin-report-chart-title", { from: formatDate(wibDate(range.from), t), to: formatDate(wibDate(to - 1), t) }),
    days,
    shares: [...products.slice(0, TOP_PRODUCTS), ...(rest > 0 ? [{ label: t("admin-report-chart-others"), volume: rest }] : [])],
    texts: {
      volume: t("admin-report-chart-volume"),
      margin: t("admin-report-chart-margin"),
      shares: t("admin-report-chart-shares"),
      empty: t("admin-report-chart-empty"),
    },
  };
}

/** /laporan's chart for the 30 days up to the report's day. One that cannot be drawn is logged: the text report goes alone. */
export async function reportChart(deps: Pick<BotDeps, "catalog" | "db" | "log">, ctx: BotContext, to: number): Promise<Picture | undefined> {
  const input = reportChartInput(deps, to, await ctx.i18n.getLocale(), ctx.t);
  const png = await renderChart(input).catch((err: Error) => deps.log(`report chart could not be drawn: ${err.message}`));
  return png ? { png, filename: `laporan-${wibDate(to - 1)}.png` } : undefined;
}
