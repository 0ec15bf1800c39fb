import type { Bill } from "./bill.js";
import { formatPeriod, formatRupiah, type Translate } from "./format.js";

/**
 * The bill as the customer reads it before confirming. The admin fee shown is whatever the user
 * pays above the bill itself, so the operator's markup is part of it and never shown apart.
 */
export function renderBillSummary(a: { bill: Bill; price: number; productName: string; balance: number }, t: Translate): string {
  const { bill, price } = a;
  const lines = [
    t("bill-title", { product: a.productName }),
    t("bill-customer", { name: bill.customerName }),
    t("bill-number", { number: bill.customerNo }),
  ];
  for (const p of bill.periods) {
    lines.push("");
    if (p.period) lines.push(t("bill-period", { period: formatPeriod(p.period, t) }));
    if (p.amount) lines.push(t("bill-amount", { amount: formatRupiah(p.amount) }));
    if (p.penalty) lines.push(t("bill-penalty", { amount: formatRupiah(p.penalty) }));
    if (p.other) lines.push(t("bill-other", { amount: formatRupiah(p.other) }));
    if (p.meterStart && p.meterEnd) lines.push(t("bill-meter", { start: p.meterStart, end: p.meterEnd }));
  }
  const admin = price - bill.billAmount;
  lines.push("");
  if (admin > 0) lines.push(t("bill-admin", { amount: formatRupiah(admin) }));
  lines.push(t("bill-total", { amount: formatRupiah(price) }));
  lines.push("", t("bill-balance", { balance: formatRupiah(a.balance) }), t("bill-confirm"));
  return lines.join("\n");
}
