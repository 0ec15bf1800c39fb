import type { Product } from "./catalog.js";

/**
 * One-line orders as resellers type them: a product code, a separator (".", "#" or spaces), the
 * destination ("XL10.087800001230", "pln20 # 1412-3456-7890", "PLN.530000000001"). Codes are
 * compared without case, dashes or underscores; the destination keeps only its digits.
 */
export interface OneLine {
  /** The code as compared: upper case, no dashes, underscores or spaces. */
  code: string;
  destination: string;
}

const LINE = /^([A-Za-z][A-Za-z0-9_-]*)(?:\s*[.#]\s*|\s+)(\d[\d\s-]*)$/;

export const normalizeCode = (code: string) => code.toUpperCase().replace(/[-_\s]/g, "");

/** The order a message holds; undefined when it is not shaped like one (then it is an ordinary message). */
export function parseOneLine(text: string): OneLine | undefined {
  const m = LINE.exec(text.trim());
  return m ? { code: normalizeCode(m[1]!), destination: m[2]!.replace(/[\s-]/g, "") } : undefined;
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
