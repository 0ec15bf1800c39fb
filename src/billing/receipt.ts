import type { ProductKind } from "./catalog.js";
import { formatDateTimeWib, formatRupiah, type Translate } from "./format.js";
import { viewBill } from "./layout.js";
import { prepaidReceiptLines } from "./prepaid-view.js";
import { plain, type ReceiptBlocks, type ReceiptLine, receiptText, roleLines } from "./receipt-lines.js";
import type { Tx } from "./transaction.js";

/**
 * The balance a receipt shows: the balance `now` (the news of a payment just settled), or the one
 * right `after` this payment or its refund (a receipt opened again). Each is labelled as what it
 * is: two pending payments settling together must not show two "remaining" balances that neither
 * match /saldo.
 */
export type ReceiptBalance = { now: number } | { after: number };

/** Title and closing note by state; a quote never confirmed took no money, like a cancelled one. */
function status(tx: Tx, shown: ReceiptBalance | undefined, t: Translate): { title: string; note: string } {
  const price = formatRupiah(tx.price);
  const now = shown !== undefined && "now" in shown;
  const balance = shown === undefined ? undefined : formatRupiah("now" in shown ? shown.now : shown.after);
  switch (tx.state) {
    case "success":
      return { title: t("receipt-success-title"), note: balance ? t(now ? "receipt-balance" : "receipt-balance-after", { balance }) : "" };
    case "failed":
      return {
        title: t("receipt-failed-title"),
        note: balance
          ? t(now ? "receipt-failed-refund" : "receipt-failed-refund-after", { amount: price, balance })
          : t("receipt-failed-refund-only", { amount: price }),
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
export function renderReceipt(a: ReceiptInput, t: Translate): string {
  return receiptText(receiptLines(a, t));
}

export interface ReceiptInput {
  tx: Tx;
  productName: string;
  balance: ReceiptBalance | undefined;
  kind?: ProductKind;
}

/** The receipt's lines in blocks, each with its role (see ReceiptLine). */
export function receiptLines(a: ReceiptInput, t: Translate): ReceiptBlocks {
  const { tx } = a;
  const { title, note } = status(tx, a.balance, t);
  if (tx.bill.prepaid) return prepaidReceiptLines(a, t, title, note);
  const view = viewBill({ bill: tx.bill, price: tx.price, productName: a.productName, kind: a.kind, totalKey: "receipt-total-paid" }, t);
  const top = [...roleLines("title", title), ...plain([t("receipt-time", { time: formatDateTimeWib(tx.settledAt ?? tx.confirmedAt ?? tx.createdAt, t) })])];
  const product = t("receipt-product", { product: a.productName });
  const ref = t("receipt-ref", { ref: tx.id });

  if (tx.state !== "success") {
    const total = t(tx.state === "failed" || tx.state === "cancelled" || tx.state === "quoted" ? "bill-total" : "receipt-total-paid", {
      amount: formatRupiah(tx.price),
    });
    return [top, plain([product, ...view.identity, total, ref]), [{ text: note, role: "note" }]];
  }
  const sn = tx.sn ?? "";
  // The last money line is the total (viewBill puts it there).
  const money = view.money.map((text, i): ReceiptLine => (i === view.money.length - 1 ? { text, role: "total" } : { text }));
  return [
    top,
    plain([product, ...view.identity, ...view.info]),
    ...view.blocks.map(plain),
    money,
    [...roleLines("code", sn && view.serial(sn)), { text: ref }],
    plain(view.more(tx.resultDetails, sn)),
    roleLines("note", note),
  ];
}
