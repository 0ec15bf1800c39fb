import { describe, expect, it } from "vitest";
import { parseDateRange, rangeFromKey, rangeKey } from "../../src/billing/date-range.js";
import { formatDateRange } from "../../src/billing/format.js";

/** 7 December 2026, 00:30 WIB (still 6 December in UTC): the WIB calendar decides. */
const NOW = Date.parse("2026-12-07T00:30:00+07:00");
const read = (text: string) => {
  const r = parseDateRange(text, NOW);
  return r.ok ? `${r.range.first}..${r.range.last}` : r.error;
};
const months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
const t = (key: string) => months[Number(key.replace("month-", "")) - 1] ?? key;

describe("date ranges as typed", () => {
  it.each([
    ["", "2026-12-07..2026-12-07"],
    ["hari ini", "2026-12-07..2026-12-07"],
    ["kemarin", "2026-12-06..2026-12-06"],
    ["Kemarin", "2026-12-06..2026-12-06"],
    ["07-12-2026", "2026-12-07..2026-12-07"],
    ["7/12", "2026-12-07..2026-12-07"],
    // A day without a year that is still to come this year is last year's.
    ["25/12", "2025-12-25..2025-12-25"],
    ["7/12/26", "2026-12-07..2026-12-07"],
    ["2026-02-28", "2026-02-28..2026-02-28"],
    ["2024-02-29", "2024-02-29..2024-02-29"],
    ["7 hari", "2026-12-01..2026-12-07"],
    ["30 days", "2026-11-08..2026-12-07"],
    ["bulan ini", "2026-12-01..2026-12-31"],
    ["bulan lalu", "2026-11-01..2026-11-30"],
    ["Februari 2026", "2026-02-01..2026-02-28"],
    ["2026-02", "2026-02-01..2026-02-28"],
    ["02/2026", "2026-02-01..2026-02-28"],
    ["mei", "2026-05-01..2026-05-31"],
    ["1/12 - 7/12", "2026-12-01..2026-12-07"],
    ["1/12 s/d 7/12", "2026-12-01..2026-12-07"],
    ["2026-11-01 2026-11-15", "2026-11-01..2026-11-15"],
    ["2026-10 2026-11", "2026-10-01..2026-11-30"],
    ["7/12 - 1/12", "reversed"],
    ["2026-02-29", "format"],
    ["31/4", "format"],
    ["0 hari", "format"],
    ["besok", "format"],
    ["1/12 - 7/12 - 9/12", "format"],
  ])("reads %j as %s", (text, expected) => expect(read(text)).toBe(expected));

  it("says a day, a whole month and a range the way people do", () => {
    expect(formatDateRange({ first: "2026-12-07", last: "2026-12-07" }, t)).toBe("7 Desember 2026");
    expect(formatDateRange({ first: "2026-02-01", last: "2026-02-28" }, t)).toBe("Februari 2026");
    expect(formatDateRange({ first: "2026-02-01", last: "2026-02-27" }, t)).toBe("1 Februari 2026 – 27 Februari 2026");
  });

  it("keeps a range in a button's data and reads it back, refusing what is not one", () => {
    const r = parseDateRange("1/12 - 7/12", NOW);
    if (!r.ok) throw new Error("unread");
    expect(rangeKey(r.range)).toBe("20261201-20261207");
    expect(rangeFromKey(rangeKey(r.range))).toEqual(r.range);
    expect(rangeFromKey("20261207-20261201")).toBeUndefined();
    expect(rangeFromKey("20260230-20260301")).toBeUndefined();
  });
});
