/** The one home for how money, periods and times read in the chat. */

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** 1300 -> "1.300" (Indonesian thousands dots; whole numbers only, sign dropped). */
export function formatNumber(n: number): string {
  return Math.abs(Math.trunc(n))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** 1234567 -> "Rp 1.234.567" (whole rupiah only). */
export function formatRupiah(amount: number): string {
  return `${amount < 0 ? "-" : ""}Rp ${formatNumber(amount)}`;
}

const monthName = (t: Translate, month: number) => t(`month-${month}`);
const dayMonthYear = (t: Translate, day: number, month: number, year: number) => `${day} ${monthName(t, month)} ${year}`;

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
  return `${dayMonthYear(t, d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear())} ${hh}:${mm} WIB`;
}

/** A YYYYMMDD (provider) or YYYY-MM-DD (report) date as people say it: "20210309" -> "9 Maret 2021"; anything else is kept. */
export function formatDate(raw: string, t: Translate): string {
  const text = raw.trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m) return text;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 20210231 over into March: only a real calendar day is a date.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return text;
  return dayMonthYear(t, day, month, year);
}

/** A 20-digit PLN token is typed into the meter in groups of four; any other serial is kept as sent. */
export function formatSerial(sn: string): string {
  const text = sn.trim();
  return /^\d{20}$/.test(text) ? text.replace(/(\d{4})(?=\d)/g, "$1 ") : text;
}

/** The WIB calendar day of an instant, as YYYY-MM-DD (quotes are valid on the day of inquiry). */
export function wibDate(ms: number): string {
  return new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** A balance change with its sign: "+Rp 50.000", "-Rp 12.500". */
export function formatSignedRupiah(amount: number): string {
  return amount > 0 ? `+${formatRupiah(amount)}` : formatRupiah(amount);
}

/** An identity number (NIK) as the chat shows it: all but the last 4 digits hidden. */
export function maskIdentity(raw: string): string {
  const text = raw.trim();
  return text.length <= 4 ? text : `${"*".repeat(text.length - 4)}${text.slice(-4)}`;
}

/**
 * A customer number as people read it. Digiflazz SAMSAT carries "payment code,identity number"
 * in one field: only the payment code is the number; the identity number is shown apart, masked.
 */
export function splitCustomerNo(raw: string): { number: string; identity?: string } {
  const [number = "", ...identity] = raw.split(",");
  return identity.length > 0 ? { number, identity: identity.join(",") } : { number };
}

/** How much of what a user typed is repeated back in a refusal: enough to recognise it. */
const ECHO_MAX = 24;

/** What the user typed, quoted back in a refusal: one line, at most a short prefix. */
export function formatEcho(text: string): string {
  const line = text.trim().replace(/\s+/g, " ");
  return line.length <= ECHO_MAX ? line : `${line.slice(0, ECHO_MAX - 1)}…`;
}

/**
 * A catalog phrase placed mid-sentence ("Ketik { $hint }"): its first letter lower-cased, unless
 * the first word is an acronym ("NOP", "ID pelanggan", "PLN").
 */
export function midSentence(phrase: string): string {
  const first = /^\S+/.exec(phrase)?.[0] ?? "";
  return first !== first.toUpperCase() && first.slice(1) === first.slice(1).toLowerCase() ? phrase.charAt(0).toLowerCase() + phrase.slice(1) : phrase;
}

/**
 * A span of WIB days as people say it: one day "10 Maret 2026", a whole month "Maret 2026",
 * otherwise "1 Maret 2026 – 10 Maret 2026". `first` and `last` are YYYY-MM-DD, both included.
 */
export function formatDateRange(range: { first: string; last: string }, t: Translate): string {
  const { first, last } = range;
  if (first === last) return formatDate(first, t);
  const [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  const wholeMonth = first.endsWith("-01") && last.slice(0, 7) === first.slice(0, 7) && Number(last.slice(8)) === new Date(Date.UTC(y, m, 0)).getUTCDate();
  return wholeMonth ? `${monthName(t, m)} ${y}` : `${formatDate(first, t)} – ${formatDate(last, t)}`;
}

/** Epoch ms -> "2026-03-10 14:03:05", WIB: how CSV files give times (sortable, read by spreadsheets). */
export function csvTimeWib(ms: number): string {
  return new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
