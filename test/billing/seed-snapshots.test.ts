import { beforeAll, describe, expect, it } from "vitest";
import { formatRupiah } from "../../src/billing/format.js";
import { renderReceipt } from "../../src/billing/receipt.js";
import { renderBillSummary } from "../../src/billing/summary.js";
import { loadSeedExamples, seedResponseFiles, type SeedExample } from "./seed-examples.js";
import { LOCALES, PAID_AT, translate, txFor, unreadable } from "./support.js";

/**
 * Every response example of the seeds, read through the real adapters, rendered as the customer
 * sees it in both languages. The snapshot files under __snapshots__/ are meant to be read.
 */

/** The operator's markup in these renders: it must end up inside "Biaya admin", never on its own. */
const MARKUP = 1000;
const BALANCE = 250_000;

const examples = await loadSeedExamples();
const withSummary = examples.filter((e) => e.inquiry);
const withReceipt = examples.filter((e) => e.payment !== undefined);

function summary(e: SeedExample, locale: (typeof LOCALES)[number]): string {
  return renderBillSummary(
    { bill: e.bill, price: e.bill.cost + MARKUP, productName: e.productName[locale], balance: BALANCE, kind: e.kind },
    translate(locale),
  );
}

function receipt(e: SeedExample, locale: (typeof LOCALES)[number]): string {
  const o = e.payment!;
  const paid = o.kind === "success" ? o.value : undefined;
  // A prepaid product's receipt is the prepaid one, as the bot sends it.
  const bill = e.prepaid ? { ...e.bill, prepaid: { category: e.prepaid, quotedAt: new Date(PAID_AT).toISOString() } } : e.bill;
  const tx = txFor(bill, {
    // What the payments side makes of each outcome: only success and a confirmed failure are final.
    state: o.kind === "success" ? "success" : o.kind === "failed" ? "failed" : "pending",
    price: e.bill.cost + MARKUP,
    sn: paid?.sn ?? null,
    token: paid?.token ?? null,
    codes: paid?.codes ?? [],
    resultDetails: paid?.details ?? [],
  });
  return renderReceipt({ tx, productName: e.productName[locale], balance: { now: BALANCE }, kind: e.kind }, translate(locale));
}

const bothLanguages = (texts: string[]) => LOCALES.map((l, i) => `── ${l} ──\n${texts[i]}\n`).join("\n");

describe("every seed response example is rendered", () => {
  it("covers each response file of the seeds (Digiflazz inq/pay, IAK, Tokopedia inquiry and order detail)", () => {
    const covered = examples.flatMap((e) => {
      if (e.provider === "digiflazz") return [`digiflazz/inq-${e.name}.json`, `digiflazz/pay-${e.name}.json`];
      if (e.provider === "iak") return [`iak/${e.name.replace(/\.(json|xml)$/, ".response.$1")}`];
      return [...(e.inquiry ? [`tokopedia/${e.name}.inquiry-response.json`] : []), `tokopedia/${e.name}.order-detail.`];
    });
    const missing = seedResponseFiles().filter((f) => !covered.some((c) => (c.endsWith(".") ? f.startsWith(c) : f === c)));
    expect(missing).toEqual([]);
    expect(withSummary.length).toBeGreaterThanOrEqual(60);
  });
});

describe.each(withSummary.map((e) => [`${e.provider}/${e.name}`, e] as const))("summary %s", (id, e) => {
  let texts: string[];
  beforeAll(() => {
    texts = LOCALES.map((l) => summary(e, l));
  });

  it("matches the reviewed snapshot, in Indonesian and English", async () => {
    await expect(bothLanguages(texts)).toMatchFileSnapshot(`__snapshots__/${id}.summary.txt`);
  });

  it("reads cleanly: no raw keys, no undefined, amounts as Rp 1.234.567", () => {
    expect(texts.flatMap(unreadable)).toEqual([]);
  });

  it("shows the user's price, with the markup inside the admin fee and never the provider's own admin line", () => {
    const price = e.bill.cost + MARKUP;
    const id = summary(e, "id");
    expect(id).toContain(`Total bayar: ${formatRupiah(price)}`);
    const admin = price - e.bill.billAmount;
    if (admin > 0) expect(id).toContain(`Biaya admin: ${formatRupiah(admin)}`);
    expect(id).not.toMatch(/^(Biaya Admin|Admin|ADMIN BANK|Total Bayar|TOTAL BAYAR|Jumlah Pembayaran):/m);
  });
});

describe.each(withReceipt.map((e) => [`${e.provider}/${e.name}`, e] as const))("receipt %s", (id, e) => {
  let texts: string[];
  beforeAll(() => {
    texts = LOCALES.map((l) => receipt(e, l));
  });

  it("matches the reviewed snapshot, in Indonesian and English", async () => {
    await expect(bothLanguages(texts)).toMatchFileSnapshot(`__snapshots__/${id}.receipt.txt`);
  });

  it("reads cleanly and shows each fact once (amounts may repeat per period)", () => {
    expect(texts.flatMap(unreadable)).toEqual([]);
    const lines = receipt(e, "id")
      .split("\n")
      .filter((l) => l.includes(":") && !l.includes("Rp"));
    expect(lines.filter((l, i) => lines.indexOf(l) !== i)).toEqual([]);
  });
});
