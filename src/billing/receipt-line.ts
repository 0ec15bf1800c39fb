import { formatRupiah, splitCustomerNo, type Translate } from "./format.js";
import type { Tx } from "./transaction.js";

/**
 * A batch order's receipt: one line per order ("✅ 2/5 XL 10rb · 087800001230 · Rp 11.500 · SN
 * ..."), sent as each finishes; the whole struk stays one tap away in /riwayat.
 */
export function renderReceiptLine(a: { tx: Tx; productName: string; line: number; of: number }, t: Translate): string {
  const { tx } = a;
  const vars = { n: a.line, of: a.of, product: a.productName, number: splitCustomerNo(tx.bill.customerNo).number, amount: formatRupiah(tx.price) };
  if (tx.state === "success") return t("batch-receipt-success", { ...vars, sn: tx.sn?.trim() || "-" });
  if (tx.state === "failed") return t("batch-receipt-failed", vars);
  return t("batch-receipt-pending", vars);
}
