import { describe, expect, it } from "vitest";
import { nearestCodes, normalizeCode } from "../../src/billing/one-line.js";

/** The codes a mistyped one-line order is answered with (the typed code arrives normalized). */
const near = (typed: string, codes: string[]) => nearestCodes(normalizeCode(typed), codes);

describe("nearestCodes", () => {
  const sandbox = ["sbx-tsel-5", "sbx-tsel-10", "sbx-xl-10", "sbx-xl-25", "sbx-pln-20", "sbx-dana-50"];

  it("finds a code one slip away", () => {
    expect(near("XL1O", ["XL10", "XL25", "TSEL10"])[0]).toBe("XL10");
    expect(near("tsel01", ["TSEL10", "TSEL5", "XL10"])[0]).toBe("TSEL10");
  });

  it("finds a code typed without the provider's prefix, nearest first", () => {
    expect(near("TSEL5", sandbox)[0]).toBe("sbx-tsel-5");
    expect(near("XL1O", sandbox)[0]).toBe("sbx-xl-10");
    expect(near("PLN20", sandbox)).toEqual(["sbx-pln-20"]);
  });

  it("suggests nothing for a code that resembles none", () => {
    expect(near("GOPAY100", sandbox)).toEqual([]);
    expect(near("ZZZ", ["XL10", "TSEL5"])).toEqual([]);
  });
});
