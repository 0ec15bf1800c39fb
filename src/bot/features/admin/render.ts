import { formatDateTimeWib, formatRupiah, splitCustomerNo, type Translate } from "../../../billing/format.js";
import type { BotDeps } from "../../deps.js";
import type { Tx } from "../../../billing/transaction.js";

/** How long ago, as an admin reads it: "12 mnt", "3 jam 5 mnt", "2 hari 4 jam". */
export function formatAge(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return t("admin-age-minutes", { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t("admin-age-hours", { hours, minutes: minutes % 60 });
  return t("admin-age-days", { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** One payment on one line: when, reference, product and number, amount, state. */
export function txLine(deps: Pick<BotDeps, "catalog">, tx: Tx, locale: string, t: Translate): string {
  return t("admin-tx-line", {
    time: formatDateTimeWib(tx.confirmedAt ?? tx.createdAt, t),
    ref: tx.id,
    product: deps.catalog.purchaseName(tx, locale),
    number: splitCustomerNo(tx.customerNo).number,
    amount: formatRupiah(tx.price),
    state: t(`admin-state-${tx.state}`),
  });
}
