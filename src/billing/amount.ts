/** The most anyone can type as one amount: a slip of the finger ("5000jt") must not become money. */
const MAX_AMOUNT = 1_000_000_000;

/** How many zeros each unit adds: "rb"/"ribu"/"k" thousands, "jt"/"juta" millions. */
const UNIT_DIGITS: Record<string, number> = { rb: 3, ribu: 3, k: 3, jt: 6, juta: 6 };

/**
 * Reads a rupiah amount the way people type it: "50000", "50.000", "50,000", "50rb", "50 ribu",
 * "1jt", "1,5jt", "1,005jt", "Rp 25.000". Returns undefined for anything else: a fraction of a
 * rupiah, zero, or more than MAX_AMOUNT. Whole-number arithmetic only ("1,005jt" is 1.005.000,
 * which 1.005 × 1.000.000 in floating point is not).
 */
export function parseAmount(text: string): number | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/^rp\.?\s*/, "")
    .replace(/\s+/g, "");
  const m = /^(\d+(?:[.,]\d+)*)(rb|ribu|k|jt|juta)?$/.exec(t);
  if (!m) return undefined;
  const [, num, unit] = m as unknown as [string, string, string | undefined];
  let value: number;
  if (unit) {
    // With a unit, one separator is a decimal mark: "1,5jt" = 1 × 1.000.000 + 5 × 100.000.
    const [whole, fraction = "", ...more] = num.split(/[.,]/) as [string, string?, ...string[]];
    const digits = UNIT_DIGITS[unit]!;
    // Decimals past the unit's zeros are a fraction of a rupiah unless they are zeros.
    if (more.length > 0 || /[1-9]/.test(fraction.slice(digits))) return undefined;
    value = Number(whole) * 10 ** digits + Number(fraction.slice(0, digits).padEnd(digits, "0"));
  } else {
    // Without a unit, separators group thousands: "50.000" = 50000; "50.5" is not an amount.
    if (/[.,]/.test(num) && !/^\d{1,3}([.,]\d{3})+$/.test(num)) return undefined;
    value = Number(num.replace(/[.,]/g, ""));
  }
  // Past the cap Number() may round, but it stays past the cap, so it is refused either way.
  return Number.isSafeInteger(value) && value > 0 && value <= MAX_AMOUNT ? value : undefined;
}

/**
 * Splits "<amount> [note]" as an admin types it. The amount is one word, or two when the first is
 * "Rp" or the second is a unit ("Rp 50.000", "50 ribu"); other words never join it, so
 * "50000 2 bulan" is 50000 with a note, not 500002.
 */
export function splitAmount(text: string): { amountText: string; note: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let take = Math.min(1, words.length);
  if (/^rp\.?$/i.test(words[0] ?? "") && words.length > 1) take++;
  if (/^(rb|ribu|k|jt|juta)$/i.test(words[take] ?? "")) take++;
  return { amountText: words.slice(0, take).join(" "), note: words.slice(take).join(" ") };
}
