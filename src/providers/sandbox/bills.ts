import type { Bill, BillDetail, BillPeriod } from "../../billing/bill.js";
import type { PriceListItem } from "../../billing/price-list.js";
import type { InquiryRequest, Outcome } from "../provider.js";
import { hash, NAMES, raw } from "./common.js";

/**
 * The sandbox's bills. Bills are deterministic by customer number; Digiflazz's published test
 * numbers (shared/providers.md) give their documented outcomes, so a demo or a test can walk every
 * path: success with one or two bills, inquiry fails, payment fails, pending then success, pending
 * then failure.
 */

export type Scenario = "ok" | "ok2" | "inquiry-fails" | "pay-fails" | "pending-success" | "pending-fails";

/** Digiflazz test numbers by product code. */
const TEST_NUMBERS: Record<string, Partial<Record<string, Scenario>>> = {
  pln: {
    "530000000001": "ok",
    "530000000002": "ok2",
    "530000000003": "inquiry-fails",
    "530000000006": "pay-fails",
    "630000000001": "pending-success",
    "630000000006": "pending-fails",
  },
  pdam: { "1013226": "ok", "1013227": "inquiry-fails", "1013230": "pay-fails", "2013226": "pending-success", "2013230": "pending-fails" },
  internet: { "6391601001": "ok", "6391601002": "inquiry-fails", "6391601005": "pay-fails", "7391601001": "pending-success", "7391601005": "pending-fails" },
  bpjs: {
    "8801234560001": "ok",
    "8801234560002": "inquiry-fails",
    "8801234560005": "pay-fails",
    "9801234560001": "pending-success",
    "9801234560005": "pending-fails",
  },
  multifinance: {
    "6391601201": "ok",
    "6391601202": "inquiry-fails",
    "6391601205": "pay-fails",
    "7391601201": "pending-success",
    "7391601205": "pending-fails",
  },
  pbb: {
    "329801092375999991": "ok",
    "329801092375999992": "inquiry-fails",
    "329801092375999995": "pay-fails",
    "429801092375999991": "pending-success",
    "429801092375999995": "pending-fails",
  },
  pgas: { "0110014601": "ok", "0110014603": "inquiry-fails", "0110014605": "pay-fails", "1110014601": "pending-success", "1110014605": "pending-fails" },
  tv: {
    "127246500101": "ok",
    "127246500102": "inquiry-fails",
    "127246500105": "pay-fails",
    "227246500101": "pending-success",
    "227246500105": "pending-fails",
  },
  plnnontaglis: {
    "3225030005921": "ok",
    "3225030005922": "inquiry-fails",
    "3225030005923": "pay-fails",
    "4225030005921": "pending-success",
    "4225030005923": "pending-fails",
  },
  emoney: {
    "082100000001": "ok",
    "082100000002": "inquiry-fails",
    "082100000003": "pay-fails",
    "082110000001": "pending-success",
    "082110000003": "pending-fails",
  },
  samsat: {
    "9658548523568701": "ok",
    "9658548523568702": "inquiry-fails",
    "9658548523568705": "pay-fails",
    "0658548523568701": "pending-success",
    "0658548523568705": "pending-fails",
  },
  hp: {
    "081234554320": "ok",
    "081234554321": "inquiry-fails",
    "081234554324": "pay-fails",
    "081244554320": "pending-success",
    "081244554324": "pending-fails",
  },
};

/** Product-specific fields, shaped like the seed examples so summaries have something real to show. */
const DETAILS: Record<string, BillDetail[]> = {
  pln: [
    { key: "tarif", value: "R1" },
    { key: "daya", value: "1300" },
  ],
  pdam: [
    { key: "tarif", value: "3A" },
    { key: "alamat", value: "WONOKROMO S.S BARU 2 8" },
  ],
  bpjs: [
    { key: "jumlah_peserta", value: "2" },
    { key: "alamat", value: "JAKARTA PUSAT" },
  ],
  multifinance: [
    { key: "item_name", value: "HONDA VARIO TECHNO 125" },
    { key: "no_pol", value: "B6213UWX" },
    { key: "tenor", value: "030" },
  ],
  pbb: [
    { key: "kelurahan", value: "CIPAGERAN" },
    { key: "kecamatan", value: "CIMAHI UTARA" },
  ],
  pgas: [{ key: "alamat", value: "KO. GRIYA ASRI CIPAGERAN" }],
  plnnontaglis: [{ key: "transaksi", value: "PENYAMBUNGAN BARU" }],
  samsat: [
    { key: "nomor_polisi", value: "DK 1243AL" },
    { key: "merek_kb", value: "DAIHATSU" },
  ],
};

const ADMIN_FEE = 2500;
/** What the sandbox "provider" gives back of its admin fee per bill, like real billers do. */
const COMMISSION = 500;

export const scenario = (code: string, customerNo: string): Scenario => TEST_NUMBERS[code]?.[customerNo] ?? "ok";

function periodsFor(req: InquiryRequest, count: number, h: number, d: Date): BillPeriod[] {
  // PBB is billed per tax year: the bill is for the year asked.
  if (req.year) return [{ period: req.year, amount: 25_000 + (h % 2000) * 100, penalty: 0, admin: ADMIN_FEE, other: 0 }];
  return Array.from({ length: count }, (_, i) => {
    const month = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - count + i, 1));
    const amount = req.amount ?? 25_000 + (hash(`${req.customerNo}/${i}`) % 2000) * 100;
    const penalty = req.amount || h % 3 !== 0 ? 0 : 5_000;
    return {
      period: `${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, "0")}`,
      amount,
      penalty,
      admin: ADMIN_FEE,
      other: 0,
    };
  });
}

/** The bill a postpaid inquiry finds, dated by `now`. */
export function sandboxBill(req: InquiryRequest, now: () => Date): Outcome<Bill> {
  const s = scenario(req.productCode, req.customerNo);
  if (s === "inquiry-fails") {
    return { kind: "failed", code: "60", message: "Tagihan belum tersedia", blame: "customer", reason: "no-bill", raw: raw({ rc: "60" }) };
  }
  const h = hash(req.customerNo);
  const periods = periodsFor(req, s === "ok2" ? 2 : 1, h, now());
  const billAmount = periods.reduce((sum, p) => sum + p.amount + p.penalty + p.other, 0);
  const adminFee = ADMIN_FEE * periods.length;
  const bill: Bill = {
    provider: "sandbox",
    productCode: req.productCode,
    customerNo: req.identityNo ? `${req.customerNo},${req.identityNo}` : req.customerNo,
    customerName: NAMES[h % NAMES.length]!,
    periods,
    details: [...(req.year ? [{ key: "tahun_pajak", value: req.year }] : []), ...(DETAILS[req.productCode] ?? [])],
    billAmount,
    adminFee,
    cost: billAmount + adminFee - COMMISSION,
    refs: { refId: req.ref },
  };
  return { kind: "success", value: bill, raw: raw(bill) };
}

/** Every product the sandbox bills, active, so the terminal demo has a price list for /harga. */
export function sandboxPriceList(): Outcome<PriceListItem[]> {
  const items = Object.keys(TEST_NUMBERS).map((code) => ({
    code,
    name: `Sandbox ${code.toUpperCase()}`,
    price: ADMIN_FEE,
    commission: COMMISSION,
    active: true,
  }));
  return { kind: "success", value: items, raw: raw(items) };
}
