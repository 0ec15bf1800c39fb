/** The one home for how money, periods and times read in the chat. */

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** 1234567 -> "Rp 1.234.567" (Indonesian thousands dots; whole rupiah only). */
export function formatRupiah(amount: number): string {
  const digits = Math.abs(Math.trunc(amount)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${amount < 0 ? "-" : ""}Rp ${digits}`;
}

const monthName = (t: Translate, month: number) => t(`month-${month}`);

/**
 * A provider's period as people say it: "201901" -> "Januari 2019", gas "0320" -> "Maret 2020".
 * Anything else ("MEI 2019", an instalment number) is already readable and kept as written.
 */
export function formatPeriod(raw: string, t: Translate): string {
  const text = raw.trim();
  let m = /^(\d{4})(\d{2})$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month >= 1 && month <= 12 && year >= 1990 && year <= 2100) return `${monthName(t, month)} ${year}`;
  }
  m = /^(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const month = Number(m[1]);
    if (month >= 1 && month <= 12) return `${monthName(t, month)} ${2000 + Number(m[2])}`;
  }
  return text;
}

/** Western Indonesian Time has no daylight saving: UTC+7 all year. */
const WIB_OFFSET_MS = 7 * 3_600_000;

/** Epoch ms -> "21 November 2026 14:03 WIB". */
export function formatDateTimeWib(ms: number, t: Translate): string {
  const d = new Date(ms + WIB_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCDate()} ${monthName(t, d.getUTCMonth() + 1)} ${d.getUTCFullYear()} ${hh}:${mm} WIB`;
}

/** The WIB calendar day of an instant, as YYYY-MM-DD (quotes are valid on the day of inquiry). */
export function wibDate(ms: number): string {
  return new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 10);
}
