import { describe, expect, it } from "vitest";
import { parseAmount } from "../../src/billing/amount.js";
import {
  formatDate,
  formatDateTimeWib,
  formatEcho,
  formatPeriod,
  formatRupiah,
  maskIdentity,
  midSentence,
  splitCustomerNo,
  wibDate,
} from "../../src/billing/format.js";
import { cutText, splitText } from "../../src/bot/delivery.js";

const months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
const t = (key: string) => months[Number(key.replace("month-", "")) - 1] ?? key;

describe("formatting", () => {
  it.each([
    [0, "Rp 0"],
    [500, "Rp 500"],
    [1000, "Rp 1.000"],
    [1234567, "Rp 1.234.567"],
    [-2500, "-Rp 2.500"],
  ])("formats %i as %s", (n, s) => expect(formatRupiah(n)).toBe(s));

  it.each([
    ["201901", "Januari 2019"],
    ["0320", "Maret 2020"],
    ["MEI 2019", "MEI 2019"],
    ["MEI 22", "MEI 22"],
    ["2019", "2019"],
    ["002", "002"],
    ["201913", "201913"],
  ])("reads period %s as %s", (raw, out) => expect(formatPeriod(raw, t)).toBe(out));

  it("shows times in WIB (UTC+7) and knows the WIB date", () => {
    const ms = Date.UTC(2026, 10, 21, 17, 30); // 22 Nov 00:30 WIB
    expect(formatDateTimeWib(ms, t)).toBe("22 November 2026 00:30 WIB");
    expect(wibDate(ms)).toBe("2026-11-22");
  });
});

describe("what the chat repeats and hides", () => {
  it("quotes back at most a short, one-line prefix of what was typed", () => {
    expect(formatEcho("  12ab ")).toBe("12ab");
    expect(formatEcho("   ")).toBe("");
    expect(formatEcho("a\n\nb")).toBe("a b");
    expect(formatEcho("x".repeat(500))).toBe(`${"x".repeat(23)}…`);
  });

  it("hides an identity number but for its last 4 digits, and splits Digiflazz's 'code,nik'", () => {
    expect(maskIdentity("0212502110170100")).toBe("************0100");
    expect(maskIdentity("123")).toBe("123");
    expect(splitCustomerNo("9658548523568701,0212502110170100")).toEqual({ number: "9658548523568701", identity: "0212502110170100" });
    expect(splitCustomerNo("530000000001")).toEqual({ number: "530000000001" });
  });

  it.each([
    ["Nomor pelanggan PDAM 5-20 digit", "nomor pelanggan PDAM 5-20 digit"],
    ["Kode bayar SAMSAT 16 digit", "kode bayar SAMSAT 16 digit"],
    ["ID pelanggan PLN 11-12 digit", "ID pelanggan PLN 11-12 digit"],
    ["NOP 18 digit", "NOP 18 digit"],
    ["11-12 digit PLN customer ID", "11-12 digit PLN customer ID"],
    ["E-money account phone number", "e-money account phone number"],
  ])("puts %j mid-sentence as %j", (phrase, expected) => expect(midSentence(phrase)).toBe(expected));

  it("reads a report day in words", () => {
    expect(formatDate("2026-03-10", t)).toBe("10 Maret 2026");
    expect(formatDate("20260310", t)).toBe("10 Maret 2026");
    expect(formatDate("2026-02-30", t)).toBe("2026-02-30");
  });

  it("cuts a long text into messages at line breaks, and an edit with an ellipsis", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ${"x".repeat(20)}`).join("\n");
    const pieces = splitText(lines, 4096);
    expect(pieces.length).toBe(3);
    expect(pieces.every((p) => p.length <= 4096 && !p.startsWith("\n"))).toBe(true);
    expect(pieces.join("\n")).toBe(lines);
    expect(splitText("y".repeat(5000), 4096).map((p) => p.length)).toEqual([4096, 904]);
    expect(cutText("z".repeat(5000), 4096)).toBe(`${"z".repeat(4095)}…`);
  });
});

describe("amounts as people type them", () => {
  it.each([
    ["50000", 50000],
    ["50.000", 50000],
    ["50,000", 50000],
    ["Rp 25.000", 25000],
    ["50rb", 50000],
    ["50 ribu", 50000],
    ["1jt", 1000000],
    ["1,5jt", 1500000],
    ["2.5 juta", 2500000],
    ["10k", 10000],
    // Decimals with a unit, in whole numbers: 1.005 × 1.000.000 is 1004999.9999999999 in floating point.
    ["1,005jt", 1_005_000],
    ["1.011 juta", 1_011_000],
    ["1,1jt", 1_100_000],
    ["2,3 juta", 2_300_000],
    ["0,5jt", 500_000],
    ["1,5000rb", 1500],
    ["Rp 1.000.000.000", 1_000_000_000],
    ["1000jt", 1_000_000_000],
  ])("%s is %i", (text, n) => expect(parseAmount(text)).toBe(n));

  it.each(["", "abc", "50.5", "1.2.3jt", "-5000", "0", "12,34", "0rb", "1,0005rb", "1,0000001jt"])("refuses %j", (text) =>
    expect(parseAmount(text)).toBeUndefined(),
  );

  it.each(["1.000.000.001", "1000000001", "1001jt", "1000,000001jt", "5000000rb", "9".repeat(20), "9".repeat(400), `${"9".repeat(400)}jt`])(
    "refuses %s, more than Rp 1.000.000.000",
    (text) => expect(parseAmount(text)).toBeUndefined(),
  );
});
