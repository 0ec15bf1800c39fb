import type { Bill, BillDetail, ResultCode } from "../../billing/bill.js";
import type { PrepaidCatalogEntry } from "../../billing/prepaid-catalog.js";
import { prepaidBill } from "../prepaid.js";
import type { InquiryRequest, PrepaidOrder } from "../provider.js";
import type { PrepaidProduct } from "../../billing/price-list.js";

/**
 * Tokopedia prepaid purchases share the order endpoints with bills; what differs is the quote.
 * A product with `is_inquiry` (PLN token, games with a nickname check, e-wallets) is quoted from
 * Tokopedia's inquiry answer: the name it shows, its lines, its price. Any other product is quoted
 * from the price list without a call.
 */

/** One item of `GET /v2/product-list` as this reading needs it. */
export interface TokopediaListedProduct {
  code: string;
  name: string;
  price: number | undefined;
  /** 1 active, 2 inactive, 3 temporarily inactive. */
  status: number;
  isInquiry: boolean;
}

/**
 * The prepaid price list: the operator's catalog says what each product code is (category, brand,
 * inputs, open-amount range), Tokopedia's product list what it costs and whether it sells now. A
 * catalog code Tokopedia does not list is not offered; a listed code the catalog does not name is
 * not prepaid (bills share the list). An open-amount product's listed price is read as the fee on
 * top of the amount (the shared model's cost); its inquiry quotes the total anyway. A fixed
 * product listed without a price cannot be priced, so it is not available.
 */
export function tokopediaPrepaidProducts(listed: TokopediaListedProduct[], catalog: PrepaidCatalogEntry[]): PrepaidProduct[] {
  const byCode = new Map(listed.map((l) => [l.code, l]));
  return catalog.flatMap((entry): PrepaidProduct[] => {
    const item = byCode.get(entry.code);
    if (!item) return [];
    const cost = item.price ?? 0;
    return [
      {
        code: entry.code,
        name: item.name.trim() || entry.code,
        category: entry.category,
        brand: entry.brand,
        type: entry.type,
        cost,
        available: item.status === 1 && (entry.openAmount !== undefined || cost > 0),
        description: entry.description,
        check: item.isInquiry,
        fields: entry.fields,
        ...(entry.openAmount && { openAmount: entry.openAmount }),
      },
    ];
  });
}

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
  // Unchecked, an open amount costs the amount on top of the listed fee.
  const unchecked = req.amount === undefined ? undefined : { name: "", details, cost: req.prepaid.cost + req.amount, amount: req.amount };
  const customer = answer ? { name: nameOf(answer, details), details, cost: answer.sales_price, amount: answer.base_price } : unchecked;
  const bill = prepaidBill("tokopedia", req, quotedAt, customer);
  // Tokopedia orders by the partner's own unique id: our reference.
  return { ...bill, refs: { refId: req.ref, orderId: req.ref } };
}

/**
 * voucher_code and serial_number each as what it is: a Google Play order carries both, the code to
 * redeem and a serial apart. One that only repeats the PLN token (Tokopedia writes it in both) or
 * the other is left out.
 */
export function orderCodes(a: { voucher_code?: string | null; serial_number?: string | null }, token: string | undefined): ResultCode[] {
  const seen = new Set(token ? [token] : []);
  const codes: ResultCode[] = [];
  for (const [kind, raw] of [
    ["voucher", a.voucher_code],
    ["serial", a.serial_number],
  ] as const) {
    const value = raw?.trim() ?? "";
    const same = value.replace(/[\s-]/g, "");
    if (value === "" || seen.has(same)) continue;
    seen.add(same);
    codes.push({ kind, value });
  }
  return codes;
}
