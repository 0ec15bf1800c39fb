import type { Bill } from "../../src/billing/bill.js";

/** A two-month PLN bill with a penalty, as a counter receipt shows it: the struk tests' and the bench's bill. */
export const PLN_TWO_MONTHS: Bill = {
  provider: "digiflazz",
  productCode: "pln",
  customerNo: "530000000001",
  customerName: "BUDI SANTOSO",
  periods: [
    { period: "202604", amount: 120_000, penalty: 3_000, admin: 2_500, other: 0, meterStart: "00012345", meterEnd: "00012500" },
    { period: "202605", amount: 98_500, penalty: 0, admin: 2_500, other: 0, meterStart: "00012500", meterEnd: "00012610" },
  ],
  details: [
    { key: "tarif", value: "R1" },
    { key: "daya", value: "1300" },
  ],
  billAmount: 221_500,
  adminFee: 5_000,
  cost: 224_000,
  refs: { refId: "TX5001" },
};
