import { formatRupiah, type Translate } from "../../../billing/format.js";
import type { BotDeps } from "../../deps.js";
import { routed } from "./routes.js";

/** /laporan's section per provider (several providers only): how many payments each made, their volume and margin. */
export function providerReportLines(deps: Pick<BotDeps, "payments">, range: { from: number; to: number }, t: Translate): string[] {
  if (!routed(deps)) return [];
  const rows = deps.payments.attempts.byProvider(range.from, range.to);
  const byName = new Map(rows.map((r) => [r.provider, r]));
  return [
    t("admin-report-providers"),
    ...deps.payments.providers.names.map((provider) => {
      const r = byName.get(provider) ?? { count: 0, volume: 0, margin: 0 };
      return t("admin-report-provider", { provider, count: r.count, volume: formatRupiah(r.volume), margin: formatRupiah(r.margin) });
    }),
  ];
}
