import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { localeKeys } from "./support.js";

/** The bill summary and receipt keys: every one the code names exists in both languages, and no other. */

const dir = new URL("../../src/billing/", import.meta.url);
const source = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => readFileSync(new URL(f, dir), "utf8"))
  .join("\n");
const used = new Set([...source.matchAll(/"((?:bill|receipt)-[a-z0-9-]+)"/g)].map((m) => m[1]!));
const id = localeKeys("id");
const en = localeKeys("en");
const ours = (keys: Set<string>) => [...keys].filter((k) => /^(bill|receipt)-/.test(k)).sort();

describe("bill and receipt locale keys", () => {
  it("finds the keys the renderers use", () => {
    expect(used.size).toBeGreaterThan(60);
  });

  it.each([
    ["id", id],
    ["en", en],
  ] as const)("every key the code uses is in locales/%s.ftl", (_, keys) => {
    expect([...used].filter((k) => !keys.has(k))).toEqual([]);
  });

  it("both languages have the same bill-/receipt- keys, and none the code does not use", () => {
    expect(ours(en)).toEqual(ours(id));
    expect(ours(id).filter((k) => !used.has(k))).toEqual([]);
  });

  it("months exist in both languages (periods and dates name them)", () => {
    for (let m = 1; m <= 12; m++) {
      expect(id.has(`month-${m}`)).toBe(true);
      expect(en.has(`month-${m}`)).toBe(true);
    }
  });
});
