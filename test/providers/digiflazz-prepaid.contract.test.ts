import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { createDigiflazzProvider } from "../../src/providers/digiflazz/index.js";
import { RESEND_LIMIT_MS } from "../../src/providers/digiflazz/prepaid.js";
import type { Outcome, PrepaidOrder } from "../../src/providers/provider.js";
import { DIGIFLAZZ_MISSING_METER, DIGIFLAZZ_PREPAID_TEST_NUMBERS as N } from "../stubs/digiflazz-prepaid.js";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";

type Dialect = Config["digiflazz"]["dialect"];
const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const T0 = new Date("2026-03-01T03:00:00Z");

let stub: DigiflazzStub;
let clock: Date;
beforeEach(async () => {
  stub = await startDigiflazzStub({ deposit: 1_000_000 });
  clock = T0;
});
afterEach(() => stub.close());

const provider = (dialect: Dialect = "canonical", over: Partial<Config["digiflazz"]> = {}) =>
  createDigiflazzProvider(
    { username: stub.username, apiKey: stub.apiKey, baseUrl: stub.url, dialect, testing: true, webhookSecret: undefined, ...over },
    { timeoutMs: 300, retryDelayMs: 1, now: () => clock },
  );

const order = (over: Partial<PrepaidOrder> = {}): PrepaidOrder => ({ category: "pulsa", cost: 10_250, check: false, ...over });

function value<T>(o: Outcome<T>): T {
  if (o.kind !== "success") throw new Error(`expected success, got ${JSON.stringify(o)}`);
  return o.value;
}

async function quote(
  p = provider(),
  productCode = "xld10",
  customerNo: string = N.success,
  o: Partial<PrepaidOrder> & { fields?: { name: string; value: string }[] } = {},
  ref = "pre-1",
) {
  const { fields, ...rest } = o;
  return value(await p.inquiry({ ref, productCode, customerNo, ...(fields && { fields }), prepaid: order(rest) }));
}

describe.each(["canonical", "whitelabel"] as const)("Digiflazz prepaid, %s dialect", (dialect) => {
  const path = dialect === "canonical" ? "/v1/transaction" : "/v1/user/api/transaction";
  const productKey = dialect === "canonical" ? "buyer_sku_code" : "code";

  it("a purchase without a check is quoted without a call, as a prepaid bill at the price-list cost", async () => {
    const bill = await quote(provider(dialect));
    expect(stub.calls).toHaveLength(0);
    expect(bill).toEqual({
      provider: "digiflazz",
      productCode: "xld10",
      customerNo: N.success,
      customerName: "",
      periods: [],
      details: [],
      billAmount: 10_250,
      adminFee: 0,
      cost: 10_250,
      refs: { refId: "pre-1" },
      prepaid: { category: "pulsa", quotedAt: T0.toISOString() },
    });
  });

  it("success test number: the top-up carries max_price = the quoted cost, signed with the ref_id; sn and cost read", async () => {
    const p = provider(dialect);
    const paid = await p.pay(await quote(p));
    expect(paid).toMatchObject({ kind: "success", value: { sn: "SNpre-1", cost: 10_250, details: [] } });
    const sent = stub.calls.at(-1)!;
    expect(sent.path).toBe(path);
    expect(sent.body).toEqual({
      username: stub.username,
      [productKey]: "xld10",
      customer_no: N.success,
      ref_id: "pre-1",
      max_price: 10_250,
      testing: true,
      sign: md5(`${stub.username + stub.apiKey}pre-1`),
    });
    expect(sent.body).not.toHaveProperty(dialect === "canonical" ? "commands" : "command");
    expect(stub.deposit()).toBe(1_000_000 - 10_250);
  });

  it("failed test number: a final failure the provider stated", async () => {
    const p = provider(dialect);
    expect(await p.pay(await quote(p, "xld10", N.failed))).toMatchObject({ kind: "failed", code: "02", blame: "provider" });
    expect(stub.deposit()).toBe(1_000_000);
  });

  it("pending test number: pending, then the same request again (status) gives success; paid once", async () => {
    const p = provider(dialect);
    const bill = await quote(p, "xld10", N["pending-success"]);
    expect(await p.pay(bill)).toMatchObject({ kind: "pending", code: "03" });
    expect(await p.status(bill)).toMatchObject({ kind: "success", value: { sn: "SNpre-1", cost: 10_250 } });
    const [first, second] = stub.calls.map((c) => c.body);
    expect(second).toEqual(first);
    expect(stub.topUpCalls("pre-1")).toBe(2);
    expect(stub.deposit()).toBe(1_000_000 - 10_250);
  });

  it("a product whose cost rose above the quoted cost is refused by Digiflazz (rc 69), nothing charged", async () => {
    const p = provider(dialect);
    const bill = await quote(p, "xld10", N.success, { cost: 10_000 });
    expect(await p.pay(bill)).toMatchObject({ kind: "failed", code: "69" });
    expect(stub.calls.at(-1)!.body.max_price).toBe(10_000);
    expect(stub.deposit()).toBe(1_000_000);
    // 69 makes no transaction ("Transaksi Terbentuk: Tidak"): the resend is a new top-up, refused
    // again, which says nothing of a first send whose answer might have been lost.
    expect(await p.status(bill)).toMatchObject({ kind: "unknown", alert: { code: "69" } });
    expect(stub.deposit()).toBe(1_000_000);
  });

  it("PLN token: the meter is checked first (name, power); the sn is read into token, name, tariff, power, kWh", async () => {
    const p = provider(dialect);
    const bill = await quote(p, "pln20", "12345678901", { category: "pln", cost: 20_150, check: true });
    const check = stub.calls.at(-1)!;
    expect(check.path).toBe(dialect === "canonical" ? "/v1/inquiry-pln" : "/v1/user/api/inquiry-pln");
    expect(check.body).toEqual({ username: stub.username, customer_no: "12345678901", sign: md5(`${stub.username + stub.apiKey}12345678901`) });
    expect(bill).toMatchObject({
      customerName: "BUDI SANTOSO",
      customerNo: "12345678901",
      cost: 20_150,
      details: [
        { key: "meter_no", value: "12345678901" },
        { key: "subscriber_id", value: "52345678901" },
        { key: "segment_power", value: "R1 /000000900" },
      ],
      prepaid: { category: "pln" },
    });
    const paid = value(await p.pay(bill));
    expect(paid.sn).toBe("1234-5678-9012-3456-7890/NAMA PELANGGAN/R1/900/32,5");
    expect(paid.token).toEqual({ token: "12345678901234567890", name: "NAMA PELANGGAN", tariff: "R1", power: 900, kwh: "32,5" });
  });

  it("a meter that does not exist: the check fails for the customer (wrong number)", async () => {
    const out = await provider(dialect).inquiry({
      ref: "m",
      productCode: "pln20",
      customerNo: DIGIFLAZZ_MISSING_METER,
      prepaid: order({ category: "pln", check: true }),
    });
    expect(out).toMatchObject({ kind: "failed", code: "54", blame: "customer", reason: "wrong-number" });
  });

  it("games: the zone id is appended to the user id in customer_no", async () => {
    const p = provider(dialect);
    const bill = await quote(p, "ml86", "12345678", { category: "game", cost: 19_800, fields: [{ name: "zone_id", value: "2101" }] });
    expect(bill.fields).toEqual([{ name: "zone_id", value: "2101" }]);
    expect(bill.customerNo).toBe("12345678");
    expect((await p.pay(bill)).kind).toBe("success");
    expect(stub.calls.at(-1)!.body.customer_no).toBe("123456782101");
  });

  it("price list `prepaid`: category, brand, cost, availability (both statuses, stock), cut-off window, checks and fields", async () => {
    const list = value(await provider(dialect).prepaidPriceList!());
    const sent = stub.calls.at(-1)!;
    expect(sent.body).toEqual({
      [dialect === "canonical" ? "cmd" : "command"]: "prepaid",
      username: stub.username,
      sign: md5(`${stub.username}${stub.apiKey}pricelist`),
    });
    const by = (code: string) => list.find((x) => x.code === code);
    expect(by("xld10")).toEqual({
      code: "xld10",
      name: "XL 10.000",
      category: "pulsa",
      brand: "XL",
      type: "Umum",
      cost: 10_250,
      available: true,
      description: "Pulsa XL Rp 10.000",
      check: false,
      fields: [],
    });
    expect(by("tsel5")).toMatchObject({ available: true, stock: 12, cutOff: { start: "23:45", end: "00:15" } });
    expect(by("isatdata1")).toMatchObject({ category: "data", available: false, stock: 0 });
    expect(by("off1")).toMatchObject({ available: false });
    expect(by("pln20")).toMatchObject({ category: "pln", check: true, cutOff: { start: "23:00", end: "01:00" } });
    expect(by("dana25")?.category).toBe("ewallet");
    expect(by("ml86")).toMatchObject({ category: "game", fields: ["zone_id"] });
    expect(by("gp10")?.category).toBe("voucher");
  });
});

describe("Digiflazz prepaid status and money rules", () => {
  it("a lost top-up answer is unknown; the status resend finds it paid, charged once", async () => {
    const p = provider();
    const bill = await quote(p);
    stub.setMode("timeout", { commands: ["topup"], times: 1 });
    expect((await p.pay(bill)).kind).toBe("unknown");
    expect(await p.status(bill)).toMatchObject({ kind: "success" });
    expect(stub.deposit()).toBe(1_000_000 - 10_250);
  });

  it("never resent once the 90-day limit is near: unknown with an alert, nothing sent", async () => {
    const p = provider();
    const bill = await quote(p, "xld10", N["pending-success"]);
    await p.pay(bill);
    clock = new Date(T0.getTime() + RESEND_LIMIT_MS);
    const out = await p.status(bill);
    expect(out).toMatchObject({ kind: "unknown", alert: { code: "RESEND_LIMIT" } });
    expect(stub.topUpCalls("pre-1")).toBe(1);
    clock = new Date(T0.getTime() + RESEND_LIMIT_MS - 60_000);
    expect((await p.status(bill)).kind).toBe("success");
  });

  it("a bill without a readable quote time is never resent", async () => {
    const p = provider();
    const bill = await quote(p);
    expect(await p.status({ ...bill, prepaid: { category: "pulsa", quotedAt: "" } })).toMatchObject({ kind: "unknown", alert: { code: "RESEND_LIMIT" } });
    expect(stub.calls).toHaveLength(0);
  });

  it("answers about the request follow the postpaid rules: on the top-up 40-45 are final (nothing was bought), on the resend unknown with an alert", async () => {
    const p = provider("canonical", { apiKey: "wrong" });
    const bill = await quote(p);
    expect(await p.pay(bill)).toMatchObject({ kind: "failed", code: "41", blame: "operator" });
    expect(await p.status(bill)).toMatchObject({ kind: "unknown", alert: { code: "41" } });
    const other = provider("canonical", { username: "someone" });
    expect(await other.pay(bill)).toMatchObject({ kind: "failed", code: "42", blame: "operator" });
    expect(await other.status(bill)).toMatchObject({ kind: "unknown", alert: { code: "42" } });
    expect(await other.inquiry({ ref: "x", productCode: "pln20", customerNo: "12345678901", prepaid: order({ category: "pln", check: true }) })).toMatchObject({
      kind: "failed",
      code: "42",
      blame: "operator",
    });
    expect(stub.deposit()).toBe(1_000_000);
  });

  it("rc 85 on the top-up is a final failure (its transaction failed), with a minute's limit; the resend reads it back as a limit, no alert", async () => {
    const p = provider();
    const bill = await quote(p);
    stub.setMode("rate-limited", { times: 1 });
    expect(await p.pay(bill)).toMatchObject({ kind: "failed", code: "85", rateLimit: { unprocessed: false, retryAfterMs: 60_000 } });
    const resent = await p.status(bill);
    expect(resent).toMatchObject({ kind: "unknown", rateLimit: { unprocessed: false } });
    expect(resent).not.toHaveProperty("alert");
    expect(stub.topUpCalls("pre-1")).toBe(2);
    expect(stub.deposit()).toBe(1_000_000);
  });

  it("HTTP 429 turns the top-up away unread: unknown, and it may be sent again", async () => {
    const p = provider();
    const bill = await quote(p);
    stub.setMode("too-many-requests", { times: 1 });
    expect(await p.pay(bill)).toMatchObject({ kind: "unknown", rateLimit: { unprocessed: true } });
    expect(stub.topUpCalls("pre-1")).toBe(0);
    expect(await p.pay(bill)).toMatchObject({ kind: "success" });
  });

  it("rc 87 and 88 are documented failures that make no transaction: final on the top-up, an alert without a verdict on the resend", async () => {
    const p = provider();
    const bill = await quote(p);
    stub.setMode("emoney-not-multiple", { times: 2 });
    expect(await p.pay(bill)).toMatchObject({ kind: "failed", code: "87", blame: "customer", message: "Transaksi E-money wajib kelipatan Rp 1.000" });
    expect(await p.status(bill)).toMatchObject({ kind: "unknown", alert: { code: "87" } });
    stub.setMode("account-refused", { times: 1 });
    expect(await p.pay(bill)).toMatchObject({ kind: "failed", code: "88", blame: "operator" });
    expect(stub.deposit()).toBe(1_000_000);
  });

  it("an answer for another ref_id, an undocumented rc, a 5xx, HTML or broken JSON are unknown", async () => {
    const p = provider();
    const bill = await quote(p);
    for (const mode of ["http500", "html", "malformed", "unknown-rc"] as const) {
      stub.setMode(mode, { times: 1 });
      expect((await p.pay({ ...bill, refs: { refId: `f-${mode}` } })).kind).toBe("unknown");
    }
    expect(stub.deposit()).toBe(1_000_000);
  });

  it("a ref_id reused for another purchase is unknown (rc 49 may be this very top-up), never failed", async () => {
    const p = provider();
    await p.pay(await quote(p));
    const clash = await quote(p, "xld10", "087800009999");
    expect(await p.pay(clash)).toMatchObject({ kind: "unknown" });
  });

  it("postpaid bills still go to pay-pasca", async () => {
    const p = provider();
    const bill = value(await p.inquiry({ ref: "post-1", productCode: "pln", customerNo: "530000000001" }));
    expect(bill.prepaid).toBeUndefined();
    expect((await p.pay(bill)).kind).toBe("success");
    expect(stub.calls.map((c) => c.command)).toEqual(["inq-pasca", "pay-pasca"]);
  });
});
