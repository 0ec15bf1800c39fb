import type { Bill, BillDetail, BillPeriod } from "./bill.js";
import type { ProductKind } from "./catalog.js";
import { nameFromDetails, renderDetails, Shown } from "./details.js";
import { formatPeriod, formatRupiah, formatSerial, maskIdentity, splitCustomerNo, type Translate } from "./format.js";

/**
 * One layout per product kind, as a table: what the customer number is called, how a period reads,
 * and whether the amount is a bill or a top-up. Everything else (name and number, the provider's
 * detail lines, periods, fees, totals) is shared and assembled by `viewBill`.
 */

type PeriodLine = (raw: string, t: Translate) => string;

interface Layout {
  title: "bill-title" | "bill-title-topup";
  /** Locale key of the customer-number line. */
  number: string;
  period: PeriodLine;
  /** A provider line that states the period already (PBB's `tahun_pajak`): a lone period's own line is then left out. */
  periodKey?: string;
  /** E-money: the amount is what is topped up; there is no billing period. */
  topUp?: true;
  /** Locale key of the receipt's serial line: a top-up's serial number, a bill's biller reference. */
  serial: "receipt-sn" | "receipt-biller-ref";
}

const month: PeriodLine = (raw, t) => t("bill-period", { period: formatPeriod(raw, t) });
/** BPJS pays a number of months: "01" -> "1 bulan". */
const months: PeriodLine = (raw, t) => (/^\d{1,2}$/.test(raw) ? t("bill-period-months", { months: t("bill-months", { count: Number(raw) }) }) : month(raw, t));
/** Instalments are numbered: "002" -> "angsuran ke-2". */
const instalment: PeriodLine = (raw, t) => (/^\d{1,3}$/.test(raw) ? t("bill-period-instalment", { number: Number(raw) }) : month(raw, t));
const taxYear: PeriodLine = (raw, t) => (/^\d{4}$/.test(raw) ? t("bill-period-tax-year", { year: raw }) : month(raw, t));

const bill = (number: string, period: PeriodLine = month): Layout => ({ title: "bill-title", number, period, serial: "receipt-biller-ref" });

const LAYOUTS: Record<ProductKind, Layout> = {
  pln: bill("bill-number"),
  plnnontaglis: bill("bill-number-registration"),
  pdam: bill("bill-number"),
  pgas: bill("bill-number"),
  hp: bill("bill-number-phone"),
  internet: bill("bill-number"),
  tv: bill("bill-number"),
  bpjs: bill("bill-number-bpjs", months),
  bpjstk: bill("bill-number-bpjstk", months),
  multifinance: bill("bill-number-contract", instalment),
  credit: bill("bill-number-contract", instalment),
  pbb: { ...bill("bill-number-tax-object", taxYear), periodKey: "tahun_pajak" },
  samsat: bill("bill-number-payment-code"),
  emoney: { title: "bill-title-topup", number: "bill-number-account", period: month, topUp: true, serial: "receipt-sn" },
  education: bill("bill-number-payment"),
  insurance: bill("bill-number-policy"),
  property: bill("bill-number"),
};

/** A top-up (e-money), not a bill: the chat speaks of a number to fill, not of a bill to find. */
export const isTopUp = (kind: ProductKind | undefined) => kind !== undefined && LAYOUTS[kind].topUp === true;

/** A product no longer in the catalog (an old receipt) still renders, without kind-specific words. */
const GENERIC = bill("bill-number");

export interface BillView {
  title: string;
  /** Name and number (and identity number, for SAMSAT). */
  identity: string[];
  /** What belongs with the customer: address, tariff, participants... */
  info: string[];
  /** What is being paid for, then one block per period. */
  blocks: string[][];
  /** Fees, the bill, the admin fee (all the user pays above the bill) and the total. */
  money: string[];
  /** The receipt's line for the provider's serial number or reference. */
  serial(sn: string): string;
  /** Lines of a payment's result that the view does not show yet (`serial` is shown apart). */
  more(extra: BillDetail[], serial: string): string[];
}

const periodTotal = (p: BillPeriod) => p.amount + p.penalty + p.other;

/** One period; its amounts only when `itemised` (the bill total alone is shown with the money). */
function periodBlock(p: BillPeriod, layout: Layout, itemised: boolean, stated: Set<string>, t: Translate): string[] {
  const lines: string[] = [];
  // A block of its own keeps its heading; a lone period the provider's lines state is not said twice.
  if (p.period.trim() && (itemised || !stated.has(p.period.trim()))) lines.push(layout.period(p.period.trim(), t));
  if (p.meterStart && p.meterEnd) lines.push(t("bill-meter", { start: p.meterStart, end: p.meterEnd }));
  else if (p.meterStart || p.meterEnd) lines.push(t("bill-meter-one", { value: p.meterStart ?? p.meterEnd ?? "" }));
  if (p.ref) lines.push(t("bill-ref", { ref: p.ref }));
  if (!itemised) return lines;
  if (p.amount) lines.push(t("bill-amount", { amount: formatRupiah(p.amount) }));
  if (p.penalty) lines.push(t("bill-penalty", { amount: formatRupiah(p.penalty) }));
  if (p.other) lines.push(t("bill-other", { amount: formatRupiah(p.other) }));
  return lines;
}

/**
 * The bill as the customer reads it. `price` is what the user pays (provider cost plus markup);
 * the admin fee shown is `price - billAmount`, so the operator's margin is never shown apart.
 */
export function viewBill(
  a: { bill: Bill; price: number; productName: string; kind?: ProductKind; totalKey?: "bill-total" | "receipt-total-paid" },
  t: Translate,
): BillView {
  const { bill, price } = a;
  const layout = a.kind ? LAYOUTS[a.kind] : GENERIC;
  const { number, identity } = splitCustomerNo(bill.customerNo);
  const name = bill.customerName.trim() || nameFromDetails(bill.details);
  const periods = layout.topUp ? [] : bill.periods;
  const shown = new Shown(
    name,
    [bill.customerNo, number, identity ?? ""],
    [bill.billAmount, bill.billAmount + bill.adminFee, bill.cost],
    periods.map((p) => p.period),
  );
  const details = renderDetails(bill.details, shown, t);

  const identityLines = [
    ...(name ? [t("bill-customer", { name })] : []),
    ...(number ? [t(layout.number, { number })] : []),
    ...(identity && !bill.details.some((d) => d.key === "nomor_identitas") ? [t("bill-identity", { value: maskIdentity(identity) })] : []),
  ];

  // Amounts per period say something when there are several, or a penalty or other charge to
  // tell apart; a single plain amount is just the bill, shown once with the money.
  const itemised = periods.length > 1 || periods.some((p) => p.penalty > 0 || p.other > 0);
  const stated = new Set(bill.details.filter((d) => d.key === layout.periodKey).map((d) => d.value.trim()));
  const periodBlocks = periods.map((p) => periodBlock(p, layout, itemised, stated, t)).filter((b) => b.length > 0);
  const listed = periods.reduce((sum, p) => sum + periodTotal(p), 0);
  // Itemised periods that add up to the bill: a separate bill line would only repeat them.
  const billLine = layout.topUp ? "bill-topup-amount" : itemised && listed === bill.billAmount ? undefined : "bill-total-bill";
  const admin = price - bill.billAmount;
  const money = [
    ...details.money,
    ...(billLine ? [t(billLine, { amount: formatRupiah(bill.billAmount) })] : []),
    ...(admin > 0 ? [t("bill-admin", { amount: formatRupiah(admin) })] : []),
    // The provider's commission can exceed its admin fee; the user then pays less than the bill.
    ...(admin < 0 ? [t("bill-discount", { amount: formatRupiah(-admin) })] : []),
    t(a.totalKey ?? "bill-total", { amount: formatRupiah(price) }),
  ];

  return {
    title: t(layout.title, { product: a.productName }),
    identity: identityLines,
    info: details.info,
    // A lone period without its own amounts is one more fact about the bill, not a block of its own.
    blocks: itemised ? [details.object, ...periodBlocks] : [[...details.object, ...periodBlocks.flat()]],
    money,
    serial: (sn) => t(layout.serial, { sn: formatSerial(sn) }),
    more(extra, serial) {
      shown.addNumber(serial);
      const same = new Set(bill.details.map((d) => `${d.key}\n${d.value.trim()}`));
      const fresh = renderDetails(
        extra.filter((d) => !same.has(`${d.key}\n${d.value.trim()}`)),
        shown,
        t,
      );
      return [...fresh.info, ...fresh.object, ...fresh.money];
    },
  };
}

/** Blocks of lines separated by one blank line; empty blocks leave no gap. */
export function joinBlocks(blocks: string[][]): string {
  return blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join("\n"))
    .join("\n\n");
}
