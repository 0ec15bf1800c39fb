import type { Bill, BillDetail, PlnToken, PrepaidCategory, ProviderName, ResultCode } from "../billing/bill.js";
import { plnTokenFromSn } from "./pln-token.js";
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

/**
 * What a Digiflazz or IAK prepaid success hands the customer. Both answer with one `sn`: a PLN
 * token with its details (read into `token`; an sn that is not one gives none), a voucher's code,
 * or any other product's serial number; IAK adds a game voucher's `pin`.
 */
export function snResult(category: PrepaidCategory | undefined, sn: string, pin = ""): { token?: PlnToken; codes: ResultCode[] } {
  if (category === "pln") {
    const token = plnTokenFromSn(sn);
    return token ? { token, codes: [] } : { codes: [] };
  }
  const codes: ResultCode[] = [];
  if (sn.trim()) codes.push({ kind: category === "voucher" ? "voucher" : "serial", value: sn.trim() });
  if (pin.trim()) codes.push({ kind: "pin", value: pin.trim() });
  return { codes };
}
