/**
 * When a bill reminder asks the biller: pure date arithmetic in WIB (UTC+7, no daylight saving).
 * A reminder runs on its day of the month, at a moment inside the allowed window (outside the
 * quiet hours) that is fixed per saved bill: the same saved bill always gets the same minute, and
 * a thousand saved bills spread over the whole window instead of asking the biller at once.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WIB_OFFSET_MS = 7 * HOUR_MS;

/** Quiet hours in WIB: from `from`:00 to `to`:00 (crossing midnight when `from` > `to`); none when undefined. */
export type QuietHours = { from: number; to: number } | undefined;

/** A reminder month, "YYYY-MM" (WIB). */
export type Cycle = string;

/** Midnight WIB of the WIB day holding `ms`. */
const wibMidnight = (ms: number) => Math.floor((ms + WIB_OFFSET_MS) / DAY_MS) * DAY_MS - WIB_OFFSET_MS;

export const cycleOf = (ms: number): Cycle => new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 7);

/** Midnight WIB starting the cycle's month. */
export const cycleStart = (cycle: Cycle): number => Date.parse(`${cycle}-01T00:00:00+07:00`);

export function nextCycle(cycle: Cycle): Cycle {
  const [year, month] = cycle.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
}

const daysIn = (cycle: Cycle) => new Date(Date.UTC(Number(cycle.slice(0, 4)), Number(cycle.slice(5, 7)), 0)).getUTCDate();

/** The allowed window of the WIB day starting at `midnight`: from the end of the quiet hours to their next start. */
function window(midnight: number, quiet: QuietHours): { start: number; end: number } {
  if (!quiet) return { start: midnight, end: midnight + DAY_MS };
  const endHour = quiet.from > quiet.to ? quiet.from : quiet.from + 24;
  return { start: midnight + quiet.to * HOUR_MS, end: midnight + endHour * HOUR_MS };
}

/** Whether `ms` falls in the quiet hours. */
export function isQuiet(ms: number, quiet: QuietHours): boolean {
  if (!quiet) return false;
  const hour = ((ms - wibMidnight(ms)) / HOUR_MS) % 24;
  return quiet.from > quiet.to ? hour >= quiet.from || hour < quiet.to : hour >= quiet.from && hour < quiet.to;
}

/** FNV-1a of the key: the same saved bill, the same place in the window, whatever the process. */
function spread(key: number, span: number): number {
  let h = 0x811c9dc5;
  for (const ch of String(key)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  // Whole minutes: a slot reads as a time of day, and 14 hours still hold 840 of them.
  return (h % Math.max(1, Math.floor(span / 60_000))) * 60_000;
}

/**
 * How long before the quiet hours no reminder is placed: when the hourly cap holds some back,
 * they still go out that evening rather than the next morning.
 */
const SLACK_MS = 30 * 60_000;

/** The saved bill's moment on the WIB day starting at `midnight`. */
function slotOn(midnight: number, key: number, quiet: QuietHours): number {
  const w = window(midnight, quiet);
  return w.start + spread(key, w.end - w.start - SLACK_MS);
}

/** The WIB day of the cycle the reminder runs on: `day`, or the month's last day when it has fewer. */
export const runDay = (cycle: Cycle, day: number): number => cycleStart(cycle) + (Math.min(day, daysIn(cycle)) - 1) * DAY_MS;

/**
 * When the reminder of `key` runs in `cycle`: its moment on its day; when that has passed
 * (turned on after the day, or the bot was down), its moment on the first day after `now` that has it.
 */
export function runAt(cycle: Cycle, day: number, key: number, quiet: QuietHours, now: number): number {
  const first = slotOn(runDay(cycle, day), key, quiet);
  if (first > now) return first;
  return slotAfter(now, key, quiet);
}

/** The saved bill's own moment on the first WIB day whose moment is later than `ms`. */
export function slotAfter(ms: number, key: number, quiet: QuietHours): number {
  for (let midnight = wibMidnight(ms); ; midnight += DAY_MS) {
    const slot = slotOn(midnight, key, quiet);
    if (slot > ms) return slot;
  }
}

/** The saved bill's moment `days` WIB days after the day of `ms` (a bill not yet published is asked again then). */
export function slotDaysLater(ms: number, days: number, key: number, quiet: QuietHours): number {
  return slotOn(wibMidnight(ms) + days * DAY_MS, key, quiet);
}

/**
 * Whether bill periods paid cover a cycle's bill: monthly billers (PLN, PDAM...) bill in a month
 * the month before ("202611" in December). Periods in another form cannot tell: taken as covering.
 */
export function coversCycle(periods: string[], cycle: Cycle): boolean {
  const [year, month] = cycle.split("-").map(Number) as [number, number];
  const before = month === 1 ? `${year - 1}12` : `${year}${String(month - 1).padStart(2, "0")}`;
  const monthly = periods.filter((p) => /^\d{6}$/.test(p));
  return monthly.length === 0 || monthly.some((p) => p >= before);
}

/** `ms` itself when it is outside the quiet hours; otherwise the saved bill's moment after them. */
export function outsideQuiet(ms: number, key: number, quiet: QuietHours): number {
  return isQuiet(ms, quiet) ? slotAfter(ms, key, quiet) : ms;
}

/** How many percent `now` is above `before` (rounded down); 0 when it is not above or `before` is nothing. */
export function risePercent(before: number, now: number): number {
  return before > 0 && now > before ? Math.floor(((now - before) * 100) / before) : 0;
}
