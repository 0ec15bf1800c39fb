import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BillSchema, type Bill } from "../../src/billing/bill.js";
import { createIakProvider } from "../../src/providers/iak/index.js";
import type { Outcome, Provider } from "../../src/providers/provider.js";
import { startIakStub, type IakStub, type IakStubFault } from "../stubs/iak-server.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/iak/${name}`, import.meta.url), "utf8");
const md5 = (s: string) => createHash("md5").update(s).digest("hex");

const USERNAME = "081234567890";
const API_KEY = "sEcReT-iak-key-0123456789";

let stub: IakStub;
let iak: Provider;
let ref = 0;
const nextRef = () => `TRX${Date.now()}${++ref}`;

function provider(over: { apiKey?: string; timeoutMs?: number } = {}): Provider {
  return createIakProvider(
    { username: USERNAME, apiKey: over.apiKey ?? API_KEY, baseUrl: stub.url, prepaidBaseUrl: "http://127.0.0.1:9" },
    { timeoutMs: over.timeoutMs ?? 2000, retryDelayMs: 1 },
  );
}

function ok<T>(o: Outcome<T>): T {
  if (o.kind !== "success") throw new Error(`expected success, got ${JSON.stringify(o)}`);
  return o.value;
}

async function inquire(customerNo: string, productCode = "PLNPOSTPAID"): Promise<Bill> {
  return ok(await iak.inquiry({ ref: nextRef(), productCode, customerNo }));
}

/** A bill as an IAK inquiry would have produced it, for pay/status calls against canned answers. */
const billWith = (refId: string, trId: string): Bill => ({
  provider: "iak",
  productCode: "BPJS",
  customerNo: "8801234560001",
  customerName: "VERGIE",
  periods: [{ period: "02", amount: 50000, penalty: 0, admin: 2500, other: 0 }],
  details: [],
  billAmount: 50000,
  adminFee: 2500,
  cost: 52300,
  refs: { refId, trId },
});

beforeAll(async () => {
  stub = await startIakStub({ username: USERNAME, apiKey: API_KEY });
  iak = provider();
});
afterAll(() => stub.close());
afterEach(() => {
  stub.setMode(null);
  stub.setFormat("json");
});

describe("seed fixtures: requests", () => {
  it("pay sends exactly the seed's fields, tr_id as a string, signed md5(username+api_key+tr_id)", async () => {
    const seed = JSON.parse(fixture("pay-bpjs.request.json")) as Record<string, string>;
    const seedXml = new XMLParser({ parseTagValue: false }).parse(fixture("pay-bpjs.request.xml")).mp as Record<string, string>;
    expect(seedXml).toEqual(seed);
    expect(Object.keys(JSON.parse(fixture("pay-plnnontag.request.json")))).toEqual(Object.keys(seed));

    stub.reply("pay-pasca", fixture("pay-bpjs.response.json"));
    await iak.pay(billWith("09128374651", "9732787"));
    const sent = stub.calls.at(-1)!;
    expect(sent).toMatchObject({ method: "POST", path: "/api/v1/bill/check", contentType: "application/json" });
    expect(Object.keys(sent.body)).toEqual(Object.keys(seed));
    expect(sent.body).toEqual({ commands: "pay-pasca", username: USERNAME, tr_id: "9732787", sign: md5(`${USERNAME + API_KEY}9732787`) });
  });

  it("inquiry sends commands, username, code, hp, ref_id, sign and the extras", async () => {
    const r = nextRef();
    await iak.inquiry({ ref: r, productCode: "BPJS", customerNo: "8801234560000", identityNo: "3201", year: "2024" });
    expect(stub.calls.at(-1)!.body).toEqual({
      commands: "inq-pasca",
      username: USERNAME,
      code: "BPJS",
      hp: "8801234560000",
      ref_id: r,
      nomor_identitas: "3201",
      year: "2024",
      month: "1",
      sign: md5(USERNAME + API_KEY + r),
    });
  });

  it("BPJS Kesehatan sends month (1 unless more are asked for); other products do not", async () => {
    const r = nextRef();
    ok(await iak.inquiry({ ref: r, productCode: "BPJS", customerNo: "8801234560000", months: 3 }));
    expect(stub.calls.at(-1)!.body).toMatchObject({ code: "BPJS", month: "3" });
    await inquire("530000000000");
    expect(stub.calls.at(-1)!.body).not.toHaveProperty("month");
  });

  it("the stand-in refuses a BPJS inquiry without month as a format error (107), as IAK requires it", async () => {
    const r = nextRef();
    const body = { commands: "inq-pasca", username: USERNAME, code: "BPJS", hp: "8801234560000", ref_id: r, sign: md5(USERNAME + API_KEY + r) };
    const res = await fetch(`${stub.url}/api/v1/bill/check`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect(await res.json()).toMatchObject({ data: { response_code: "107" } });
  });

  it("status and price list sign with the fixed words cs and pl", async () => {
    const bill = await inquire("530000000000");
    await iak.status(bill);
    expect(stub.calls.at(-1)!.body).toEqual({ commands: "checkstatus", username: USERNAME, ref_id: bill.refs.refId, sign: md5(`${USERNAME + API_KEY}cs`) });
    await iak.priceList!();
    expect(stub.calls.at(-1)!.body).toMatchObject({ commands: "pricelist-pasca", sign: md5(`${USERNAME + API_KEY}pl`) });
    await iak.balance();
    expect(stub.calls.at(-1)!.body).toEqual({ commands: "balance", username: USERNAME, sign: md5(`${USERNAME + API_KEY}bl`) });
  });
});

describe("seed fixtures: answers", () => {
  // The pay answers share the inquiry answer's fields, so each seed is read as both.
  const bpjsDetails = [
    { key: "kode_cabang", value: "0901" },
    { key: "nama_cabang", value: "JAKARTA PUSAT" },
    { key: "sisa_pembayaran", value: "0" },
    { key: "jumlah_peserta", value: "2" },
  ];

  for (const [name, cost] of [
    ["pay-bpjs.response.json", 52300],
    ["pay-bpjs.response.xml", 52500],
  ] as const) {
    it(`${name} as a bill: VERGIE, period 02, 50,000 + 2,500, cost ${cost}`, async () => {
      stub.reply("inq-pasca", fixture(name));
      const bill = ok(await iak.inquiry({ ref: "09128374651", productCode: "BPJS", customerNo: "8801234560001" }));
      expect(BillSchema.parse(bill)).toEqual(bill);
      expect(bill).toEqual({
        provider: "iak",
        productCode: "BPJS",
        customerNo: "8801234560001",
        customerName: "VERGIE",
        periods: [{ period: "02", amount: 50000, penalty: 0, admin: 2500, other: 0 }],
        details: bpjsDetails,
        billAmount: 50000,
        adminFee: 2500,
        cost,
        refs: { refId: "09128374651", trId: "9732787" },
      });
    });

    it(`${name} as a payment: sn is noref, cost is selling_price ${cost}`, async () => {
      stub.reply("pay-pasca", fixture(name));
      const o = await iak.pay(billWith("09128374651", "9732787"));
      expect(o).toEqual({ kind: "success", value: { sn: "148732328035714773", cost, details: bpjsDetails }, raw: fixture(name) });
    });
  }

  it("pay-plnnontag.response.json as a bill: JAYUSMAN, empty period, 696,400 + 1,600, cost 696,200", async () => {
    stub.reply("inq-pasca", fixture("pay-plnnontag.response.json"));
    const bill = ok(await iak.inquiry({ ref: "09128374655", productCode: "PLNNONTAG", customerNo: "3225030000000" }));
    expect(bill).toEqual({
      provider: "iak",
      productCode: "PLNNONTAG",
      customerNo: "3225030000000",
      customerName: "JAYUSMAN",
      periods: [{ period: "", amount: 696400, penalty: 0, admin: 1600, other: 0 }],
      details: [
        { key: "transaksi", value: "PENYAMBUNGAN BARU" },
        { key: "no_registrasi", value: "5392112011703" },
        { key: "tanggal_registrasi", value: "20120524" },
      ],
      billAmount: 696400,
      adminFee: 1600,
      cost: 696200,
      refs: { refId: "09128374655", trId: "219346108" },
    });
  });

  it("pay-plnnontag.response.json as a payment", async () => {
    stub.reply("pay-pasca", fixture("pay-plnnontag.response.json"));
    const p = ok(await iak.pay(billWith("09128374655", "219346108")));
    expect(p).toEqual({
      sn: "18147159",
      cost: 696200,
      details: [
        { key: "transaksi", value: "PENYAMBUNGAN BARU" },
        { key: "no_registrasi", value: "5392112011703" },
        { key: "tanggal_registrasi", value: "20120524" },
      ],
    });
  });

  it("an answer about another tr_id or ref_id is unknown", async () => {
    stub.reply("pay-pasca", fixture("pay-bpjs.response.json"));
    expect((await iak.pay(billWith("09128374651", "1111"))).kind).toBe("unknown");
    stub.reply("inq-pasca", fixture("pay-bpjs.response.json"));
    expect((await iak.inquiry({ ref: "OTHER", productCode: "BPJS", customerNo: "8801234560001" })).kind).toBe("unknown");
  });

  it("a non-integer or non-numeric amount is unknown", async () => {
    for (const bad of ['"nominal": 50000.5', '"nominal": "lima puluh"', '"nominal": -50000']) {
      const body = fixture("pay-bpjs.response.json").replace('"nominal": 50000', bad);
      stub.reply("inq-pasca", body);
      const o = await iak.inquiry({ ref: "09128374651", productCode: "BPJS", customerNo: "8801234560001" });
      expect(o).toMatchObject({ kind: "unknown", raw: body });
    }
    const xmlBody = fixture("pay-bpjs.response.xml").replace("<selling_price>52500<", "<selling_price>52500.25<");
    stub.reply("pay-pasca", xmlBody);
    expect(await iak.pay(billWith("09128374651", "9732787"))).toMatchObject({ kind: "unknown", raw: xmlBody });
  });
});

describe("scenarios by customer number", () => {
  it("PLN 530000000000: one bill from desc.tagihan.detail, then paid once", async () => {
    const bill = await inquire("530000000000");
    expect(bill).toMatchObject({
      customerName: "SUBSCRIBER NAME",
      billAmount: 100000,
      adminFee: 2500,
      cost: 101900,
      periods: [{ period: "202401", amount: 100000, penalty: 0, admin: 2500, other: 0 }],
    });
    expect(bill.details.slice(0, 4)).toEqual([
      { key: "tarif", value: "R1" },
      { key: "daya", value: "1300" },
      { key: "lembar_tagihan", value: "1" },
      { key: "tagihan.detail.1.periode", value: "202401" },
    ]);
    const o = await iak.pay(bill);
    expect(o).toMatchObject({ kind: "success", value: { sn: `NOREF${bill.refs.trId}`, cost: 101900 } });
    expect(stub.payCalls(bill.refs.trId!)).toBe(1);
    expect(stub.payCalls(bill.refs.refId)).toBe(1);
    expect(ok(await iak.status(bill)).sn).toBe(`NOREF${bill.refs.trId}`);
  });

  it("PLN 530000000999: eight bills", async () => {
    const bill = await inquire("530000000999");
    expect(bill.periods).toHaveLength(8);
    expect(bill.periods[7]).toEqual({ period: "202408", amount: 107000, penalty: 0, admin: 2500, other: 0 });
    expect(bill.billAmount).toBe(bill.periods.reduce((s, p) => s + p.amount, 0));
    expect(bill.adminFee).toBe(20000);
  });

  it("JSON and XML answers give the same bill", async () => {
    const json = await inquire("530000000999");
    stub.setFormat("xml");
    const xml = await inquire("530000000999");
    expect({ ...xml, refs: json.refs }).toEqual(json);
  });

  it("BPJS 8801234560000 for two months (the seed's request) is the seed's bill; for three, three months of it", async () => {
    const two = ok(await iak.inquiry({ ref: nextRef(), productCode: "BPJS", customerNo: "8801234560000", months: 2 }));
    expect(two).toMatchObject({ customerName: "VERGIE", billAmount: 50000, adminFee: 2500, cost: 52300, periods: [{ period: "02" }] });
    const three = ok(await iak.inquiry({ ref: nextRef(), productCode: "BPJS", customerNo: "8801234560000", months: 3 }));
    expect(three).toMatchObject({ billAmount: 75000, adminFee: 2500, cost: 77300, periods: [{ period: "03", amount: 75000 }] });
  });

  it.each([
    ["530000000001", "01", "customer"],
    ["530000000014", "14", "customer"],
    ["8801234560001", "01", "customer"],
    ["8801234560014", "14", "customer"],
    ["530000000105", "105", "provider"],
    ["530000000109", "109", "provider"],
    ["530000000017", "17", "operator"],
  ])("inquiry %s fails with %s (%s)", async (customerNo, code, blame) => {
    const o = await iak.inquiry({ ref: nextRef(), productCode: "PLNPOSTPAID", customerNo });
    expect(o).toMatchObject({ kind: "failed", code, blame });
  });

  it("an inquiry pending code is pending", async () => {
    expect(await iak.inquiry({ ref: nextRef(), productCode: "PLNPOSTPAID", customerNo: "530000000039" })).toMatchObject({ kind: "pending", code: "39" });
  });

  it("530000001037: a failure code at pay is pending; checkstatus status 2 confirms the failure", async () => {
    const bill = await inquire("530000001037");
    expect(await iak.pay(bill)).toMatchObject({ kind: "pending", code: "37" });
    expect(await iak.status(bill)).toMatchObject({ kind: "failed", code: "37", blame: "provider", message: "PEMBAYARAN GAGAL" });
    expect(stub.payCalls(bill.refs.refId)).toBe(1);
  });

  it("8801234561017: balance too low at pay is unknown with an operator alert, then failed with blame operator", async () => {
    const bill = await inquire("8801234561017", "BPJS");
    expect(await iak.pay(bill)).toMatchObject({ kind: "unknown", alert: { code: "17", message: "BALANCE NOT ENOUGH" } });
    expect(await iak.status(bill)).toMatchObject({ kind: "failed", code: "17", blame: "operator" });
  });

  it("103 timeout at pay is not final", async () => {
    const bill = await inquire("530000001103");
    expect(await iak.pay(bill)).toMatchObject({ kind: "pending", code: "103" });
  });

  it("530000001039: pending, in process (status 3), then success", async () => {
    const bill = await inquire("530000001039");
    expect(await iak.pay(bill)).toMatchObject({ kind: "pending", code: "39" });
    expect(await iak.status(bill)).toMatchObject({ kind: "pending", code: "39" });
    expect(await iak.status(bill)).toMatchObject({ kind: "success", value: { sn: `NOREF${bill.refs.trId}` } });
    expect(stub.payCalls(bill.refs.refId)).toBe(1);
  });

  it("8801234562039: pending, then failed", async () => {
    const bill = await inquire("8801234562039", "BPJS");
    expect(await iak.pay(bill)).toMatchObject({ kind: "pending", code: "39" });
    expect(await iak.status(bill)).toMatchObject({ kind: "pending" });
    expect(await iak.status(bill)).toMatchObject({ kind: "failed", code: "37", blame: "provider" });
  });

  it("530000003000: paid but the answer is lost -> unknown, not retried; status finds the success", async () => {
    const bill = await inquire("530000003000");
    expect(await iak.pay(bill)).toMatchObject({ kind: "unknown" });
    expect(stub.payCalls(bill.refs.refId)).toBe(1);
    expect(await iak.status(bill)).toMatchObject({ kind: "success" });
  });

  it("XML answers all the way through a pending payment", async () => {
    stub.setFormat("xml");
    const bill = await inquire("530000000999");
    expect(bill.periods).toHaveLength(8);
    expect(await iak.status(bill)).toMatchObject({ kind: "failed", code: "42" });
    const pending = await inquire("8801234561039", "BPJS");
    expect(await iak.pay(pending)).toMatchObject({ kind: "pending", code: "39" });
    expect(await iak.status(pending)).toMatchObject({ kind: "pending", code: "39" });
    expect(await iak.status(pending)).toMatchObject({ kind: "success", value: { sn: `NOREF${pending.refs.trId}`, cost: pending.cost } });
  });

  it("XML pay answers' <no_ref> is the payment's reference (sn)", async () => {
    stub.setFormat("xml");
    const bill = await inquire("530000000000");
    const paid = await iak.pay(bill);
    expect(paid).toMatchObject({ kind: "success", value: { sn: `NOREF${bill.refs.trId}` } });
    expect(paid.kind === "success" && paid.raw).toContain(`<no_ref>NOREF${bill.refs.trId}</no_ref>`);
  });

  it("status 0 with rc 42 (payment request never received) is a confirmed failure; status 0 with another code is unknown", async () => {
    const bill = await inquire("530000000000");
    expect(await iak.status(bill)).toMatchObject({ kind: "failed", code: "42", blame: "provider", message: "REQUEST PEMBAYARAN BELUM DITERIMA" });
    expect(stub.payCalls(bill.refs.refId)).toBe(0);
    stub.reply("checkstatus", fixture("pay-bpjs.response.json").replace('"response_code": "00"', '"status": 0, "response_code": "39"'));
    expect(await iak.status(billWith("09128374651", "9732787"))).toMatchObject({ kind: "unknown" });
  });

  it("paying an unknown tr_id (06) is unknown with an operator alert, never failed", async () => {
    expect(await iak.pay(billWith("NOPE", "123"))).toMatchObject({ kind: "unknown", alert: { code: "06" } });
  });

  it("a status answer about the request itself (100 signature, 102 IP) stays unknown and tells the operator", async () => {
    const bill = await inquire("530000001039");
    expect(await iak.pay(bill)).toMatchObject({ kind: "pending" });
    for (const [fault, code, message] of [
      ["signature", "100", "INVALID SIGNATURE"],
      ["ip", "102", "INVALID IP ADDRESS"],
    ] as const) {
      stub.setMode(fault, { command: "checkstatus", times: 1 });
      expect(await iak.status(bill)).toMatchObject({ kind: "unknown", alert: { code, message } });
    }
    // A trouble at IAK's end (103 timeout) without a status is unknown too, but nothing for the operator to fix.
    stub.reply("checkstatus", JSON.stringify({ data: { response_code: "103", message: "TIMEOUT" }, meta: [] }));
    const timeout = await iak.status(bill);
    expect(timeout.kind).toBe("unknown");
    expect(timeout).not.toHaveProperty("alert");
  });

  it("a reused ref_id is refused with 11, even for the same bill", async () => {
    const r = nextRef();
    ok(await iak.inquiry({ ref: r, productCode: "PLNPOSTPAID", customerNo: "530000000000" }));
    expect(await iak.inquiry({ ref: r, productCode: "PLNPOSTPAID", customerNo: "530000000000" })).toMatchObject({ kind: "failed", code: "11" });
  });

  it.each(["constructor", "__proto__", "toString"])("a pay answered with response code %s is undocumented: unknown", async (code) => {
    stub.reply("pay-pasca", JSON.stringify({ data: { response_code: code, message: "?" }, meta: [] }));
    expect(await iak.pay(billWith("09128374651", "9732787"))).toMatchObject({ kind: "unknown", reason: `undocumented response code ${code} (?)` });
  });

  it("a second pay of the same tr_id is answered 34 and counted", async () => {
    const bill = await inquire("530000000000");
    ok(await iak.pay(bill));
    expect(await iak.pay(bill)).toMatchObject({ kind: "pending", code: "34" });
    expect(stub.payCalls(bill.refs.trId!)).toBe(2);
  });

  it("a bill without tr_id is never sent", async () => {
    const before = stub.calls.length;
    expect(await iak.pay({ ...billWith("X", "1"), refs: { refId: "X" } })).toMatchObject({ kind: "unknown" });
    expect(stub.calls.length).toBe(before);
  });

  it("balance and price list", async () => {
    expect(await iak.balance()).toMatchObject({ kind: "success" });
    expect(ok(await iak.priceList!())).toEqual([
      { code: "PLNPOSTPAID", name: "PLN Postpaid", price: 2500, commission: 600, active: true },
      { code: "BPJS", name: "BPJS Kesehatan", price: 2500, commission: 200, active: true },
      { code: "PLNNONTAG", name: "PLN Non Taglis", price: 1600, commission: 200, active: false },
    ]);
    stub.setFormat("xml");
    expect(ok(await iak.priceList!())).toHaveLength(3);
    expect(ok(await iak.balance())).toBeGreaterThan(0);
  });

  it("an unexpected balance answer is unknown", async () => {
    stub.reply("balance", '{"data":{"response_code":"00","message":"OK"},"meta":[]}');
    stub.reply("balance", '{"data":{"response_code":"00","message":"OK"},"meta":[]}');
    expect(await iak.balance()).toMatchObject({ kind: "unknown" });
    stub.reply("balance", '{"data":{"balance":1000,"response_code":"101","message":"INVALID COMMAND"},"meta":[]}');
    stub.reply("balance", '{"data":{"balance":1000,"response_code":"101","message":"INVALID COMMAND"},"meta":[]}');
    expect(await iak.balance()).toMatchObject({ kind: "unknown" });
  });
});

describe("faults", () => {
  const faults: IakStubFault[] = ["timeout", "http500", "html", "malformedJson", "unknownCode", "drop"];
  const fast = () => provider({ timeoutMs: 200 });

  it.each(faults)("%s: inquiry is unknown, asked once (Payments asks again under a fresh ref)", async (fault) => {
    stub.setMode(fault, { command: "inq-pasca" });
    const before = stub.calls.length;
    const o = await fast().inquiry({ ref: nextRef(), productCode: "PLNPOSTPAID", customerNo: "530000000000" });
    expect(o.kind).toBe("unknown");
    expect(stub.calls.length - before).toBe(1);
  });

  it.each(faults)("%s: pay is unknown and sent exactly once", async (fault) => {
    const bill = await inquire("530000000000");
    stub.setMode(fault, { command: "pay-pasca" });
    const o = await fast().pay(bill);
    expect(o.kind).toBe("unknown");
    expect(stub.payCalls(bill.refs.refId)).toBe(1);
    expect(stub.calls.filter((c) => c.command === "pay-pasca" && c.body.tr_id === bill.refs.trId)).toHaveLength(1);
  });

  it.each(faults)("%s: status is unknown, asked once (the next check waits its minute)", async (fault) => {
    const bill = await inquire("530000000000");
    stub.setMode(fault, { command: "checkstatus" });
    const before = stub.calls.length;
    expect((await fast().status(bill)).kind).toBe("unknown");
    expect(stub.calls.length - before).toBe(1);
  });

  it("unknown, HTTP 500, HTML and malformed answers keep the raw body", async () => {
    stub.setMode("html");
    const o = await fast().inquiry({ ref: nextRef(), productCode: "PLNPOSTPAID", customerNo: "530000000000" });
    expect(o).toMatchObject({ kind: "unknown", raw: expect.stringContaining("Bad Gateway") });
    stub.setMode("http500");
    expect(await fast().balance()).toMatchObject({ kind: "unknown", reason: "HTTP 500", raw: "Internal Server Error" });
  });

  it("a wrong signature is rc 100: inquiry failed (operator), pay and status unknown with an operator alert", async () => {
    const bill = await inquire("530000000000");
    const wrong = provider({ apiKey: "not-the-key" });
    expect(await wrong.inquiry({ ref: nextRef(), productCode: "PLNPOSTPAID", customerNo: "530000000000" })).toMatchObject({
      kind: "failed",
      code: "100",
      blame: "operator",
    });
    expect(await wrong.pay(bill)).toMatchObject({ kind: "unknown", alert: { code: "100" } });
    expect(await wrong.status(bill)).toMatchObject({ kind: "unknown", alert: { code: "100" } });
    expect(await wrong.balance()).toMatchObject({ kind: "unknown" });
    expect(await wrong.priceList!()).toMatchObject({ kind: "failed", code: "100", blame: "operator" });
  });

  it("contradictory status answers are unknown", async () => {
    const body = (status: number, rc: string) =>
      fixture("pay-bpjs.response.json").replace('"response_code": "00"', `"status": ${status}, "response_code": "${rc}"`);
    const bill = billWith("09128374651", "9732787");
    for (const [status, rc] of [
      [1, "37"],
      [2, "00"],
      [2, "39"],
      [7, "00"],
    ] as const) {
      stub.reply("checkstatus", body(status, rc));
      expect(await iak.status(bill)).toMatchObject({ kind: "unknown" });
    }
    stub.reply("checkstatus", body(1, "00"));
    expect(await iak.status(bill)).toMatchObject({ kind: "success", value: { sn: "148732328035714773", cost: 52300 } });
  });

  it("secrets never appear in outcomes", async () => {
    const outcomes: unknown[] = [];
    const bill = await inquire("530000000000");
    for (const fault of [...faults, null]) {
      stub.setMode(fault);
      // Only the strings matter here, so a very short timeout keeps the timeout fault quick.
      const p = provider({ timeoutMs: 50 });
      outcomes.push(
        await p.inquiry({ ref: nextRef(), productCode: "PLNPOSTPAID", customerNo: "530000000014" }),
        await p.pay(bill),
        await p.status(bill),
        await p.balance(),
        await p.priceList!(),
      );
    }
    stub.setMode(null);
    const wrong = provider({ apiKey: `${API_KEY}x` });
    outcomes.push(await wrong.inquiry({ ref: nextRef(), productCode: "PLNPOSTPAID", customerNo: "530000000000" }), await wrong.pay(bill));
    const unreachable = createIakProvider(
      { username: USERNAME, apiKey: API_KEY, baseUrl: "http://127.0.0.1:9", prepaidBaseUrl: "http://127.0.0.1:9" },
      { timeoutMs: 200, retryDelayMs: 1 },
    );
    outcomes.push(await unreachable.pay(bill), await unreachable.inquiry({ ref: "R", productCode: "BPJS", customerNo: "1" }));
    const text = JSON.stringify(outcomes);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain("sEcReT");
  });
});
