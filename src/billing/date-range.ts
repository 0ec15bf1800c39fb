import { wibDate } from "./format.js";

/**
 * A span of whole WIB calendar days, as admins and users type them for reports, statements and
 * exports: `first` and `last` (YYYY-MM-DD, both included) and the epoch-ms span [from, to).
 */
export interface DateRange {
  first: string;
  last: string;
  from: number;
  to: number;
}

/** Why a typed range was refused: not a date we read, or an end before its start. */
export type RangeRead = { ok: true; range: DateRange } | { ok: false; error: "format" | "reversed" };

const DAY_MS = 86_400_000;
/** The longest "N hari" read: a year and a day. */
const MAX_DAYS = 366;

const MONTHS: Record<string, number> = {};
for (const [i, names] of [
  ["januari", "january", "jan"],
  ["februari", "february", "feb", "pebruari"],
  ["maret", "march", "mar"],
  ["april", "apr"],
  ["mei", "may"],
  ["juni", "june", "jun"],
  ["juli", "july", "jul"],
  ["agustus", "august", "agu", "agt", "aug"],
  ["september", "sep", "sept"],
  ["oktober", "october", "okt", "oct"],
  ["november", "nov", "nop"],
  ["desember", "december", "des", "dec"],
].entries())
  for (const name of names) MONTHS[name] = i + 1;

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const startOf = (day: string) => Date.parse(`${day}T00:00:00+07:00`);

/** The range from day `first` to day `last`, both included. */
function rangeOf(first: string, last: string): DateRange {
  return { first, last, from: startOf(first), to: startOf(last) + DAY_MS };
}

/** A real calendar day (no 30 February); two-digit years are this century. */
function day(y: number, m: number, d: number): DateRange | undefined {
  const year = y < 100 ? 2000 + y : y;
  if (m < 1 || m > 12 || d < 1 || d > daysIn(year, m)) return undefined;
  const one = iso(year, m, d);
  return rangeOf(one, one);
}

function month(y: number, m: number): DateRange | undefined {
  const year = y < 100 ? 2000 + y : y;
  if (m < 1 || m > 12) return undefined;
  return rangeOf(iso(year, m, 1), iso(year, m, daysIn(year, m)));
}

/** Without a year, a day or month is the latest one not after today: reports look back. */
function latest(read: (year: number) => DateRange | undefined, today: string): DateRange | undefined {
  const year = Number(today.slice(0, 4));
  const thisYear = read(year);
  return thisYear && thisYear.first <= today ? thisYear : read(year - 1);
}

/** Today, on the WIB calendar of `now`. */
export const wibToday = (now: number): DateRange => rangeOf(wibDate(now), wibDate(now));

/** This month, on the WIB calendar of `now`. */
export function wibThisMonth(now: number): DateRange {
  const today = wibDate(now);
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return rangeOf(iso(y, m, 1), iso(y, m, daysIn(y, m)));
}

/** One day or one month as typed; undefined when it is neither. */
function single(text: string, now: number): DateRange | undefined {
  const today = wibDate(now);
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  switch (text) {
    case "":
    case "hari ini":
    case "today":
      return wibToday(now);
    case "kemarin":
    case "yesterday": {
      const d = wibDate(now - DAY_MS);
      return rangeOf(d, d);
    }
    case "bulan ini":
    case "this month":
      return wibThisMonth(now);
    case "bulan lalu":
    case "last month":
      return m === 1 ? month(y - 1, 12) : month(y, m - 1);
  }
  let r: RegExpExecArray | null;
  if ((r = /^(\d{1,3}) ?(?:hari|days?)$/.exec(text))) {
    const n = Number(r[1]);
    return n >= 1 && n <= MAX_DAYS ? rangeOf(wibDate(now - (n - 1) * DAY_MS), today) : undefined;
  }
  if ((r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) return day(Number(r[1]), Number(r[2]), Number(r[3]));
  if ((r = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(text))) return day(Number(r[3]), Number(r[2]), Number(r[1]));
  if ((r = /^(\d{1,2})[/.](\d{1,2})$/.exec(text))) {
    const [d, mm] = [Number(r[1]), Number(r[2])];
    return latest((year) => day(year, mm, d), today);
  }
  if ((r = /^(\d{4})-(\d{1,2})$/.exec(text))) return month(Number(r[1]), Number(r[2]));
  if ((r = /^(\d{1,2})[-/](\d{4})$/.exec(text))) return month(Number(r[2]), Number(r[1]));
  if ((r = /^([a-z]+) ?(\d{4})?$/.exec(text))) {
    const mm = MONTHS[r[1]!];
    if (mm === undefined) return undefined;
    return r[2] ? month(Number(r[2]), mm) : latest((year) => month(year, mm), today);
  }
  return undefined;
}

/** Between two days or months: "1/3 - 10/3", "2026-03-01 2026-03-10", "1/3 sampai 10/3". */
const SEPARATORS = [/\s+(?:-|–|s\/d|sd|sampai|hingga|to|until)\s+/, /\s*\.\.\s*/, /\s+/];

/**
 * A range as people type it (Indonesian or English), read on the WIB calendar of `now`: nothing
 * or "hari ini" (today), "kemarin", "7 hari" (the last 7 days, today included), "bulan ini",
 * "bulan lalu", a day ("2026-03-10", "10-03-2026", "10/3/2026", "7/12"), a month ("2026-03",
 * "03/2026", "maret 2026", "maret"), or two of those ("1/3 - 10/3", "2026-03-01 2026-03-10").
 */
export function parseDateRange(input: string, now: number): RangeRead {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  const one = single(text, now);
  if (one) return { ok: true, range: one };
  for (const separator of SEPARATORS) {
    const parts = text.split(separator);
    if (parts.length !== 2) continue;
    const [start, end] = parts.map((p) => single(p, now));
    if (!start || !end) continue;
    return end.last < start.first ? { ok: false, error: "reversed" } : { ok: true, range: rangeOf(start.first, end.last) };
  }
  return { ok: false, error: "format" };
}

/** A range's days as compact text for a button's data ("20260301-20260310"), and back. */
export const rangeKey = (r: DateRange): string => `${r.first.replaceAll("-", "")}-${r.last.replaceAll("-", "")}`;

export function rangeFromKey(key: string): DateRange | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{4})(\d{2})(\d{2})$/.exec(key);
  if (!m) return undefined;
  const [a, b] = [day(Number(m[1]), Number(m[2]), Number(m[3])), day(Number(m[4]), Number(m[5]), Number(m[6]))];
  return a && b && a.first <= b.last ? rangeOf(a.first, b.last) : undefined;
}
