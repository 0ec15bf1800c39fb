import type { Bill } from "../../billing/bill.js";
import type { PrepaidProduct } from "../../billing/price-list.js";
import { prepaidBill, snResult } from "../prepaid.js";
import type { InquiryRequest, Outcome, Payment, PrepaidOrder } from "../provider.js";
import { hash, NAMES, raw } from "./common.js";

/**
 * The sandbox biller's prepaid side: a product of every category and numbers that walk every path.
 * Any number not listed succeeds at once.
 */

export type PrepaidScenario = "pay-fails" | "pending-success" | "pending-fails" | "no-such-meter";

/** Phone numbers follow Digiflazz's prepaid test numbers (…1232 fails, …1233 pending then success). */
export const SANDBOX_PREPAID_NUMBERS: Record<string, PrepaidScenario> = {
  "087800001232": "pay-fails",
  "087800001233": "pending-success",
  "087800001234": "pending-fails",
  "12345678902": "pay-fails",
  "12345678903": "pending-success",
  "99999999999": "no-such-meter",
};

const product = (
  code: string,
  name: string,
  category: PrepaidProduct["category"],
  brand: string,
  cost: number,
  extra: Partial<PrepaidProduct> = {},
): PrepaidProduct => ({
  code,
  name,
  category,
  brand,
  type: "",
  cost,
  available: true,
  description: "",
  check: category === "pln",
  fields: [],
  ...extra,
});

const PULSA: [string, string][] = [
  ["tsel", "TELKOMSEL"],
  ["isat", "INDOSAT"],
  ["xl", "XL"],
  ["axis", "AXIS"],
  ["tri", "TRI"],
  ["smart", "SMARTFREN"],
  ["byu", "BY.U"],
];

export const SANDBOX_PREPAID_PRODUCTS: PrepaidProduct[] = [
  ...PULSA.flatMap(([code, brand]) =>
    [5_000, 10_000, 25_000, 50_000].map((n) => product(`sbx-${code}-${n / 1000}`, `${brand} ${n / 1000}rb`, "pulsa", brand, n + 350)),
  ),
  ...PULSA.map(([code, brand]) => product(`sbx-${code}-data-5gb`, `${brand} Data 5GB 30 hari`, "data", brand, 45_000, { description: "5GB, 30 hari" })),
  ...[20_000, 50_000, 100_000].map((n) =>
    product(`sbx-pln-${n / 1000}`, `Token PLN ${n / 1000}rb`, "pln", "PLN", n + 1_500, { cutOff: { start: "23:00", end: "01:00" } }),
  ),
  ...["DANA", "GOPAY", "OVO", "SHOPEEPAY"].map((brand) => product(`sbx-${brand.toLowerCase()}-50`, `${brand} 50rb`, "ewallet", brand, 51_000)),
  product("sbx-gopay-open", "GOPAY nominal bebas", "ewallet", "GOPAY", 1_000, {
    check: true,
    openAmount: { min: 10_000, max: 1_000_000 },
    description: "biaya Rp 1.000",
  }),
  product("sbx-ml-86", "Mobile Legends 86 Diamonds", "game", "MOBILE LEGENDS", 20_000, { check: true, fields: ["zone_id"] }),
  product("sbx-ff-70", "Free Fire 70 Diamonds", "game", "FREE FIRE", 9_500, { check: true }),
  product("sbx-gplay-20", "Google Play 20rb", "voucher", "GOOGLE PLAY", 20_500),
  product("sbx-steam-60", "Steam Wallet IDR 60rb", "voucher", "STEAM", 61_000),
  product("sbx-tsel-100", "TELKOMSEL 100rb", "pulsa", "TELKOMSEL", 100_350, { available: false }),
];

/** A receipt shaped like the category's: a PLN token with its details, a voucher code, a serial number. */
export function prepaidReceipt(bill: Bill, serial: string): Payment {
  if (bill.prepaid?.category === "pln") {
    const digits = serial.replace(/\D/g, "").padEnd(20, "7").slice(0, 20);
    const sn = `${digits.match(/\d{4}/g)!.join("-")}/${bill.customerName}/R1/1300/${(bill.cost / 1444).toFixed(1).replace(".", ",")}`;
    return { sn, cost: bill.cost, details: [], ...snResult("pln", sn) };
  }
  const sn = bill.prepaid?.category === "voucher" ? `SBXV-${serial.slice(-8)}` : serial;
  return { sn, cost: bill.cost, details: [], ...snResult(bill.prepaid?.category, sn) };
}

/** A prepaid quote: a meter that does not exist is refused; a check names the customer. */
export function prepaidQuote(req: InquiryRequest & { prepaid: PrepaidOrder }, now: () => Date): Outcome<Bill> {
  if (SANDBOX_PREPAID_NUMBERS[req.customerNo] === "no-such-meter") {
    return { kind: "failed", code: "14", message: "Nomor meter tidak ditemukan", blame: "customer", reason: "wrong-number", raw: raw({ rc: "14" }) };
  }
  const name = req.prepaid.check ? NAMES[hash(req.customerNo) % NAMES.length]! : "";
  const details =
    req.prepaid.category === "pln"
      ? [
          { key: "tarif", value: "R1" },
          { key: "daya", value: "1300" },
        ]
      : [];
  // An open amount costs the amount plus the product's fee.
  const cost = req.prepaid.cost + (req.amount ?? 0);
  const bill = prepaidBill("sandbox", { ...req, prepaid: { ...req.prepaid, cost } }, now(), { name, details });
  return { kind: "success", value: bill, raw: raw(bill) };
}
