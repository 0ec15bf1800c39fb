import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIakProvider } from "../../src/providers/iak/index.js";
import { createIakPrepaid, readIakPrepaidPriceList } from "../../src/providers/iak/prepaid.js";
import type { Outcome, PrepaidOrder } from "../../src/providers/provider.js";
import {
  IAK_PLN_SN,
  IAK_PREPAID_PRODUCTS,
  IAK_PREPAID_TEST_NUMBERS as N,
  IAK_VALID_METER,
  startIakPrepaidStub,
  type IakPrepaidStub,
} from "../stubs/iak-prepaid-server.js";

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const T0 = new Date("2026-03-01T03:00:00Z");

let stub: IakPrepaidStub;
beforeEach(async () => {
  stub = await startIakPrepaidStub();
});
afterEach(() => stub.close());

const cfg = (over: { apiKey?: string } = {}) => ({
  username: stub.username,
  apiKey: over.apiKey ?? stub.apiKey,
  baseUrl: "http://127.0.0.1:9",
  prepaidBaseUrl: stub.url,
});
const provider = (over: { apiKey?: string } = {}) => createIakProvider(cfg(over), { timeoutMs: 300, retryDelayMs: 1, now: () => T0 });
const order = (over: Partial<PrepaidOrder> = {}): PrepaidOrder => ({ category: "pulsa", cost: 25_000, check: false, ...over });

function value<T>(o: Outcome<T>): T {
  if (o.kind !== "success") throw new Error(`expected success, got ${JSON.stringify(o)}`);
  return o.value;
}

async function quote(
  productCode = "xld25000",
  customerNo = "081712345678",
  o: Partial<PrepaidOrder> & { fields?: { name: string; value: string }[] } = {},
  ref = "order001",
  p = provider(),
) {
  const { fields, ...rest } = o;
  return value(await p.inquiry({ ref, productCode, customerNo, ...(fields && { fields }), prepaid: order(rest) }));
}

describe("IAK prepaid top-up and check-status", () => {
  it("top-up: the documented request to api/top-up, answered PROCESS (pending); check-status settles it with the sn", async () => {
    const p = provider();
    const bill = await quote();
    expect(bill).toMatchObject({ provider: "iak", cost: 25_000, refs: { refId: "order001" }, prepaid: { category: "pulsa", quotedAt: T0.toISOString() } });
    expect(await p.pay(bill)).toMatchObject({ kind: "pending", code: "39", message: "PROCESS" });
    expect(stub.calls[0]).toEqual({
      path: "top-up",
      body: {
        username: stub.username,
        ref_id: "order001",
        customer_id: "081712345678",
        product_code: "xld25000",
        sign: md5(`${stub.username + stub.apiKey}order001`),
      },
    });
    expect(await p.status(bill)).toMatchObject({ kind: "success", value: { sn: "123456789", cost: 25_000, details: [] } });
    expect(stub.calls[1]).toEqual({
      path: "check-status",
      body: { username: stub.username, ref_id: "order001", sign: md5(`${stub.username + stub.apiKey}order001`) },
    });
    expect(stub.topUps("order001")).toBe(1);
    expect(stub.deposit()).toBe(1_000_000 - 25_000);
  });

  it("a failure IAK states on check-status (status 2, rc 07) is final; the top-up that failed at once (rc 14) too, with its reason", async () => {
    const p = provider();
    const failing = await quote("xld25000", N.failed);
    await p.pay(failing);
    expect(await p.status(failing)).toMatchObject({ kind: "failed", code: "07", blame: "provider" });
    const wrong = await quote("xld25000", N["wrong-number"], {}, "order002");
    expect(await p.pay(wrong)).toMatchObject({ kind: "failed", code: "14", blame: "customer", reason: "wrong-number" });
    expect(stub.deposit()).toBe(1_000_000);
  });

  it("rc 201 stays pending", async () => {
    const p = provider();
    const bill = await quote("xld25000", N["stays-pending"]);
    await p.pay(bill);
    expect(await p.status(bill)).toMatchObject({ kind: "pending", code: "201" });
  });

  it("an inactive product is refused (rc 106, biller down); nothing charged", async () => {
    const bill = await quote("htelkomsel10000", "081234567890", { cost: 10_650 });
    expect(await provider().pay(bill)).toMatchObject({ kind: "failed", code: "106", reason: "biller-down" });
    expect(stub.deposit()).toBe(1_000_000);
  });

  it("PLN: the meter is checked with inquiry-pln (name, power shown); the sn reads into the token fields", async () => {
    const p = provider();
    const bill = await quote("hpln20000", IAK_VALID_METER, { category: "pln", cost: 20_250, check: true });
    expect(stub.calls[0]).toEqual({
      path: "inquiry-pln",
      body: { username: stub.username, customer_id: IAK_VALID_METER, sign: md5(stub.username + stub.apiKey + IAK_VALID_METER) },
    });
    expect(bill).toMatchObject({
      customerName: "Sintya Oktaviani",
      details: [
        { key: "meter_no", value: "548933889287" },
        { key: "subscriber_id", value: "12345678901" },
        { key: "segment_power", value: "R1 /000001300" },
      ],
    });
    await p.pay(bill);
    const paid = value(await p.status(bill));
    expect(paid.sn).toBe(IAK_PLN_SN);
    expect(paid.token).toEqual({ token: "01234567890123456789", name: "PT INDOBEST ARTHA KREASI", tariff: "R1", power: 1300, kwh: "66.2" });
  });

  it("a meter that does not exist fails the check for the customer", async () => {
    const out = await provider().inquiry({ ref: "m", productCode: "hpln20000", customerNo: "99999999999", prepaid: order({ category: "pln", check: true }) });
    expect(out).toMatchObject({ kind: "failed", code: "14", blame: "customer", reason: "wrong-number" });
  });

  it("games: user id and zone id joined by | (game-format.md); a voucher's PIN is kept", async () => {
    const p = provider();
    const ml = await quote("hmobilelegend86", "59551114", { category: "game", cost: 20_500, fields: [{ name: "zone_id", value: "2101" }] });
    await p.pay(ml);
    expect(stub.calls.at(-1)!.body.customer_id).toBe("59551114|2101");
    const steam = await quote("hsteam12000", "0817777215", { category: "game", cost: 16_500 }, "order009");
    await p.pay(steam);
    expect(await p.status(steam)).toMatchObject({
      kind: "success",
      value: {
        sn: "ABCD-EFGH-IJKL-MNOP",
        details: [],
        codes: [
          { kind: "serial", value: "ABCD-EFGH-IJKL-MNOP" },
          { kind: "pin", value: "123456789" },
        ],
      },
    });
  });

  it("a wrong signature is unknown with an alert on every call, never failed", async () => {
    const p = provider({ apiKey: "wrong" });
    const bill = await quote("xld25000", "081712345678", {}, "order001", p);
    expect(await p.pay(bill)).toMatchObject({ kind: "unknown", alert: { code: "204", message: "WRONG AUTHENTICATION" } });
    expect(await p.status(bill)).toMatchObject({ kind: "unknown", alert: { code: "204" } });
    expect(
      await p.inquiry({ ref: "m", productCode: "hpln20000", customerNo: IAK_VALID_METER, prepaid: order({ category: "pln", check: true }) }),
    ).toMatchObject({ kind: "unknown", alert: { code: "204" } });
    expect(await p.prepaidPriceList!()).toMatchObject({ kind: "unknown", alert: { code: "204" } });
  });

  it("a lost top-up answer is unknown; the check finds the top-up that arrived, which was sent once", async () => {
    const p = provider();
    const lost = await quote();
    stub.setMode("timeout", { paths: ["top-up"], times: 1 });
    expect((await p.pay(lost)).kind).toBe("unknown");
    expect(await p.status(lost)).toMatchObject({ kind: "success" });
    expect(stub.topUps("order001")).toBe(1);
  });

  it("'06 transaction not found' on the check: the top-up is sent again under the same ref_id (IAK answers that as a status check), made once", async () => {
    const p = provider();
    const never = await quote("xld25000", "081712345678", {}, "never-arrived");
    stub.setMode("http500", { paths: ["top-up"], times: 1 });
    expect((await p.pay(never)).kind).toBe("unknown");
    expect(stub.deposit()).toBe(1_000_000);
    // check-status says 06; the top-up sent again is made now, "in process".
    expect(await p.status(never)).toMatchObject({ kind: "pending", code: "39" });
    expect(stub.calls.map((c) => c.path)).toEqual(["top-up", "check-status", "top-up"]);
    expect(await p.status(never)).toMatchObject({ kind: "success" });
    expect(stub.deposit()).toBe(1_000_000 - 25_000);
    // A resend of a top-up IAK has is only read back.
    expect(await p.pay(never)).toMatchObject({ kind: "success" });
    expect(stub.deposit()).toBe(1_000_000 - 25_000);
  });

  it("status 2 with a code the reference does not list is unknown, never refunded; a documented failure code is final", async () => {
    const p = provider();
    const odd = await quote("xld25000", N["undocumented-code"], {}, "odd");
    expect(await p.pay(odd)).toMatchObject({ kind: "unknown", reason: expect.stringContaining("rc 103") });
    expect(await p.status(odd)).toMatchObject({ kind: "success" });
    const wrong = await quote("xld25000", N["wrong-number"], {}, "wrong");
    expect(await p.pay(wrong)).toMatchObject({ kind: "failed", code: "14", reason: "wrong-number" });
  });

  it("5xx and HTML answers are unknown; status and top-up are asked once", async () => {
    const p = provider();
    const bill = await quote();
    for (const mode of ["http500", "html"] as const) {
      stub.setMode(mode);
      expect((await p.pay({ ...bill, refs: { refId: `f-${mode}` } })).kind).toBe("unknown");
      expect((await p.status({ ...bill, refs: { refId: `f-${mode}` } })).kind).toBe("unknown");
    }
    expect(stub.calls.filter((c) => c.path === "top-up")).toHaveLength(2);
    expect(stub.calls.filter((c) => c.path === "check-status")).toHaveLength(2);
  });

  it("an answer about another ref_id is unknown", async () => {
    const p = provider();
    await p.pay(await quote());
    const other = await quote("xld25000", "081712345678", {}, "order002");
    // The stub answers order001's state for a ref it was asked about: simulated with a renamed ref.
    const fetchOther = async (input: string, init: RequestInit) => {
      const res = await fetch(input, init);
      return new Response((await res.text()).replace('"order002"', '"order001"'), { status: res.status });
    };
    const q = createIakProvider(cfg(), { fetch: fetchOther, retryDelayMs: 1 });
    expect(await q.pay(other)).toMatchObject({ kind: "unknown", reason: "answer is for ref_id order001, not order002" });
  });
});

describe("IAK prepaid price list and balance", () => {
  it("api/pricelist: every product with its category, brand, cost and state", async () => {
    const list = value(await provider().prepaidPriceList!());
    expect(stub.calls[0]).toEqual({ path: "pricelist", body: { username: stub.username, sign: md5(`${stub.username}${stub.apiKey}pl`), status: "all" } });
    expect(list).toHaveLength(IAK_PREPAID_PRODUCTS.length);
    const by = (code: string) => list.find((x) => x.code === code)!;
    expect(by("alfamart100")).toEqual({
      code: "alfamart100",
      name: "Voucher Alfamart Rp 100.000",
      category: "voucher",
      brand: "ALFAMART VOUCHER",
      type: "voucher",
      cost: 100_000,
      available: true,
      description: "",
      check: false,
      fields: [],
    });
    expect(by("altel10").category).toBe("other");
    expect(by("htelkomsel10000")).toMatchObject({ category: "pulsa", brand: "TELKOMSEL", available: false });
    expect(by("tseldata1000")).toMatchObject({ category: "data", description: "Kuota 1GB 30 hari" });
    expect(by("hpln20000")).toMatchObject({ category: "pln", check: true });
    expect(by("dana20000").category).toBe("ewallet");
    expect(by("hmobilelegend86")).toMatchObject({ category: "game", fields: ["zone_id"] });
  });

  it("the reference's own example (data as the list itself) reads too; its trailing-comma JSON does not", () => {
    const example = { data: IAK_PREPAID_PRODUCTS.slice(0, 2) };
    expect(readIakPrepaidPriceList(JSON.stringify(example))).toMatchObject({ kind: "success", value: [{ code: "alfamart100" }, { code: "altel10" }] });
    // price-list.md's JSON example has trailing commas and a missing comma: not JSON.
    expect(readIakPrepaidPriceList('{"data": [{"product_code": "alfamart100",}]}').kind).toBe("unknown");
  });

  it("api/check-balance", async () => {
    const prepaid = createIakPrepaid(cfg(), { retryDelayMs: 1 });
    expect(await prepaid.balance()).toMatchObject({ kind: "success", value: 1_000_000 });
    expect(stub.calls[0]).toEqual({ path: "check-balance", body: { username: stub.username, sign: md5(`${stub.username}${stub.apiKey}bl`) } });
    expect(await createIakPrepaid(cfg({ apiKey: "x" }), { retryDelayMs: 1 }).balance()).toMatchObject({ kind: "unknown", alert: { code: "204" } });
  });
});
