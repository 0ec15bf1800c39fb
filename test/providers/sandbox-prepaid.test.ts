import { describe, expect, it } from "vitest";
import type { PrepaidCategory } from "../../src/billing/bill.js";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import { SANDBOX_PREPAID_PRODUCTS } from "../../src/providers/sandbox/prepaid.js";

const T0 = new Date("2026-03-01T03:00:00Z");
const sandbox = createSandboxProvider({ now: () => T0 });

async function buy(productCode: string, customerNo: string, extra: { amount?: number; fields?: { name: string; value: string }[] } = {}) {
  const p = SANDBOX_PREPAID_PRODUCTS.find((x) => x.code === productCode)!;
  const quote = await sandbox.inquiry({
    ref: `ref-${productCode}-${customerNo}`,
    productCode,
    customerNo,
    amount: extra.amount,
    fields: extra.fields,
    prepaid: { category: p.category, cost: p.cost, check: p.check },
  });
  if (quote.kind !== "success") return { quote, paid: undefined, status: undefined };
  return { quote, paid: await sandbox.pay(quote.value), status: await sandbox.status(quote.value) };
}

describe("sandbox prepaid", () => {
  it("offers every category, pulsa for every operator, an open amount, a zone id, and an unavailable product", async () => {
    const list = await sandbox.prepaidPriceList!();
    if (list.kind !== "success") throw new Error(list.kind);
    const categories = new Set(list.value.map((p) => p.category));
    expect([...categories].sort()).toEqual((["data", "ewallet", "game", "pln", "pulsa", "voucher"] satisfies PrepaidCategory[]).sort());
    expect(new Set(list.value.filter((p) => p.category === "pulsa").map((p) => p.brand))).toEqual(
      new Set(["TELKOMSEL", "INDOSAT", "XL", "AXIS", "TRI", "SMARTFREN", "BY.U"]),
    );
    expect(list.value.find((p) => p.openAmount)).toMatchObject({ code: "sbx-gopay-open", openAmount: { min: 10_000, max: 1_000_000 } });
    expect(list.value.find((p) => p.fields.includes("zone_id"))?.category).toBe("game");
    expect(list.value.some((p) => !p.available)).toBe(true);
  });

  it("pulsa: any number succeeds with a serial number; …1232 fails; …1233 is pending then succeeds; …1234 pending then fails", async () => {
    expect(await buy("sbx-xl-10", "087812345678")).toMatchObject({ paid: { kind: "success", value: { cost: 10_350 } } });
    expect((await buy("sbx-xl-10", "087800001232")).paid).toMatchObject({ kind: "failed", blame: "provider" });
    expect(await buy("sbx-xl-10", "087800001233")).toMatchObject({ paid: { kind: "pending" }, status: { kind: "success" } });
    expect(await buy("sbx-xl-10", "087800001234")).toMatchObject({ paid: { kind: "pending" }, status: { kind: "failed" } });
  });

  it("PLN token: the meter is checked (name shown), the receipt carries a parsed token; a meter that does not exist is refused", async () => {
    const { quote, paid } = await buy("sbx-pln-20", "12345678901");
    expect(quote).toMatchObject({
      kind: "success",
      value: { customerName: expect.stringMatching(/\w/), prepaid: { category: "pln", quotedAt: T0.toISOString() } },
    });
    expect(paid?.kind === "success" && paid.value.token).toMatchObject({ token: expect.stringMatching(/^\d{20}$/), tariff: "R1", power: 1300 });
    expect((await buy("sbx-pln-20", "99999999999")).quote).toMatchObject({ kind: "failed", reason: "wrong-number", blame: "customer" });
    expect((await buy("sbx-pln-20", "12345678902")).paid?.kind).toBe("failed");
  });

  it("e-wallet open amount: the amount plus the fee; games keep the zone id and show a nickname; vouchers give a code", async () => {
    expect((await buy("sbx-gopay-open", "081234567890", { amount: 75_000 })).quote).toMatchObject({ value: { billAmount: 75_000, cost: 76_000 } });
    const ml = await buy("sbx-ml-86", "59551114", { fields: [{ name: "zone_id", value: "2101" }] });
    expect(ml.quote).toMatchObject({ value: { fields: [{ name: "zone_id", value: "2101" }], customerName: expect.stringMatching(/\w/) } });
    expect((await buy("sbx-gplay-20", "081234567890")).paid).toMatchObject({ kind: "success", value: { sn: expect.stringMatching(/^SBXV-/) } });
  });
});
