import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Bill, PrepaidCategory } from "../../src/billing/bill.js";
import { loadCatalog } from "../../src/billing/catalog.js";
import type { PrepaidCatalogEntry } from "../../src/billing/prepaid-catalog.js";
import { createTokopediaProvider } from "../../src/providers/tokopedia/index.js";
import { tokopediaPrepaidProducts } from "../../src/providers/tokopedia/prepaid.js";
import { loadTokopediaFixtures, startTokopediaStub, testKeyPair, TOKOPEDIA_PREPAID_LIST, type TokopediaStub } from "../stubs/tokopedia-server.js";
import type { PrepaidOrder } from "../../src/providers/provider.js";

/** Every prepaid product of seed 002, by category. */
const PREPAID: Record<string, PrepaidCategory> = {
  "50k-simpati": "pulsa",
  "pln-prepaid-token-50k-sat-new": "pln",
  "topup-dana": "ewallet",
  "dompet-digital-gopay-open-amount": "ewallet",
  "mobile-legends-18-diamonds": "game",
  "bigo-live-10-diamonds": "game",
  "kode-voucher-google-play-10000": "voucher",
  "steam-wallet-idr-90": "voucher",
  "spotify-premium-spotify-premium-6": "voucher",
  "viu-buy1get1": "voucher",
  "kfc-50k": "voucher",
  "gofood-20k": "voucher",
  "sony-sugema-college-2": "voucher",
  "tech-in-asia-edu-4": "voucher",
  "donasi-rumah-zakat-50": "other",
};

const partner = testKeyPair();
const keyDir = mkdtempSync(join(tmpdir(), "tokopedia-prepaid-"));
writeFileSync(join(keyDir, "partner.pem"), partner.privateKey);
const fixtures = loadTokopediaFixtures();
const json = (text: string) => JSON.parse(text);
const T0 = new Date("2026-03-01T03:00:00Z");

let stub: TokopediaStub;
beforeEach(async () => {
  stub = await startTokopediaStub({ partnerPublicKey: partner.publicKey, clientId: "c", clientSecret: "s", pendingPolls: 0 });
});
afterEach(() => stub.close());

const provider = (prepaidCatalog?: PrepaidCatalogEntry[]) =>
  createTokopediaProvider(
    { clientId: "c", clientSecret: "s", privateKeyPath: join(keyDir, "partner.pem"), publicKeyPath: undefined, baseUrl: stub.url, tokenUrl: stub.tokenUrl },
    { timeoutMs: 2000, retryDelayMs: 1, now: () => T0, prepaidCatalog },
  );

function orderFor(code: string, over: Partial<PrepaidOrder> = {}): PrepaidOrder {
  const p = fixtures.get(code)!;
  const _seed = json(p.inquiryRequest ?? p.orderRequest).data.attributes;
  return { category: PREPAID[code]!, cost: json(p.orderPending).data.attributes.sales_price, check: p.inquiryResponse !== undefined, ...over };
}

/** The product's inputs (zone id...) as its seed request names them, for the inquiry request. */
function fieldsFor(code: string): { fields?: { name: string; value: string }[] } {
  const p = fixtures.get(code)!;
  const seed = json(p.inquiryRequest ?? p.orderRequest).data.attributes;
  return seed.fields ? { fields: seed.fields } : {};
}

it("every prepaid product of seed 002 has its fixtures", () => {
  expect(Object.keys(PREPAID).filter((c) => !fixtures.has(c))).toEqual([]);
});

describe("quote: products with an inquiry are quoted from Tokopedia's answer", () => {
  const withInquiry = Object.keys(PREPAID).filter((c) => fixtures.get(c)!.inquiryResponse !== undefined);

  it("the seed has inquiries for the PLN token, games with a nickname, and e-wallets", () => {
    expect(withInquiry.sort()).toEqual([
      "bigo-live-10-diamonds",
      "dompet-digital-gopay-open-amount",
      "mobile-legends-18-diamonds",
      "pln-prepaid-token-50k-sat-new",
      "topup-dana",
    ]);
  });

  it.each(withInquiry)("%s: the request carries the seed's inputs; the bill is the seed's answer", async (code) => {
    const p = fixtures.get(code)!;
    const seedRequest = json(p.inquiryRequest!).data.attributes;
    const answer = json(p.inquiryResponse!).data.attributes;
    const out = await provider().inquiry({
      ref: `ref-${code}`,
      productCode: code,
      customerNo: seedRequest.client_number,
      amount: seedRequest.amount,
      ...fieldsFor(code),
      prepaid: orderFor(code),
    });
    if (out.kind !== "success") throw new Error(JSON.stringify(out));
    const sent = json(stub.calls.find((c) => c.endpoint === "inquiry")!.body).data.attributes;
    // The seed's requests also carry `downline_id` (the partner's own sub-account) and `fields: null`: not sent.
    const { downline_id: _d, fields: seedFields, ...seedRest } = seedRequest;
    expect(sent).toEqual({ ...seedRest, ...(seedFields && { fields: seedFields }) });
    expect(out.raw).toBe(p.inquiryResponse);
    expect(out.value).toEqual({
      provider: "tokopedia",
      productCode: code,
      customerNo: seedRequest.client_number,
      customerName: expect.any(String),
      periods: [],
      details: answer.inquiry_result.map((l: { name: string; value: string }) => ({ key: l.name, value: l.value })),
      billAmount: answer.base_price,
      adminFee: 0,
      cost: answer.sales_price,
      ...(seedFields && { fields: seedFields }),
      refs: { refId: `ref-${code}`, orderId: `ref-${code}` },
      prepaid: { category: PREPAID[code], quotedAt: T0.toISOString() },
    } satisfies Bill);
  });

  it("the name shown before paying: client_name, else the Nama line (e-wallets), the nickname for Mobile Legends", async () => {
    const nameFor = async (code: string) => {
      const seed = json(fixtures.get(code)!.inquiryRequest!).data.attributes;
      const out = await provider().inquiry({
        ref: "r",
        productCode: code,
        customerNo: seed.client_number,
        amount: seed.amount,
        ...fieldsFor(code),
        prepaid: orderFor(code),
      });
      return out.kind === "success" ? out.value.customerName : out.kind;
    };
    expect(await nameFor("mobile-legends-18-diamonds")).toBe("Fox69");
    expect(await nameFor("pln-prepaid-token-50k-sat-new")).toBe("TOKOP**** US**");
    expect(await nameFor("topup-dana")).toBe("DNI* n*");
    expect(await nameFor("dompet-digital-gopay-open-amount")).toBe("Gop** Simu***** A");
  });

  it("GoPay open amount: the chosen amount is sent and quoted", async () => {
    const out = await provider().inquiry({
      ref: "g",
      productCode: "dompet-digital-gopay-open-amount",
      customerNo: "08123450000",
      amount: 300000,
      prepaid: orderFor("dompet-digital-gopay-open-amount"),
    });
    expect(out).toMatchObject({ kind: "success", value: { billAmount: 300000, cost: 300000 } });
  });

  it("a product without an inquiry is quoted from the catalog without a call", async () => {
    const out = await provider().inquiry({
      ref: "s",
      productCode: "50k-simpati",
      customerNo: "081211311111",
      prepaid: orderFor("50k-simpati", { cost: 50_500 }),
    });
    expect(out).toMatchObject({
      kind: "success",
      value: { cost: 50_500, billAmount: 50_500, customerName: "", prepaid: { category: "pulsa" }, refs: { orderId: "s" } },
    });
    expect(stub.calls).toHaveLength(0);
  });
});

describe("order: every prepaid seed order is sent as written and read back", () => {
  it.each(Object.keys(PREPAID))("%s", async (code) => {
    const p = fixtures.get(code)!;
    const seedOrder = json(p.orderRequest).data;
    const pending = json(p.orderPending).data;
    const prov = provider();
    const quoted = await prov.inquiry({
      ref: seedOrder.id,
      productCode: code,
      customerNo: seedOrder.attributes.client_number,
      amount: seedOrder.attributes.amount,
      ...fieldsFor(code),
      prepaid: orderFor(code, { check: false }),
    });
    if (quoted.kind !== "success") throw new Error(quoted.kind);
    // The cost the price was based on: the inquiry's price where there is one, else the seed order's.
    const inquired = p.inquiryResponse ? json(p.inquiryResponse).data.attributes.sales_price : undefined;
    const bill = { ...quoted.value, cost: inquired ?? seedOrder.attributes.amount ?? pending.attributes.sales_price };

    expect(await prov.pay(bill)).toMatchObject({ kind: "pending", raw: p.orderPending });
    const sent = json(stub.calls.find((c) => c.endpoint === "order")!.body).data;
    // As the seed writes it, less `downline_id` and `fields: null`; `amount` is always sent (the seed
    // leaves it out for fixed-price products): the cost the price was based on.
    const { downline_id: _d, fields, amount: _a, ...attrs } = seedOrder.attributes;
    expect(sent).toEqual({ type: "order", id: seedOrder.id, attributes: { ...attrs, amount: bill.cost, ...(fields && { fields }) } });
    // GoPay oddity: the seed orders 300500 after an inquiry quoting 300000; we order what was quoted.
    if (code === "dompet-digital-gopay-open-amount") expect([sent.attributes.amount, seedOrder.attributes.amount]).toEqual([300000, 300500]);

    const out = await prov.status(bill);
    if (!p.orderDetailIsJson) {
      // steam: the seed's order detail is missing a brace: unknown, never a receipt or a refund.
      expect(out).toMatchObject({ kind: "unknown", raw: p.orderDetail });
      return;
    }
    const a = json(p.orderDetail).data.attributes;
    if (a.status === "Pending") {
      // sony-sugema-college-2 and tech-in-asia-edu-4: the seed shows only Pending.
      expect(out).toMatchObject({ kind: "pending" });
      return;
    }
    expect(out).toMatchObject({ kind: "success", value: { sn: a.serial_number || a.voucher_code, cost: a.sales_price } });
  });
});

describe("results", () => {
  const statusOf = async (code: string) => {
    const p = fixtures.get(code)!;
    const id = json(p.orderDetail).data.id;
    stub.seedOrder(id, code, { pendingPolls: 0 });
    const b = await provider().inquiry({ ref: id, productCode: code, customerNo: "x", ...fieldsFor(code), prepaid: orderFor(code, { check: false }) });
    if (b.kind !== "success") throw new Error(b.kind);
    const out = await provider().status(b.value);
    if (out.kind !== "success") throw new Error(`${code}: ${out.kind}`);
    return out.value;
  };

  it("PLN token: token, name, tariff, power and kWh from fulfillment_result", async () => {
    // Oddity: serial_number writes the token with dashes, the Token line with spaces.
    expect((await statusOf("pln-prepaid-token-50k-sat-new")).token).toEqual({
      token: "13787553557658161258",
      name: "TOKOPEDIA USER",
      tariff: "B1",
      power: 7000,
      kwh: "88",
    });
  });

  it("vouchers: voucher_code is the code to redeem, serial_number a serial apart (seed 002's Google Play and Spotify carry both)", async () => {
    expect((await statusOf("kode-voucher-google-play-10000")).codes).toEqual([
      { kind: "voucher", value: "ABSASADA" },
      { kind: "serial", value: "23143432453" },
    ]);
    expect((await statusOf("spotify-premium-spotify-premium-6")).codes).toEqual([
      { kind: "voucher", value: "FOSVRAZQ6P9" },
      { kind: "serial", value: "1234567890" },
    ]);
    expect((await statusOf("gofood-20k")).codes).toEqual([{ kind: "voucher", value: "T62XDFC" }]);
    expect((await statusOf("kfc-50k")).codes).toEqual([{ kind: "voucher", value: "https://egift.id/NEiUHvNDhASk" }]);
    expect((await statusOf("viu-buy1get1")).codes).toEqual([{ kind: "voucher", value: "77HL7ABC" }]);
    // Pulsa has a serial number only; the PLN token, written in both fields, is the token alone.
    expect((await statusOf("50k-simpati")).codes).toEqual([{ kind: "serial", value: "TLKM0305956071" }]);
    expect((await statusOf("pln-prepaid-token-50k-sat-new")).codes).toEqual([]);
  });

  it("Mobile Legends: the result lines as Tokopedia gives them (the seed's player differs from its inquiry's; the name is URL-encoded)", async () => {
    const r = await statusOf("mobile-legends-18-diamonds");
    expect(r.sn).toBe("");
    expect(r.token).toBeUndefined();
    expect(r.details).toContainEqual({ key: "Username", value: "%7eThe+King+Of+Asassin" });
  });

  it("DANA: the seed's result writes the number as 6817… (62 without the 2), kept as given", async () => {
    expect((await statusOf("topup-dana")).details[0]).toEqual({ key: "Nomor HP", value: "681711111111" });
  });
});

describe("prepaid price list: what each code is from the catalog, cost and availability from Tokopedia's product list", () => {
  const shipped = loadCatalog("data/products.json");
  if (!shipped.ok) throw new Error(shipped.message);
  const catalog = shipped.catalog.tokopediaPrepaid;

  it("the shipped catalog describes every prepaid product of seed 002, as the contract's categories say", () => {
    expect(Object.fromEntries(catalog.map((e) => [e.code, e.category]))).toEqual(PREPAID);
  });

  it("the stand-in lists each at the seed's price; an open amount at no fee, as its inquiry shows", () => {
    for (const [code, listed] of Object.entries(TOKOPEDIA_PREPAID_LIST)) {
      const p = fixtures.get(code)!;
      if (listed.openAmount) {
        const a = json(p.inquiryResponse!).data.attributes;
        expect([listed.price, a.sales_price - a.base_price], code).toEqual([0, 0]);
      } else {
        expect(listed.price, code).toBe(json(p.orderPending).data.attributes.sales_price);
      }
    }
    expect(Object.keys(TOKOPEDIA_PREPAID_LIST).sort()).toEqual(Object.keys(PREPAID).sort());
  });

  it("every catalog code becomes a product: the catalog's category, brand, inputs and range; the list's name, cost and inquiry flag", async () => {
    const out = await provider(catalog).prepaidPriceList!();
    if (out.kind !== "success") throw new Error(JSON.stringify(out));
    expect(out.value.map((p) => p.code)).toEqual(catalog.map((e) => e.code));
    const byCode = new Map(out.value.map((p) => [p.code, p]));
    expect(byCode.get("50k-simpati")).toEqual({
      code: "50k-simpati",
      name: "Telkomsel Simpati 50,000",
      category: "pulsa",
      brand: "TELKOMSEL",
      type: "",
      cost: 52_000,
      available: true,
      description: "",
      check: false,
      fields: [],
    });
    expect(byCode.get("mobile-legends-18-diamonds")).toMatchObject({
      category: "game",
      brand: "MOBILE LEGENDS",
      cost: 5_500,
      check: true,
      fields: ["zone_id"],
    });
    expect(byCode.get("dompet-digital-gopay-open-amount")).toMatchObject({
      cost: 0,
      available: true,
      check: true,
      openAmount: { min: 10_000, max: 2_000_000 },
    });
    expect(byCode.get("pln-prepaid-token-50k-sat-new")).toMatchObject({ category: "pln", cost: 50_005, check: true });
    // Bills share the product list; they are not prepaid.
    expect(byCode.has("pln-postpaid-new")).toBe(false);
  });

  it("status 2 and 3 are not available; a catalog code Tokopedia does not list is not offered", async () => {
    stub.setProductStatus("50k-simpati", 2);
    stub.setProductStatus("kfc-50k", 3);
    const extra: PrepaidCatalogEntry = { code: "25k-xl", category: "pulsa", brand: "XL", type: "", description: "", fields: [] };
    const out = await provider([...catalog, extra]).prepaidPriceList!();
    if (out.kind !== "success") throw new Error(out.kind);
    const available = Object.fromEntries(out.value.map((p) => [p.code, p.available]));
    expect([available["50k-simpati"], available["kfc-50k"], available["gofood-20k"]]).toEqual([false, false, true]);
    expect("25k-xl" in available).toBe(false);
  });

  it("a fixed-price product listed without a price (the SDK's test items show price 0) is not available; an open amount at 0 is", () => {
    const entry = (code: string, extra: Partial<PrepaidCatalogEntry> = {}): PrepaidCatalogEntry => ({
      code,
      category: "ewallet",
      brand: "DANA",
      type: "",
      description: "",
      fields: [],
      ...extra,
    });
    const listed = [
      { code: "fixed", name: "", price: 0, status: 1, isInquiry: false },
      { code: "open", name: "DANA", price: 0, status: 1, isInquiry: false },
    ];
    const products = tokopediaPrepaidProducts(listed, [entry("fixed"), entry("open", { openAmount: { min: 10_000, max: 50_000 } })]);
    expect(products.map((p) => [p.code, p.name, p.available])).toEqual([
      ["fixed", "fixed", false],
      ["open", "DANA", true],
    ]);
  });

  it("an open amount without an inquiry costs the amount on top of the listed fee", async () => {
    const out = await provider().inquiry({
      ref: "d",
      productCode: "topup-dana",
      customerNo: "081711111111",
      amount: 25_000,
      prepaid: { category: "ewallet", cost: 500, check: false },
    });
    expect(out).toMatchObject({ kind: "success", value: { billAmount: 25_000, cost: 25_500 } });
  });

  it("without a catalog description Tokopedia offers no prepaid list; a list it cannot fetch is not a success", async () => {
    expect(provider().prepaidPriceList).toBeUndefined();
    stub.setMode("http500", { only: ["product-list"] });
    expect((await provider(catalog).prepaidPriceList!()).kind).toBe("unknown");
  });
});
