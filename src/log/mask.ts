/**
 * What logs may show of people's numbers and of secrets. A customer number or phone keeps enough
 * to tell two apart in a support chat (first 4, last 3 digits); a secret keeps nothing.
 */

/** "532110000123" -> "5321*****123"; short numbers keep only their last 2 digits. */
export function maskNumber(value: string): string {
  const v = value.trim();
  if (v.length <= 6) return `${"*".repeat(Math.max(0, v.length - 2))}${v.slice(-2)}`;
  return `${v.slice(0, 4)}${"*".repeat(v.length - 7)}${v.slice(-3)}`;
}

/** Indonesian phone numbers as they appear in free text (08…, 628…, +628…, WhatsApp ids 628…@c.us). */
const PHONE = /(?<![\d*])(?:\+?62|0)8\d{7,12}(?!\d)/g;

/**
 * Scrubs one log line: every configured secret (API keys, tokens, webhook secrets) becomes
 * "[redacted]" wherever it appears, in a message, an error or a URL, and phone numbers are masked.
 */
export function scrubber(secrets: readonly string[]): (line: string) => string {
  // Longest first, so a secret that contains another is replaced whole; very short values would
  // mangle ordinary text and are no secret worth the name.
  const known = [...new Set(secrets.filter((s) => s.length >= 6))].sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line;
    for (const s of known) out = out.split(s).join("[redacted]");
    return out.replace(PHONE, (m) => maskNumber(m));
  };
}
