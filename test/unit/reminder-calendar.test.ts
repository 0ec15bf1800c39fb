import { describe, expect, it } from "vitest";
import { coversCycle, cycleOf, isQuiet, nextCycle, outsideQuiet, risePercent, runAt, runDay, slotDaysLater } from "../../src/billing/reminder-calendar.js";
import { loadConfig } from "../../src/config.js";

const WIB = (text: string) => Date.parse(`${text}+07:00`);
const QUIET = { from: 21, to: 7 };
const wib = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);

describe("the bill calendar's dates (WIB)", () => {
  it("names months in WIB and rolls December over into January", () => {
    expect(cycleOf(WIB("2026-11-30T23:59:00"))).toBe("2026-11");
    expect(cycleOf(WIB("2026-12-01T00:00:00"))).toBe("2026-12");
    expect(nextCycle("2026-12")).toBe("2027-01");
    expect(nextCycle("2027-01")).toBe("2027-02");
  });

  it("runs a day the month lacks on its last day", () => {
    expect(wib(runDay("2027-02", 31))).toBe("2027-02-28T00:00");
    expect(wib(runDay("2028-02", 30))).toBe("2028-02-29T00:00");
    expect(wib(runDay("2026-12", 5))).toBe("2026-12-05T00:00");
  });

  it("knows quiet hours across midnight and within a day", () => {
    expect(isQuiet(WIB("2026-12-05T21:00:00"), QUIET)).toBe(true);
    expect(isQuiet(WIB("2026-12-05T06:59:00"), QUIET)).toBe(true);
    expect(isQuiet(WIB("2026-12-05T07:00:00"), QUIET)).toBe(false);
    expect(isQuiet(WIB("2026-12-05T20:59:00"), QUIET)).toBe(false);
    expect(isQuiet(WIB("2026-12-05T03:00:00"), { from: 1, to: 5 })).toBe(true);
    expect(isQuiet(WIB("2026-12-05T23:00:00"), { from: 1, to: 5 })).toBe(false);
    expect(isQuiet(WIB("2026-12-05T03:00:00"), undefined)).toBe(false);
  });

  it("gives each saved bill its own minute on its day, inside the window, the same every time", () => {
    const before = WIB("2026-12-01T08:00:00");
    const slots = Array.from({ length: 200 }, (_, id) => runAt("2026-12", 5, id + 1, QUIET, before));
    expect(slots.every((s) => wib(s).startsWith("2026-12-05") && !isQuiet(s, QUIET) && s % 60_000 === 0)).toBe(true);
    expect(slots.every((s) => s <= WIB("2026-12-05T20:30:00"))).toBe(true);
    expect(new Set(slots).size).toBeGreaterThan(150);
    expect(runAt("2026-12", 5, 7, QUIET, before)).toBe(slots[6]);
    // The same minute on another day.
    expect(wib(runAt("2027-01", 10, 7, QUIET, before)).slice(11)).toBe(wib(slots[6]!).slice(11));
  });

  it("after its day has passed, runs at the bill's next minute, today or tomorrow", () => {
    const slot = runAt("2026-12", 5, 7, QUIET, WIB("2026-12-01T00:00:00"));
    expect(runAt("2026-12", 5, 7, QUIET, slot - 1)).toBe(slot);
    expect(runAt("2026-12", 5, 7, QUIET, slot)).toBe(slot + 24 * 3_600_000);
    expect(slotDaysLater(slot, 2, 7, QUIET)).toBe(slot + 2 * 24 * 3_600_000);
  });

  it("moves a time in the quiet hours to the bill's minute after them", () => {
    const night = WIB("2026-12-05T23:00:00");
    const moved = outsideQuiet(night, 7, QUIET);
    expect(wib(moved).startsWith("2026-12-06")).toBe(true);
    expect(isQuiet(moved, QUIET)).toBe(false);
    expect(outsideQuiet(WIB("2026-12-05T12:00:00"), 7, QUIET)).toBe(WIB("2026-12-05T12:00:00"));
  });

  it("knows whether periods paid cover a month's bill: monthly billers bill the month before", () => {
    expect(coversCycle(["202611"], "2026-12")).toBe(true);
    expect(coversCycle(["202610", "202611"], "2026-12")).toBe(true);
    expect(coversCycle(["202610"], "2026-12")).toBe(false);
    expect(coversCycle(["202612"], "2027-01")).toBe(true);
    expect(coversCycle(["202611"], "2027-01")).toBe(false);
    expect(coversCycle(["MEI 2019"], "2026-12")).toBe(true);
  });

  it("measures a rise in whole percent", () => {
    expect(risePercent(100_000, 150_000)).toBe(50);
    expect(risePercent(100_000, 150_999)).toBe(50);
    expect(risePercent(100_000, 90_000)).toBe(0);
    expect(risePercent(0, 90_000)).toBe(0);
  });
});

describe("REMINDER_* settings", () => {
  const load = (env: Record<string, string>) => loadConfig({ DATABASE_PATH: ":memory:", ...env });
  it("read quiet hours as from-to in WIB, or off", () => {
    const ok = load({});
    expect(ok.ok && ok.config.reminders).toEqual({ quiet: { from: 21, to: 7 }, maxPerHour: 120, retryDays: 2, maxTries: 3, jumpPercent: 50 });
    const off = load({ REMINDER_QUIET_HOURS: "off" });
    expect(off.ok && off.config.reminders.quiet).toBeUndefined();
    const other = load({ REMINDER_QUIET_HOURS: "22:00-06:00" });
    expect(other.ok && other.config.reminders.quiet).toEqual({ from: 22, to: 6 });
    const bad = load({ REMINDER_QUIET_HOURS: "malam" });
    expect(bad.ok ? "" : bad.message).toContain('REMINDER_QUIET_HOURS: expected quiet hours in WIB as "21-7"');
  });
});
