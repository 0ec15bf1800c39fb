import type { Bill, BillDetail } from "../billing/bill.js";
import { prepaidBill, type PrepaidOrder } from "./prepaid.js";
import type { InquiryRequest } from "./provider.js";

/**
 * Tokopedia prepaid purchases share the order endpoints with bills; what differs is the quote.
 * A product with `is_inquiry` (PLN token, games with a nickname check, e-wallets) is quoted from
 * Tokopedia's inquiry answer: the name it shows, its lines, its price. Any other product is quoted
 * from the catalog without a call.
 */

type PrepaidRequest = InquiryRequest & { prepaid: PrepaidOrder };

/** The inquiry answer's attributes this reading needs. */
interface InquiryAnswer {
  base_price: number;
  sales_price: number;
  client_name?: string | null;
  inquiry_result?: { name: string; value: string }[] | null;
}

/** Who the number belongs to: `client_name`, or the Nama / Username line where that is empty (e-wallets). */
function nameOf(a: InquiryAnswer, details: BillDetail[]): string {
  const line = (key: string) => details.find((d) => d.key.trim().toLowerCase() === key)?.value.trim();
  return a.client_name?.trim() || line("nama") || line("username") || "";
}

export function tokopediaPrepaidBill(req: PrepaidRequest, quotedAt: Date, answer?: InquiryAnswer): Bill {
  const details = (answer?.inquiry_result ?? []).map((l) => ({ key: l.name, value: l.value }));
  const customer = answer ? { name: nameOf(answer, details), details, cost: answer.sales_price, amount: answer.base_price } : undefined;
  const bill = prepaidBill("tokopedia", req, quotedAt, customer);
  // Tokopedia orders by the partner's own unique id: our reference.
  return { ...bill, refs: { refId: req.ref, orderId: req.ref } };
}
