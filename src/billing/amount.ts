/**
 * Reads a rupiah amount the way people type it: "50000", "50.000", "50,000", "50rb", "50 ribu",
 * "1jt", "1,5jt", "Rp 25.000". Returns undefined for anything else (or for a fraction of a rupiah).
 */
export function parseAmount(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/^rp\.?\s*/, "").replace(/\s+/g, "");
  const m = /^(\d+(?:[.,]\d+)*)(rb|ribu|k|jt|juta)?$/.exec(t);
  if (!m) return undefined;
  const [, num, unit] = m as unknown as [string, string, string | undefined];
  let value: number;
  if (unit) {
    // With a unit, one separator is a decimal mark: "1,5jt" / "1.5jt" = 1.500.000.
    const parts = num.split(/[.,]/);
    if (parts.length > 2) return undefined;
    value = Number(parts.join(".")) * (unit === "jt" || unit === "juta" ? 1_000_000 : 1_000);
  } else {
    // Without a unit, separators group thousands: "50.000" = 50000; "50.5" is not an amount.
    if (/[.,]/.test(num) && !/^\d{1,3}([.,]\d{3})+$/.test(num)) return undefined;
    value = Number(num.replace(/[.,]/g, ""));
  }
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
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
