import { formatRupiah, type Translate } from "./format.js";
import type { ReceiptLine } from "./receipt-lines.js";
import { type ReceiptInput, receiptLines } from "./receipt.js";

/**
 * What the struk picture says: the text receipt's own lines (receipt.ts), less its title and its
 * closing note (the payer's balance is no business of a walk-in customer), under the store's name
 * and over its footer; with a counter fee, the fee and the total the customer pays with it.
 */

export interface StrukOptions {
  storeName: string | undefined;
  footer: string | undefined;
  /** The counter fee (biaya loket) in rupiah; 0: none. */
  counterFee: number;
}

/** How a line is drawn: as body text, large (a token or code to type), or bold (the total). */
export interface StrukLine {
  text: string;
  style: "body" | "code" | "total";
}

export interface StrukContent {
  /** The store's name, if the operator named it. */
  store: string | undefined;
  /** "Pembayaran berhasil": the receipt's title without its emoji. */
  title: string;
  blocks: StrukLine[][];
  footer: string;
}

/** Pictographs and their modifiers: the picture's font has none, and a struk needs none. */
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}/gu;
export function withoutEmoji(text: string): string {
  const out = text.replace(EMOJI, "");
  return out === text ? text : out.replace(/\s+/g, " ").trim();
}

/** The lines of a paid receipt's picture; undefined for anything but a success (no struk for a failure or a refund). */
export function strukContent(a: ReceiptInput, opts: StrukOptions, t: Translate): StrukContent | undefined {
  if (a.tx.state !== "success") return undefined;
  const lines = receiptLines(a, t);
  const title = lines.flat().find((l) => l.role === "title")?.text ?? "";
  const blocks = lines.map((block) => block.flatMap((l) => drawn(l, a.tx.price, opts.counterFee, t))).filter((b) => b.length > 0);
  return { store: opts.storeName, title: withoutEmoji(title), blocks, footer: opts.footer ?? t("struk-footer") };
}

/** A receipt line as the picture draws it; the total (a prepaid price) gets the counter fee and the total with it. */
function drawn(l: ReceiptLine, price: number, fee: number, t: Translate): StrukLine[] {
  if (l.role === "title" || l.role === "note") return [];
  const text = withoutEmoji(l.text);
  if (l.role === "code") return [{ text, style: "code" }];
  const withFee =
    fee > 0
      ? [
          { text: t("struk-counter-fee", { amount: formatRupiah(fee) }), style: "body" as const },
          { text: t("struk-total-with-fee", { amount: formatRupiah(price + fee) }), style: "total" as const },
        ]
      : [];
  if (l.role === "total") return fee > 0 ? withFee : [{ text, style: "total" }];
  if (l.role === "price") return [{ text, style: fee > 0 ? "body" : "total" }, ...withFee];
  return [{ text, style: "body" }];
}
