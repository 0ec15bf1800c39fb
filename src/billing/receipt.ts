import type { Tx } from "../payments/transactions.js";
import { formatDateTimeWib, formatRupiah, type Translate } from "./format.js";

/** The struk: what happened to a payment, in a form worth keeping. */
export function renderReceipt(a: { tx: Tx; productName: string; balance: number }, t: Translate): string {
  const { tx } = a;
  const title = { success: "receipt-success-title", failed: "receipt-failed-title" }[tx.state as string] ?? "receipt-pending-title";
  const lines = [
    t(title),
    "",
    t("receipt-product", { product: a.productName }),
    t("receipt-customer", { name: tx.bill.customerName, number: tx.bill.customerNo }),
    t("receipt-ref", { ref: tx.id }),
  ];
  if (tx.sn) lines.push(t("receipt-sn", { sn: tx.sn }));
  lines.push(t("receipt-total", { amount: formatRupiah(tx.price) }));
  lines.push(t("receipt-time", { time: formatDateTimeWib(tx.settledAt ?? tx.confirmedAt ?? tx.createdAt, t) }));
  lines.push("");
  if (tx.state === "success") lines.push(t("receipt-balance", { balance: formatRupiah(a.balance) }));
  else if (tx.state === "failed") lines.push(t("receipt-failed-refund", { amount: formatRupiah(tx.price), balance: formatRupiah(a.balance) }));
  else lines.push(t("receipt-pending-note", { amount: formatRupiah(tx.price) }));
  return lines.join("\n");
}
