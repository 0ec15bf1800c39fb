import type { Bill, BillDetail, ProviderName } from "../billing/bill.js";
import type { InquiryRequest, PrepaidOrder } from "./provider.js";

/**
 * The shared prepaid model. A prepaid purchase rides the bill pipeline: `inquiry` with
 * `req.prepaid` quotes it (asking the provider who the customer is where the product has such a
 * check), and `pay` / `status` of a bill carrying `prepaid` go to the provider's prepaid wire calls.
 */

/** The quote of a prepaid purchase; `customer` is what the provider's check said, when there was one. */
export function prepaidBill(
  provider: ProviderName,
  req: InquiryRequest & { prepaid: PrepaidOrder },
  quotedAt: Date,
  customer: { name: string; details: BillDetail[]; cost?: number; amount?: number } = { name: "", details: [] },
): Bill {
  const cost = customer.cost ?? req.prepaid.cost;
  const fields = req.fields ?? [];
  return {
    provider,
    productCode: req.productCode,
    customerNo: req.customerNo,
    customerName: customer.name,
    periods: [],
    details: customer.details,
    billAmount: customer.amount ?? req.amount ?? cost,
    adminFee: 0,
    cost,
    ...(fields.length > 0 ? { fields } : {}),
    refs: { refId: req.ref },
    prepaid: { category: req.prepaid.category, ...(req.prepaid.name && { name: req.prepaid.name }), quotedAt: quotedAt.toISOString() },
  };
}

/** The value of a product input, "" when absent. */
export const fieldValue = (bill: Pick<Bill, "fields">, name: string): string => bill.fields?.find((f) => f.name === name)?.value ?? "";
