import { joinBlocks } from "./layout.js";

/**
 * One line of a receipt and what it is, for the struk picture: the title and the closing note (a
 * balance, meant for the payer alone) are left out of it, a code to type or keep is drawn large, and
 * the total is where a counter fee goes. The text receipt is these lines, so the two cannot differ.
 */
export interface ReceiptLine {
  text: string;
  role?: "title" | "note" | "code" | "total" | "price";
}
export type ReceiptBlocks = ReceiptLine[][];

/** Plain lines of a receipt block. */
export const plain = (texts: string[]): ReceiptLine[] => texts.map((text) => ({ text }));
/** Lines of one role. */
export const roleLines = (role: ReceiptLine["role"], ...texts: string[]): ReceiptLine[] => texts.filter(Boolean).map((text) => ({ text, role }));

/** The text receipt: its blocks separated by a blank line. */
export const receiptText = (blocks: ReceiptBlocks): string => joinBlocks(blocks.map((b) => b.map((l) => l.text)));
