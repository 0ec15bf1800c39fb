import type { ProductKind } from "./catalog.js";
import { formatDateTimeWib, formatRupiah, type Translate } from "./format.js";
import { joinBlocks, viewBill } from "./layout.js";
import { renderPrepaidReceipt } from "./prepaid-view.js";
import type { Tx } from "./transaction.js";

/**
 * Title and closing note by state; a quote never confirmed took no money, like a cancelled one.
 * `balance` is the balance right after this payment (or its refund), when the ledger has it.
 */
function status(tx: Tx, balanceAfter: number | undefined, t: Translate): { title: string; note: string } {
  const price = formatRupiah(tx.price);
  const balance = balanceAfter === undefined ? undefined : formatRupiah(balanceAfter);
  switch (tx.state) {
    case "success":
      return { title: t("receipt-success-title"), note: balance ? t("receipt-balance", { balance }) : "" };
    case "failed":
      return {
        title: t("receipt-failed-title"),
        note: balance ? t("receipt-failed-refund", { amount: price, balance }) : t("receipt-failed-refund-only", { amount: price }),
      };
    case "cancelled":
    case "quoted":
      return { title: t("receipt-cancelled-title"), note: t("receipt-cancelled-note") };
    default:
      // The provider says done, the customer has no token yet: a message of its own, not "still processing".
      if (tx.awaiting === "token") return { title: t("receipt-token-awaited-title"), note: t("receipt-token-awaited-note", { amount: price }) };
      return { title: t("receipt-pending-title"), note: t("receipt-pending-note", { amount: price }) };
  }
}

/**
 * The struk: what happened to a payment, in a form worth keeping. A paid one shows the whole bill
 * as the summary did, the serial number or token, and whatever the biller added on paying (minus
 * what is already there); one that did not go through stays short.
 */
export function renderReceipt(a: { tx: Tx; productName: string; balance: number | undefined; kind?: ProductKind }, t: Translate): string {
  const { tx } = a;
  const { title, note } = status(tx, a.balance, t);
  if (tx.bill.prepaid) return renderPrepaidReceipt(a, t, title, note);
  const view = viewBill({ bill: tx.bill, price: tx.price, productName: a.productName, kind: a.kind, totalKey: "receipt-total-paid" }, t);
  const top = [title, t("receipt-time", { time: formatDateTimeWib(tx.settledAt ?? tx.confirmedAt ?? tx.createdAt, t) })];
  const product = t("receipt-product", { product: a.productName });
  const ref = t("receipt-ref", { ref: tx.id });

  if (tx.state !== "success") {
    const total = t(tx.state === "failed" || tx.state === "cancelled" || tx.state === "quoted" ? "bill-total" : "receipt-total-paid", {
      amount: formatRupiah(tx.price),
    });
    return joinBlocks([top, [product, ...view.identity, total, ref], [note]]);
  }
  const sn = tx.sn ?? "";
  return joinBlocks([
    top,
    [product, ...view.identity, ...view.info],
    ...view.blocks,
    view.money,
    [...(sn ? [view.serial(sn)] : []), ref],
    view.more(tx.resultDetails, sn),
    note ? [note] : [],
  ]);
}
