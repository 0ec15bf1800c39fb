import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../src/billing/catalog.js";
import { operatorOfBrand } from "../../src/billing/operators.js";
import { prepaidPrice } from "../../src/pricing/prepaid-pricing.js";
import type { PrepaidMarkupRule } from "../../src/billing/prepaid-catalog.js";

const rules: PrepaidMarkupRule[] = [
  { flat: 1000, roundUpTo: 500 },
  { category: "pulsa", percent: 2, roundUpTo: 100 },
  { brand: "telkomsel", flat: 1500 },
  { category: "pulsa", brand: "XL", flat: 700, roundUpTo: 1000 },
  { code: "tsel5", flat: 0 },
];
const pulsa = (code: string, brand: string) => ({ code, brand, category: "pulsa" as const });

describe("prepaid markup rules", () => {
  it("the most specific rule wins: code, then brand (with category above brand alone), then category, then the default", () => {
    expect(prepaidPrice(rules, pulsa("tsel5", "TELKOMSEL"), 5_350)).toBe(5_350);
    expect(prepaidPrice(rules, pulsa("tsel10", "TELKOMSEL"), 10_350)).toBe(11_850);
    expect(prepaidPrice(rules, pulsa("xl10", "XL"), 10_350)).toBe(12_000);
    expect(prepaidPrice(rules, pulsa("isat10", "INDOSAT"), 10_350)).toBe(10_600); // 10.557 up to the next 100
    expect(prepaidPrice(rules, { code: "dana50", brand: "DANA", category: "ewallet" }, 50_250)).toBe(51_500);
  });

  it("without a matching rule the price is the cost; rounding only goes up, so never below the cost", () => {
    expect(prepaidPrice([], pulsa("a", "B"), 1_234)).toBe(1_234);
    for (const cost of [1, 499, 500, 501, 99_999]) expect(prepaidPrice([{ percent: 0, roundUpTo: 500 }], pulsa("a", "B"), cost)).toBeGreaterThanOrEqual(cost);
  });

  it("the catalog refuses a rule with both or neither of flat and percent, naming it", () => {
    const base = {
      categories: [
        {
          id: "c",
          names: { id: "c", en: "c" },
          products: [
            {
              id: "p",
              names: { id: "p", en: "p" },
              kind: "pln",
              codes: { sandbox: "pln" },
              input: { pattern: "\\d+", hint: { id: "h", en: "h" } },
              markup: { flat: 1 },
            },
          ],
        },
      ],
    };
    expect(parseCatalog({ ...base, prepaid: { markup: [{ category: "pulsa", flat: 1, percent: 2 }] } })).toMatchObject({
      ok: false,
      message: expect.stringContaining("prepaid.markup[0]"),
    });
    expect(parseCatalog({ ...base, prepaid: { markup: [{ brand: "XL" }] } })).toMatchObject({ ok: false });
    expect(parseCatalog({ ...base, prepaid: { markup: [{ brand: "XL", flat: 500, roundUpTo: 100 }] } })).toMatchObject({ ok: true });
  });
});

describe("operator of a price-list brand", () => {
  it.each([
    ["TELKOMSEL", "telkomsel"],
    ["by.U", "byu"],
    ["BY.U", "byu"],
    ["INDOSAT", "indosat"],
    ["IM3", "indosat"],
    ["TELKOMSEL_PAKET_INTERNET", "telkomsel"],
    ["XL", "xl"],
    ["AXIS", "axis"],
    ["TRI", "tri"],
    ["THREE", "tri"],
    ["SMARTFREN", "smartfren"],
    ["DANA", undefined],
    ["XLX", undefined],
  ])("%s -> %s", (brand, operator) => {
    expect(operatorOfBrand(brand)).toBe(operator);
  });
});
