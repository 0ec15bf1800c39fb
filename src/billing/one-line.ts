import type { Product } from "./catalog.js";

/**
 * One-line orders as resellers type them: a product code, a separator (".", "#" or spaces), the
 * destination ("XL10.087800001230", "pln20 # 1412-3456-7890", "PLN.530000000001"), and optionally
 * the PIN ("XL10.087800001230.1234"). Codes are compared without case, dashes or underscores; the
 * destination keeps only its digits.
 */
export interface OneLine {
  /** The code as compared: upper case, no dashes, underscores or spaces. */
  code: string;
  destination: string;
  /** The transaction PIN written after the destination ("XL10.087800001230.1234"). */
  pin?: string;
}

// The PIN follows the destination after "." or "#" only: a space may group the number's digits.
const LINE = /^([A-Za-z][A-Za-z0-9_-]*)(?:\s*[.#]\s*|\s+)(\d[\d\s-]*?)(?:\s*[.#]\s*(\d{4,6}))?\s*$/;

export const normalizeCode = (code: string) => code.toUpperCase().replace(/[-_\s]/g, "");

/** The order a message holds; undefined when it is not shaped like one (then it is an ordinary message). */
export function parseOneLine(text: string): OneLine | undefined {
  const m = LINE.exec(text.trim());
  if (!m) return undefined;
  return { code: normalizeCode(m[1]!), destination: m[2]!.replace(/[\s-]/g, ""), ...(m[3] !== undefined && { pin: m[3] }) };
}

/** The same line with its PIN masked (`mask`), for whatever keeps or shows the message afterwards. */
export const maskPin = (line: string, mask: string): string => line.replace(/([.#]\s*)\d{4,6}\s*$/, `$1${mask}`);

/**
 * Several orders in one message, one a line (blank lines ignored): every line must be an order,
 * else the message is none. Undefined too for a single line, which is parseOneLine's.
 */
export function parseBatch(text: string): OneLine[] | undefined {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length < 2) return undefined;
  const orders = lines.map(parseOneLine);
  return orders.every((o) => o !== undefined) ? (orders as OneLine[]) : undefined;
}

/** Edit distance (insert, delete, replace), for the codes nearest a mistyped one. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * How far a typed code is from a known one: the edits between them, or between the typed code and
 * the known one's tail plus one, so a code typed without the provider's prefix ("TSEL5" for
 * "sbx-tsel-5", "XL1O" for "SBX-XL-10") is still near.
 */
function codeDistance(typed: string, code: string): number {
  const known = normalizeCode(code);
  const tail = known.length > typed.length ? distance(typed, known.slice(-typed.length)) + 1 : Infinity;
  return Math.min(distance(typed, known), tail);
}

/**
 * The known codes nearest a mistyped one (compared normalized), closest first: at most `max`, and
 * only those a few edits away (a third of the code's length, at least 2), so a code that resembles
 * nothing gets no suggestion rather than a random one.
 */
export function nearestCodes(typed: string, codes: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(typed.length / 3));
  return [...new Set(codes)]
    .map((code) => ({ code, d: codeDistance(typed, code) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d || a.code.localeCompare(b.code))
    .slice(0, max)
    .map((c) => c.code);
}

/**
 * The short codes of bills: each product's catalog id without dashes ("PLNPASCABAYAR",
 * "BPJSKESEHATAN", "PDAMPALYJA") and, where one product alone has its kind, the kind ("PLN",
 * "BPJS", "BPJSTK", "PGAS"). Only bills the customer number alone identifies: a product that
 * also needs an identity number, a field, a year or an amount is ordered through /bayar.
 */
export function billShortCodes(products: Iterable<Product>): Map<string, Product> {
  const list = [...products].filter((p) => !p.input.identity && !p.input.fields?.length && !p.input.year && !p.input.amount);
  const byKind = new Map<string, Product[]>();
  for (const p of list) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const codes = new Map<string, Product>();
  for (const [kind, ps] of byKind) if (ps.length === 1) codes.set(normalizeCode(kind), ps[0]!);
  for (const p of list) codes.set(normalizeCode(p.id), p);
  return codes;
}
