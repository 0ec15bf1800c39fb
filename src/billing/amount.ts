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
