import type { Bill } from "./bill.js";
import type { ProductKind } from "./catalog.js";
import { formatDateTimeWib, formatRupiah, type Translate } from "./format.js";
import { joinBlocks, viewBill } from "./layout.js";

/**
 * The bill as the customer reads it before confirming. `price` is what the user pays; the admin
 * fee shown is whatever that is above the bill, so the operator's markup is never shown apart.
 */
export function renderBillSummary(
  a: { bill: Bill; price: number; productName: string; balance: number; kind?: ProductKind; paidBefore?: number },
  t: Translate,
): string {
  const view = viewBill(a, t);
  const short = a.price - a.balance;
  // Short of money, the question is how to top up (the buttons offer it), not whether to pay.
  const ask =
    short > 0
      ? [t("bill-balance-short", { amount: formatRupiah(short) })]
      : a.paidBefore !== undefined
        ? [t("bill-paid-before", { time: formatDateTimeWib(a.paidBefore, t) }), t("bill-confirm-again")]
        : [t("bill-confirm")];
  return joinBlocks([
    [view.title],
    [...view.identity, ...view.info],
    ...view.blocks,
    view.money,
    [t("bill-balance", { balance: formatRupiah(a.balance) }), ...ask],
  ]);
}
