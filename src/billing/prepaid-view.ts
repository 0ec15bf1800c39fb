import type { Bill, BillDetail, PrepaidCategory, ResultCode } from "./bill.js";
import { formatDateTimeWib, formatNumber, formatRupiah, formatSerial, type Translate } from "./format.js";
import { joinBlocks } from "./layout.js";
import { plain, type ReceiptBlocks, roleLines } from "./receipt-lines.js";
import type { Tx } from "./transaction.js";

/** How a prepaid purchase reads in the chat: its confirmation and its receipt. */

/** Locale key of the line naming what the purchase goes to, by category. */
const NUMBER_KEY: Record<PrepaidCategory, string> = {
  pulsa: "prepaid-number-phone",
  data: "prepaid-number-phone",
  pln: "prepaid-number-meter",
  ewallet: "prepaid-number-account",
  game: "prepaid-number-player",
  voucher: "prepaid-number-phone",
  other: "prepaid-number",
};

const line = (details: BillDetail[], ...keys: string[]) =>
  details.find((d) => keys.includes(d.key.trim().toLowerCase()) && d.value.trim() !== "")?.value.trim();

/** "000001300", "1300VA", "1300" -> "1.300 VA"; other text as written. */
function power(text: string): string {
  const m = /^0*(\d{1,7})\s*(?:VA)?$/i.exec(text.trim());
  return m ? `${formatNumber(Number(m[1]))} VA` : text.trim();
}

/** A PLN customer's tariff and power from a meter check, as providers write them ("R1 /000001300", tarif + daya, "Tarif/Daya"). */
export function plnTariff(details: BillDetail[]): string | undefined {
  const joined = line(details, "segment_power", "tarif/daya");
  const [tariff, va] = joined ? joined.split("/").map((p) => p.trim()) : [line(details, "tarif"), line(details, "daya")];
  if (!tariff && !va) return undefined;
  return [tariff, va && power(va)].filter(Boolean).join(" / ");
}

/** Name, number (with a game's zone id; none for a voucher ordered without one) and, for PLN, tariff and power. */
function identity(bill: Bill, t: Translate): string[] {
  const category = bill.prepaid?.category ?? "other";
  const extra = (bill.fields ?? []).map((f) => f.value).filter(Boolean);
  const number = extra.length > 0 ? `${bill.customerNo} (${extra.join(" / ")})` : bill.customerNo;
  const tariff = category === "pln" ? plnTariff(bill.details) : undefined;
  return [
    ...(number.trim() ? [t(NUMBER_KEY[category], { number })] : []),
    ...(bill.customerName.trim() ? [t("prepaid-name", { name: bill.customerName.trim() })] : []),
    ...(tariff ? [t("prepaid-tariff", { tariff })] : []),
  ];
}

/** An open-amount top-up's amount (GoPay "nominal bebas"): what reaches the account, beside the price paid. */
const amountLine = (amount: number | undefined, t: Translate): string[] =>
  amount !== undefined ? [t("prepaid-amount", { amount: formatRupiah(amount) })] : [];

/** The confirmation: product, number (and name), price, balance. */
export function renderPrepaidSummary(a: { bill: Bill; price: number; productName: string; balance: number; amount?: number }, t: Translate): string {
  const short = a.price - a.balance;
  return joinBlocks([
    [t("prepaid-summary-title")],
    [t("receipt-product", { product: a.productName }), ...identity(a.bill, t)],
    [...amountLine(a.amount, t), t("prepaid-price", { price: formatRupiah(a.price) })],
    // Short of money, the buttons offer a top-up, not Bayar: the question is how to top up (as for a bill).
    [t("bill-balance", { balance: formatRupiah(a.balance) }), short > 0 ? t("bill-balance-short", { amount: formatRupiah(short) }) : t("bill-confirm")],
  ]);
}

/** The token first and on its own, in groups of four as it is typed into the meter, with its kWh. */
function tokenBlock(tx: Tx, t: Translate): ReceiptBlocks[number] {
  const token = tx.token;
  if (!token) return [];
  return [
    ...plain([t("prepaid-token-title")]),
    ...roleLines("code", formatSerial(token.token)),
    ...plain(token.kwh ? [t("prepaid-token-kwh", { kwh: token.kwh })] : []),
  ];
}

/** The order codes are used in: the one to redeem, what goes with it, then the serial kept as proof. */
const CODE_ORDER: ResultCode["kind"][] = ["voucher", "pin", "serial"];
const CODE_LABEL: Record<ResultCode["kind"], string> = { voucher: "prepaid-voucher-code", pin: "prepaid-pin", serial: "prepaid-serial" };

/** Each code under its own label, alone on its line so it can be copied as it is. */
function codeLines(tx: Tx, t: Translate): ReceiptBlocks[number] {
  const codes = [...tx.codes].sort((x, y) => CODE_ORDER.indexOf(x.kind) - CODE_ORDER.indexOf(y.kind));
  return codes.flatMap((c) => [{ text: t(CODE_LABEL[c.kind]) }, ...roleLines("code", c.value)]);
}

/**
 * The receipt of a prepaid purchase: a PLN token first, then every other code the provider gave
 * (voucher code, PIN, serial number), each labelled as what it is.
 */
export function prepaidReceiptLines(a: { tx: Tx; productName: string }, t: Translate, title: string, note: string): ReceiptBlocks {
  const { tx } = a;
  const time = t("receipt-time", { time: formatDateTimeWib(tx.settledAt ?? tx.confirmedAt ?? tx.createdAt, t) });
  const delivered = tx.state === "success";
  return [
    roleLines("title", title),
    delivered ? tokenBlock(tx, t) : [],
    delivered ? codeLines(tx, t) : [],
    [
      ...plain([t("receipt-product", { product: a.productName }), ...identity(tx.bill, t), ...amountLine(tx.input?.amount, t)]),
      ...roleLines("price", t("prepaid-price", { price: formatRupiah(tx.price) })),
    ],
    plain([time, t("receipt-ref", { ref: tx.id })]),
    [{ text: note, role: "note" }],
  ];
}
