import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkCustomerNo, checkInput, loadCatalog, parseCatalog, userPrice } from "../../src/billing/catalog.js";

const shipped = JSON.parse(readFileSync("data/products.json", "utf8"));

describe("catalog", () => {
  it("the shipped catalog is valid and offers PLN, BPJS and PDAM on the sandbox", () => {
    const r = loadCatalog("data/products.json");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ids = r.catalog.forProvider("sandbox").flatMap((c) => c.products.map((p) => p.id));
    expect(ids).toEqual(expect.arrayContaining(["pln-pascabayar", "bpjs-kesehatan", "pdam"]));
  });

  it("names the broken entry and field", () => {
    const broken = structuredClone(shipped);
    broken.categories[0].products[1].markup = { flat: 1.5 };
    broken.categories[1].products[0].input.pattern = "([";
    const r = parseCatalog(broken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain("categories[0] (listrik).products[1] (pln-nontaglis).markup");
    expect(r.message).toContain("categories[1] (air).products[0] (pdam).input.pattern: expected a valid regular expression");
  });

  it("names a broken Tokopedia prepaid entry by its code", () => {
    const broken = structuredClone(shipped);
    broken.prepaid.tokopedia[4].fields = ["Zone ID"];
    broken.prepaid.tokopedia[2].openAmount = { min: 50_000, max: 10_000 };
    broken.prepaid.tokopedia[0].category = "pulse";
    const r = parseCatalog(broken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain("prepaid.tokopedia[4] (mobile-legends-18-diamonds).fields[0]: expected a lowercase field name");
    expect(r.message).toContain("prepaid.tokopedia[2] (topup-dana).openAmount: expected min not above max");
    expect(r.message).toContain("prepaid.tokopedia[0] (50k-simpati).category:");
    const twice = structuredClone(shipped);
    twice.prepaid.tokopedia[5].code = "topup-dana";
    const r2 = parseCatalog(twice);
    expect(!r2.ok && r2.message).toContain('prepaid.tokopedia[5] (topup-dana).code: duplicate product code "topup-dana"');
  });

  it("BPJS Kesehatan offers 1-12 months ahead at IAK only; more than 12 or an unknown provider is a catalog problem", () => {
    const r = parseCatalog(shipped);
    if (!r.ok) throw new Error(r.message);
    expect(r.catalog.product("bpjs-kesehatan")!.input.months).toEqual({ providers: ["iak"], choices: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    const broken = structuredClone(shipped);
    const bpjs = broken.categories.flatMap((c: { products: unknown[] }) => c.products).find((p: { id: string }) => p.id === "bpjs-kesehatan");
    bpjs.input.months = { providers: ["iak", "bpjs-direct"], choices: [1, 24] };
    const r2 = parseCatalog(broken);
    expect(!r2.ok && r2.message).toContain("(bpjs-kesehatan).input.months.providers[1]");
    expect(!r2.ok && r2.message).toContain("(bpjs-kesehatan).input.months.choices[1]");
  });

  it("refuses duplicate product ids", () => {
    const broken = structuredClone(shipped);
    broken.categories[1].products[0].id = "pln-pascabayar";
    const r = parseCatalog(broken);
    expect(!r.ok && r.message).toContain('duplicate product id "pln-pascabayar"');
  });

  it("adds the markup in whole rupiah", () => {
    const r = parseCatalog(shipped);
    if (!r.ok) throw new Error(r.message);
    const p = r.catalog.product("pln-pascabayar")!;
    expect(userPrice(p, 10_000)).toBe(12_000);
    expect(userPrice({ ...p, markup: { percent: 1.5 } }, 10_033)).toBe(10_183);
  });

  it("checks customer numbers against the whole pattern", () => {
    expect(checkInput("\\d{11,12}", "5300 0000-0001")).toEqual({ ok: true, value: "530000000001" });
    expect(checkInput("\\d{11,12}", "53000000000123")).toEqual({ ok: false });
    expect(checkInput("\\d{11,12}", "53000000000a")).toEqual({ ok: false });
    // A phone number is one number however it is written, in the 08… form billers take.
    const phone = { pattern: "(?:\\+?62|0)8\\d{7,12}", hint: { id: "", en: "" }, phone: true };
    for (const typed of ["081234554320", "+62 812-3455-4320", "62 812 3455 4320", "0812.3455.4320"]) {
      expect(checkCustomerNo(phone, typed), typed).toEqual({ ok: true, value: "081234554320" });
    }
    expect(checkCustomerNo(phone, "+1 555 1234")).toEqual({ ok: false });
    expect(checkCustomerNo({ ...phone, phone: undefined }, "+6281234554320")).toEqual({ ok: true, value: "+6281234554320" });
  });
});
