import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const keys = (file: string) =>
  readFileSync(`locales/${file}`, "utf8")
    .split("\n")
    .map((line) => /^([a-z][a-z0-9-]*)\s*=/.exec(line)?.[1])
    .filter((k): k is string => !!k);

describe("locales", () => {
  it("Indonesian and English have exactly the same keys", () => {
    const id = keys("id.ftl");
    const en = keys("en.ftl");
    expect(id.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !id.includes(k))).toEqual([]);
  });

  it("no key is defined twice", () => {
    for (const file of ["id.ftl", "en.ftl"]) {
      const all = keys(file);
      expect(
        all.filter((k, i) => all.indexOf(k) !== i),
        file,
      ).toEqual([]);
    }
  });
});
