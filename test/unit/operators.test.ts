import { describe, expect, it } from "vitest";
import { normalizeMobile, operatorOf } from "../../src/billing/operators.js";

describe("operatorOf", () => {
  it.each([
    ["081234567890", "telkomsel"],
    ["0811-1234-567", "telkomsel"],
    ["085212345678", "telkomsel"],
    ["085112345678", "telkomsel"],
    ["085154123456", "byu"],
    ["085158123456", "byu"],
    ["085159123456", "telkomsel"],
    ["085612345678", "indosat"],
    ["081512345678", "indosat"],
    ["087800001230", "xl"],
    ["081912345678", "xl"],
    ["083812345678", "axis"],
    ["083312345678", "axis"],
    ["089612345678", "tri"],
    ["088812345678", "smartfren"],
    ["088912345678", "smartfren"],
  ])("%s is %s", (number, operator) => {
    expect(operatorOf(number)).toMatchObject({ kind: "operator", operator });
  });

  it("reads +62 / 62 forms and separators, and answers the 08… form", () => {
    expect(operatorOf("+62 812 3456 7890")).toEqual({ kind: "operator", operator: "telkomsel", number: "081234567890" });
    expect(operatorOf("6285612345678")).toEqual({ kind: "operator", operator: "indosat", number: "085612345678" });
    expect(operatorOf("(0896) 1234.5678")).toEqual({ kind: "operator", operator: "tri", number: "089612345678" });
  });

  it("a mobile number of no known operator is a value, not an exception", () => {
    expect(operatorOf("080012345678")).toEqual({ kind: "unknown-prefix", number: "080012345678" });
    expect(operatorOf("082412345678")).toEqual({ kind: "unknown-prefix", number: "082412345678" });
  });

  it.each(["", "abc", "0812345", "08123456789012", "021555123", "12345678901", "+1 812 3456 7890"])("%j is not a mobile number", (input) => {
    expect(operatorOf(input)).toEqual({ kind: "not-a-number" });
    expect(normalizeMobile(input)).toBeUndefined();
  });
});
