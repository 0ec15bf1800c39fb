import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bill } from "../../src/billing/bill.js";
import type { Config } from "../../src/config.js";
import { createDigiflazzProvider } from "../../src/providers/digiflazz/index.js";
import type { FetchLike } from "../../src/providers/http.js";
import type { Outcome } from "../../src/providers/provider.js";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";

type Dialect = Config["digiflazz"]["dialect"];
type Json = Record<string, unknown>;

const SECRET = "SUPER-SECRET-api-key-9f2c";
const raw = (name: string) => readFileSync(new URL(`../fixtures/digiflazz/${name}`, import.meta.url), "utf8");
const fixture = (name: string) => JSON.parse(raw(name)) as Json;
const md5 = (s: string) => createHash("md5").update(s).digest("hex");

/** The seeds are white-label; the canonical dialect names three response keys differently. */
function toCanonical(body: string): string {
  const data = (JSON.parse(body) as { data: Json }).data;
  const rename: Json = { name: "customer_name", code: "buyer_sku_code", balance: "buyer_last_saldo" };
  return JSON.stringify({ data: Object.fromEntries(Object.entries(data).map(([k, v]) => [(rename[k] as string) ?? k, v])) });
}

function cfg(over: Partial<Config["digiflazz"]> = {}): Config["digiflazz"] {
  return {
    username: "your-username",
    apiKey: SECRET,
    baseUrl: "http://digiflazz.test",
    dialect: "whitelabel",
    testing: false,
    webhookSecret: undefined,
    ...over,
  };
}

/** A fetch that answers every request with one canned response and records what was sent. */
function canned(body: string, status = 200, contentType = "application/json") {
  const sent: { url: string; body: Json; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, body: JSON.parse(String(init.body)) as Json, headers: init.headers as Record<string, string> });
    return new Response(body, { status, headers: { "Content-Type": contentType } });
  };
  return { fetch, sent };
}

function billFor(over: Partial<Bill> = {}): Bill {
  return {
    provider: "digiflazz",
    productCode: "pln",
    customerNo: "530000000001",
    customerName: "X",
    periods: [],
    details: [],
    billAmount: 8500,
    adminFee: 2500,
    cost: 10900,
    refs: { refId: "ref1" },
    ...over,
  };
}

function value<T>(o: Outcome<T>): T {
  if (o.kind !== "success") throw new Error(`expected success, got ${JSON.stringify(o)}`);
  return o.value;
}

// ---------------------------------------------------------------------------------------------
// Seed fixtures -> model

const d = (key: string, value: string) => ({ key, value });
const period = (p: Json) => ({ amount: 0, penalty: 0, admin: 0, other: 0, ...p });

/** What each seed inquiry answer must become (values copied from seed 001 by hand). */
const INQUIRIES: Record<
  string,
  { customerNo: string; name: string; periods: Json[]; details: { key: string; value: string }[]; billAmount: number; adminFee: number; cost: number }
> = {
  pln: {
    customerNo: "530000000001",
    name: "Nama Pelanggan Pertama",
    periods: [period({ period: "201901", amount: 8000, admin: 2500, penalty: 500 })],
    details: [d("tarif", "R1"), d("daya", "1300"), d("lembar_tagihan", "1")],
    billAmount: 8500,
    adminFee: 2500,
    cost: 10900,
  },
  pdam: {
    customerNo: "1013226",
    name: "Nama Pelanggan Pertama",
    periods: [period({ period: "201901", amount: 8000, penalty: 500, other: 1500, meterStart: "00080000", meterEnd: "00090000" })],
    details: [d("tarif", "3A"), d("lembar_tagihan", "1"), d("alamat", "WONOKROMO S.S BARU 2 8"), d("jatuh_tempo", "1-15 DES 2014")],
    billAmount: 10000,
    adminFee: 2500,
    cost: 11500,
  },
  hp: {
    customerNo: "1013226",
    name: "Nama Pelanggan Pertama",
    periods: [],
    details: [d("lembar_tagihan", "1")],
    billAmount: 10000,
    adminFee: 2500,
    cost: 11000,
  },
  internet: {
    customerNo: "6391601001",
    name: "Nama Pelanggan",
    periods: [period({ period: "MEI 2019", amount: 8000, admin: 2500 }), period({ period: "JUN 2019", amount: 11500, admin: 2500 })],
    details: [d("lembar_tagihan", "2")],
    billAmount: 19500,
    adminFee: 5000,
    cost: 22500,
  },
  bpjs: {
    customerNo: "8801234560001",
    name: "Nama Pelanggan",
    periods: [period({ period: "01" })],
    details: [d("jumlah_peserta", "2"), d("lembar_tagihan", "1"), d("alamat", "JAKARTA PUSAT")],
    billAmount: 22500,
    adminFee: 2500,
    cost: 24700,
  },
  multifinance: {
    customerNo: "6391601201",
    name: "Nama Pelanggan",
    periods: [period({ period: "002" })],
    details: [
      d("lembar_tagihan", "1"),
      d("item_name", "HONDA VARIO TECHNO 125 PGM FI NON CBS"),
      d("no_rangka", "MH1JFB111CK196426"),
      d("no_pol", "B6213UWX"),
      d("tenor", "030"),
    ],
    billAmount: 22500,
    adminFee: 2500,
    cost: 24700,
  },
  pbb: {
    customerNo: "329801092375999991",
    name: "Nama Pelanggan",
    periods: [],
    details: [
      d("lembar_tagihan", "1"),
      d("alamat", "KO. GRIYA ASRI CIPAGERAN"),
      d("tahun_pajak", "2019"),
      d("kelurahan", "CIPAGERAN"),
      d("kecamatan", "CIMAHI UTARA"),
      d("kode_kab_kota", "0023"),
      d("kab_kota", "PEMKOT CIMAHI"),
      d("luas_tanah", "113 M2"),
      d("luas_gedung", "47 M2"),
    ],
    billAmount: 97500,
    adminFee: 2500,
    cost: 99500,
  },
  pgas: {
    customerNo: "0110014601",
    name: "Nama Pelanggan",
    periods: [period({ period: "0320", meterStart: "006538", meterEnd: "006573" })],
    details: [d("lembar_tagihan", "1"), d("alamat", "KO. GRIYA ASRI CIPAGERAN")],
    billAmount: 97500,
    adminFee: 2500,
    cost: 99500,
  },
  tv: {
    customerNo: "127246500105",
    name: "Nama Pelanggan Pertama",
    periods: [period({ period: "MEI 22", amount: 97500, ref: "205A" })],
    details: [d("lembar_tagihan", "1")],
    billAmount: 97500,
    adminFee: 2500,
    cost: 99500,
  },
  plnnontaglis: {
    customerNo: "3225030005921",
    name: "Nama Pelanggan Pertama",
    periods: [],
    details: [d("lembar_tagihan", "1"), d("transaksi", "PENYAMBUNGAN BARU"), d("no_registrasi", "5392112011703"), d("tanggal_registrasi", "20120524")],
    billAmount: 97500,
    adminFee: 2500,
    cost: 99500,
  },
  emoney: {
    customerNo: "082100000001",
    name: "Nama Pelanggan Pertama",
    periods: [],
    details: [d("lembar_tagihan", "1")],
    billAmount: 97500,
    adminFee: 2500,
    cost: 99500,
  },
  samsat: {
    customerNo: "9658548523568703,0212502110170100",
    name: "Nama Pelanggan Pertama",
    periods: [],
    details: [
      d("lembar_tagihan", "1"),
      d("alamat", "GRIYA BULELENG 2 RT 005 RW 014 BULELENG"),
      d("nomor_identitas", "0212502110170100"),
      d("nomor_rangka", "MHKV5EA2JFJ001044"),
      d("nomor_mesin", "1NRF012268"),
      d("nomor_polisi", "DK 1243AL"),
      d("milik_kenama", "001"),
      d("merek_kb", "DAIHATSU"),
      d("model_kb", "XENIA 1.3 R M/T F653RV-GMDFJ"),
      d("tahun_buatan", "2018"),
      d("tgl_akhir_pajak_baru", "20210309"),
      d("biaya_pokok_bbn", "0"),
      d("biaya_pokok_swd", "14000"),
      d("biaya_pokok_pkb", "83000"),
      d("biaya_denda_swd", "0"),
      d("biaya_denda_bbn", "0"),
      d("biaya_denda_pkb", "0"),
      d("biaya_admin_stnk", "0"),
      d("biaya_admin_tnkb", "0"),
      d("biaya_parkir_pokok", "0"),
      d("biaya_pajak_progresif", "0"),
    ],
    billAmount: 97500,
    adminFee: 2500,
    cost: 99500,
  },
};

/** sn and cost of each seed pay answer (seed 000). */
const PAYMENTS: Record<string, { sn: string; cost: number; firstDetail: { key: string; value: string } }> = {
  pln: { sn: "", cost: 10000, firstDetail: d("tarif", "R1") },
  pdam: { sn: "", cost: 11500, firstDetail: d("tarif", "3A") },
  hp: { sn: "", cost: 11000, firstDetail: d("lembar_tagihan", "1") },
  internet: { sn: "I1234554321N", cost: 22500, firstDetail: d("lembar_tagihan", "2") },
  bpjs: { sn: "BP1234554321JS", cost: 24700, firstDetail: d("jumlah_peserta", "2") },
  multifinance: { sn: "FP1234554321I", cost: 24700, firstDetail: d("lembar_tagihan", "1") },
  pbb: { sn: "P1234567890B", cost: 99500, firstDetail: d("lembar_tagihan", "1") },
  pgas: { sn: "G1234567890S", cost: 99500, firstDetail: d("lembar_tagihan", "1") },
  tv: { sn: "", cost: 99500, firstDetail: d("lembar_tagihan", "1") },
  plnnontaglis: { sn: "P1234554321NH", cost: 99500, firstDetail: d("lembar_tagihan", "1") },
  emoney: { sn: "E1234554321M", cost: 99500, firstDetail: d("lembar_tagihan", "1") },
  samsat: { sn: "", cost: 99500, firstDetail: d("lembar_tagihan", "1") },
};

describe.each<Dialect>(["whitelabel", "canonical"])("seed answers -> model (%s)", (dialect) => {
  const body = (name: string) => (dialect === "whitelabel" ? raw(name) : toCanonical(raw(name)));

  it.each(Object.entries(INQUIRIES))("inq-pasca %s", async (code, want) => {
    const seed = fixture(`inq-${code}.json`).data as Json;
    const { fetch } = canned(body(`inq-${code}.json`));
    const [customerNo, identityNo] = want.customerNo.split(",");
    const out = await createDigiflazzProvider(cfg({ dialect }), { fetch, retryDelayMs: 1 }).inquiry({
      ref: seed.ref_id as string,
      productCode: code,
      customerNo: customerNo!,
      ...(identityNo ? { identityNo } : {}),
    });
    expect(out.kind).toBe("success");
    if (out.kind !== "success") return;
    expect(out.raw).toBe(body(`inq-${code}.json`));
    expect(out.value).toEqual({
      provider: "digiflazz",
      productCode: code,
      customerNo: want.customerNo,
      customerName: want.name,
      periods: want.periods,
      details: want.details,
      billAmount: want.billAmount,
      adminFee: want.adminFee,
      cost: want.cost,
      refs: { refId: seed.ref_id },
    });
  });

  it.each(Object.entries(PAYMENTS))("pay-pasca %s", async (code, want) => {
    const seed = fixture(`pay-${code}.json`).data as Json;
    const { fetch } = canned(body(`pay-${code}.json`));
    const out = await createDigiflazzProvider(cfg({ dialect }), { fetch, retryDelayMs: 1 }).pay(
      billFor({ productCode: code, customerNo: seed.customer_no as string, refs: { refId: seed.ref_id as string } }),
    );
    const p = value(out);
    expect(p.sn).toBe(want.sn);
    expect(p.cost).toBe(want.cost);
    expect(p.details[0]).toEqual(want.firstDetail);
    expect(p.details.some((x) => x.key === "detail")).toBe(false);
  });

  it("PLN: billAmount = selling_price - admin = bills + penalties (11000 - 2500 = 8000 + 500)", async () => {
    const { fetch } = canned(body("inq-pln.json"));
    const bill = value(
      await createDigiflazzProvider(cfg({ dialect }), { fetch, retryDelayMs: 1 }).inquiry({
        ref: "ref-pasca7",
        productCode: "pln",
        customerNo: "530000000001",
      }),
    );
    const p = bill.periods[0]!;
    expect(bill.billAmount).toBe(p.amount + p.penalty);
    expect(bill.billAmount + bill.adminFee).toBe(11000);
  });

  it("a seed answer read in the other dialect is unknown (name/product keys missing)", async () => {
    const other = dialect === "whitelabel" ? toCanonical(raw("inq-pln.json")) : raw("inq-pln.json");
    const { fetch } = canned(other);
    const out = await createDigiflazzProvider(cfg({ dialect }), { fetch, retryDelayMs: 1 }).inquiry({
      ref: "ref-pasca7",
      productCode: "pln",
      customerNo: "530000000001",
    });
    expect(out.kind).toBe("unknown");
  });
});

// ---------------------------------------------------------------------------------------------
// Seed requests: the adapter sends exactly the documented body

describe("requests match the seed examples", () => {
  const signFor = (ref: string) => md5(`your-username${SECRET}${ref}`);
  const expectSame = (sent: Json, seedName: string) => {
    const seed = fixture(seedName);
    // The seed's sign is a placeholder for an unknown apiKey; everything else must match, in order.
    expect(Object.keys(sent)).toEqual(Object.keys(seed));
    expect({ ...sent, sign: "-" }).toEqual({ ...seed, sign: "-" });
    expect(sent.sign).toBe(signFor(seed.ref_id as string));
  };

  it("inq-pasca PLN", async () => {
    const { fetch, sent } = canned(raw("inq-pln.json"));
    await createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 }).inquiry({ ref: "ref1", productCode: "pln", customerNo: "530000000001" });
    expect(sent[0]!.url).toBe("http://digiflazz.test/v1/user/api/transaction");
    expect(sent[0]!.headers["Content-Type"]).toBe("application/json");
    expectSame(sent[0]!.body, "request-inq-pln.json");
  });

  it("inq-pasca E-Money carries amount", async () => {
    const { fetch, sent } = canned(raw("inq-emoney.json"));
    await createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 }).inquiry({ ref: "ref1", productCode: "emoney", customerNo: "082100000001", amount: 10000 });
    expectSame(sent[0]!.body, "request-inq-emoney.json");
  });

  it("inq-pasca SAMSAT joins kode bayar and nomor identitas", async () => {
    const { fetch, sent } = canned(raw("inq-samsat.json"));
    await createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 }).inquiry({
      ref: "ref1",
      productCode: "samsat",
      customerNo: "9658548523568703",
      identityNo: "0212502110170100",
    });
    expectSame(sent[0]!.body, "request-inq-samsat.json");
  });

  it("pay-pasca PLN and SAMSAT reuse the inquiry's ref_id and customer_no", async () => {
    const { fetch, sent } = canned(raw("pay-pln.json"));
    const p = createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 });
    await p.pay(billFor({ refs: { refId: "ref1" } }));
    await p.pay(billFor({ productCode: "samsat", customerNo: "9658548523568703,0212502110170100", refs: { refId: "ref1" } }));
    expectSame(sent[0]!.body, "request-pay-pln.json");
    expectSame(sent[1]!.body, "request-pay-samsat.json");
  });

  it("canonical dialect: /v1/transaction with commands and buyer_sku_code; PBB year; testing flag", async () => {
    const { fetch, sent } = canned(toCanonical(raw("inq-pbb.json")));
    await createDigiflazzProvider(cfg({ dialect: "canonical", testing: true, baseUrl: "https://api.digiflazz.com" }), { fetch, retryDelayMs: 1 }).inquiry({
      ref: "ref-pasca7",
      productCode: "pbb",
      customerNo: "329801092375999991",
      year: "2019",
    });
    expect(sent[0]!.url).toBe("https://api.digiflazz.com/v1/transaction");
    expect(sent[0]!.body).toEqual({
      commands: "inq-pasca",
      username: "your-username",
      buyer_sku_code: "pbb",
      customer_no: "329801092375999991",
      ref_id: "ref-pasca7",
      year: "2019",
      testing: true,
      sign: signFor("ref-pasca7"),
    });
  });

  it("status-pasca sends the bill's ref_id", async () => {
    const { fetch, sent } = canned(raw("pay-pln.json"));
    await createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 }).status(billFor({ refs: { refId: "ref-pasca4" } }));
    expect(sent[0]!.body).toMatchObject({
      command: "status-pasca",
      code: "pln",
      customer_no: "530000000001",
      ref_id: "ref-pasca4",
      sign: signFor("ref-pasca4"),
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Response codes and shapes (canned answers)

function answer(data: Json) {
  return JSON.stringify({
    data: { ref_id: "r1", customer_no: "530000000001", name: "", code: "pln", sn: "", balance: 0, price: 0, selling_price: 0, admin: 0, ...data },
  });
}

async function payWith(body: string, status = 200, contentType = "application/json") {
  const { fetch } = canned(body, status, contentType);
  return createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 }).pay(billFor({ refs: { refId: "r1" } }));
}

describe("response codes", () => {
  it.each([
    ["01", "provider", undefined],
    ["02", "provider", undefined],
    ["40", "operator", undefined],
    ["41", "operator", undefined],
    ["42", "operator", undefined],
    ["43", "operator", undefined],
    ["44", "operator", undefined],
    ["45", "operator", undefined],
    ["47", "customer", "already-paid"],
    ["50", "customer", undefined],
    ["54", "customer", "wrong-number"],
    ["60", "customer", "no-bill"],
    ["55", "provider", "biller-down"],
    ["58", "provider", "cut-off"],
    ["87", "customer", undefined],
    ["88", "operator", undefined],
  ] as const)("rc %s Gagal is a final failure blamed on the %s (plain-words reason: %s)", async (rc, blame, reason) => {
    const body = answer({ rc, status: "Gagal", message: "pesan dari Digiflazz" });
    const out = await payWith(body);
    // 43 and 44 made no transaction ("Transaksi Terbentuk: Tidak"): not processed, another provider may be tried.
    const notProcessed = (rc === "43" || rc === "44") && { notProcessed: true };
    expect(out).toEqual({ kind: "failed", code: rc, message: "pesan dari Digiflazz", blame, ...(reason && { reason }), ...notProcessed, raw: body });
  });

  it.each(["56", "62", "63", "64", "65", "66", "67", "68", "69"])("rc %s on pay made nothing: a final failure marked not processed", async (rc) => {
    expect(await payWith(answer({ rc, status: "Gagal", message: "m" }))).toMatchObject({ kind: "failed", code: rc, notProcessed: true });
  });

  it.each(["53", "55", "58", "02", "85"])("rc %s on pay made a transaction: not marked not processed (never fails over)", async (rc) => {
    expect(await payWith(answer({ rc, status: "Gagal", message: "m" }))).not.toHaveProperty("notProcessed");
  });

  it("rc 49 on pay is unknown with an operator alert: a transaction with this ref_id exists and may be this payment", async () => {
    const body = answer({ rc: "49", status: "Gagal", message: "Ref ID tidak unik" });
    expect(await payWith(body)).toEqual({
      kind: "unknown",
      reason: "Digiflazz already has a transaction with this ref_id (rc 49); it may be this payment",
      raw: body,
      alert: { code: "49", message: "Ref ID tidak unik" },
    });
  });

  it("rc 50 on a status check is unknown with an operator alert, asked once; on pay and inquiry it is a failure", async () => {
    const body = answer({ rc: "50", status: "Gagal", message: "Transaksi Tidak Ditemukan" });
    const { fetch, sent } = canned(body);
    const p = createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 });
    expect(await p.status(billFor({ refs: { refId: "r1" } }))).toMatchObject({
      kind: "unknown",
      reason: expect.stringContaining("rc 50"),
      raw: body,
      alert: { code: "50", message: "Transaksi Tidak Ditemukan" },
    });
    expect(sent.map((c) => c.body.command)).toEqual(["status-pasca"]);
    expect(await p.pay(billFor({ refs: { refId: "r1" } }))).toMatchObject({ kind: "failed", code: "50", blame: "customer" });
    expect(await p.inquiry({ ref: "r1", productCode: "pln", customerNo: "530000000001" })).toMatchObject({ kind: "failed", code: "50" });
  });

  const statusWith = async (body: string, status = 200) => {
    const { fetch } = canned(body, status);
    return createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 }).status(billFor({ refs: { refId: "r1" } }));
  };

  // Every code the table lists as making no transaction ("Transaksi Terbentuk: Tidak"), and 50.
  it.each(["40", "41", "42", "43", "44", "45", "47", "49", "50", "56", "61", "62", "63", "64", "65", "66", "67", "68", "69", "80", "81", "82", "87", "88"])(
    "rc %s on a status check is about the request: unknown with an operator alert, never failed",
    async (rc) => {
      // As Digiflazz refuses a request: no ref_id, no transaction fields (HTTP 400 for 4x).
      const body = JSON.stringify({ data: { rc, message: "pesan dari Digiflazz", status: "Gagal" } });
      expect(await statusWith(body, rc.startsWith("4") ? 400 : 200)).toMatchObject({ kind: "unknown", alert: { code: rc, message: "pesan dari Digiflazz" } });
      // Even when the answer names the transaction.
      expect(await statusWith(answer({ rc, status: "Gagal", message: "pesan dari Digiflazz" }))).toMatchObject({ kind: "unknown", alert: { code: rc } });
    },
  );

  it("rc 85 on a pay made a failed transaction under the ref_id: final, with a minute's limit; on a status check it proves nothing", async () => {
    const body = answer({ rc: "85", status: "Gagal", message: "Limitasi transaksi" });
    expect(await payWith(body)).toEqual({
      kind: "failed",
      code: "85",
      message: "Limitasi transaksi",
      blame: "provider",
      raw: body,
      rateLimit: { unprocessed: false, retryAfterMs: 60_000 },
    });
    // On a check it may be the check refused as too frequent: a limit, no verdict, no alert.
    const checked = await statusWith(body);
    expect(checked).toMatchObject({
      kind: "unknown",
      reason: expect.stringContaining("rate limit (rc 85"),
      rateLimit: { unprocessed: false, retryAfterMs: 60_000 },
    });
    expect(checked).not.toHaveProperty("alert");
  });

  it("rc 86 (PLN check limit) is final on a pay, a limit without a verdict on a status check", async () => {
    const body = answer({ rc: "86", status: "Gagal", message: "Limitasi pengecekan nomor PLN" });
    expect(await payWith(body)).toMatchObject({ kind: "failed", code: "86", rateLimit: { unprocessed: false } });
    expect(await statusWith(body)).toMatchObject({ kind: "unknown", rateLimit: { unprocessed: false } });
  });

  it("rc 83 made no transaction: on a pay it is turned away unread and may be sent again; never an alert", async () => {
    const body = JSON.stringify({ data: { rc: "83", message: "Limitasi pengecekan pricelist", status: "Gagal" } });
    for (const [out, unprocessed] of [
      [await payWith(body), true],
      [await statusWith(body), false],
    ] as const) {
      expect(out).toMatchObject({ kind: "unknown", reason: expect.stringContaining("rate limit (rc 83"), rateLimit: { unprocessed } });
      expect(out).not.toHaveProperty("alert");
    }
  });

  it.each(["83", "85", "86"])("rc %s on an inquiry is unknown (asked again later), never failed", async (rc) => {
    const { fetch } = canned(JSON.stringify({ data: { rc, message: "Limitasi", status: "Gagal" } }));
    expect(await createDigiflazzProvider(cfg(), { fetch }).inquiry({ ref: "r1", productCode: "pln", customerNo: "530000000001" })).toMatchObject({
      kind: "unknown",
    });
  });

  it("HTTP 429 is a rate limit turned away unread, whatever its body", async () => {
    for (const body of ["Too Many Requests", JSON.stringify({ data: { rc: "85", status: "Gagal" } })]) {
      const { fetch } = canned(body, 429, "text/plain");
      const out = await createDigiflazzProvider(cfg(), { fetch }).pay(billFor());
      expect(out).toMatchObject({ kind: "unknown", reason: expect.stringContaining("429"), rateLimit: { unprocessed: true } });
    }
  });

  it("a status Gagal for this ref_id with a transaction code is a confirmed failure; without the ref_id or the status it is unknown", async () => {
    expect(await statusWith(answer({ rc: "02", status: "Gagal", message: "Transaksi Gagal" }))).toMatchObject({
      kind: "failed",
      code: "02",
      blame: "provider",
    });
    expect(await statusWith(answer({ rc: "01", status: "Gagal", message: "Timeout" }))).toMatchObject({ kind: "failed", code: "01" });
    expect(await statusWith(JSON.stringify({ data: { rc: "02", message: "Transaksi Gagal", status: "Gagal" } }))).toMatchObject({ kind: "unknown" });
    expect(await statusWith(JSON.stringify({ data: { rc: "02", ref_id: "r1", message: "Transaksi Gagal" } }))).toMatchObject({ kind: "unknown" });
  });

  it("rc 49 on inquiry stays a failure (nothing was paid)", async () => {
    const { fetch } = canned(answer({ rc: "49", status: "Gagal", message: "Ref ID tidak unik" }));
    const out = await createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 }).inquiry({ ref: "r1", productCode: "pln", customerNo: "530000000001" });
    expect(out).toMatchObject({ kind: "failed", code: "49", blame: "operator" });
  });

  it("a failure without message gets the table's text; one without status is still read by rc", async () => {
    const out = await payWith(JSON.stringify({ data: { rc: "41" } }), 400);
    expect(out).toMatchObject({ kind: "failed", code: "41", message: "Signature tidak valid", blame: "operator" });
  });

  it.each(["03", "99"])("rc %s Pending is pending", async (rc) => {
    const out = await payWith(answer({ rc, status: "Pending", message: "Transaksi Pending" }));
    expect(out).toMatchObject({ kind: "pending", code: rc, message: "Transaksi Pending" });
  });

  it.each([
    ["undocumented code", { rc: "37", status: "Gagal" }],
    ["three digits", { rc: "000", status: "Sukses" }],
    ["one digit", { rc: "0", status: "Sukses" }],
    ["not numeric", { rc: "XX", status: "Gagal" }],
    ["numeric rc", { rc: 0, status: "Sukses" }],
    ["an inherited property name", { rc: "constructor", status: "Gagal" }],
    ["__proto__", { rc: "__proto__", status: "Gagal" }],
    ["Sukses with a failure code", { rc: "02", status: "Sukses" }],
    ["Gagal with rc 00", { rc: "00", status: "Gagal" }],
    ["Pending with rc 00", { rc: "00", status: "Pending" }],
    ["Gagal with rc 03", { rc: "03", status: "Gagal" }],
    ["Sukses with rc 99", { rc: "99", status: "Sukses" }],
    ["an unheard-of status", { rc: "00", status: "Success" }],
    ["rc 00 without status", { rc: "00", status: undefined }],
    ["a fractional price", { rc: "00", status: "Sukses", price: 100.5 }],
    ["a price with a thousands dot", { rc: "00", status: "Sukses", price: "10.000" }],
    ["a negative price", { rc: "00", status: "Sukses", price: -1 }],
    ["another ref_id", { rc: "00", status: "Sukses", ref_id: "someone-else" }],
    ["no name key", { rc: "00", status: "Sukses", name: undefined }],
  ])("%s -> unknown", async (_label, data) => {
    const out = await payWith(answer(data as Json));
    expect(out.kind).toBe("unknown");
  });

  it("amounts as digit strings are read as rupiah", async () => {
    const out = await payWith(answer({ rc: "00", status: "sukses", price: "10900", sn: "SN1" }));
    expect(value(out)).toEqual({ sn: "SN1", cost: 10900, details: [] });
  });

  it.each([
    ["HTTP 500", "Internal Server Error", 500, "text/plain"],
    ["HTTP 503 with a JSON success body", answer({ rc: "00", status: "Sukses" }), 503, "application/json"],
    ["an HTML page", "<html><body>Bad gateway</body></html>", 200, "text/html"],
    ["HTML sent as JSON", "<!DOCTYPE html><html></html>", 200, "application/json"],
    ["malformed JSON", '{"data": {"rc": "00"', 200, "application/json"],
    ["an empty body", "", 200, "application/json"],
    ["a JSON array", "[]", 200, "application/json"],
    ["no data wrapper", JSON.stringify({ rc: "00", status: "Sukses" }), 200, "application/json"],
  ])("%s -> unknown", async (_label, body, status, contentType) => {
    const out = await payWith(body, status, contentType);
    expect(out.kind).toBe("unknown");
    if (out.kind === "unknown") expect(out.raw).toBe(body);
  });

  it("inquiry: a non-numeric period amount is unknown, not a zero", async () => {
    const seed = fixture("inq-pln.json") as { data: { desc: { detail: Json[] } } };
    seed.data.desc.detail[0]!.nilai_tagihan = "8.000";
    const { fetch } = canned(JSON.stringify(seed));
    const out = await createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 }).inquiry({ ref: "ref-pasca7", productCode: "pln", customerNo: "530000000001" });
    expect(out.kind).toBe("unknown");
  });

  it("inquiry: a documented failure is failed and not retried", async () => {
    const { fetch, sent } = canned(answer({ ref_id: "ref9", rc: "60", status: "Gagal", message: "Tagihan belum tersedia" }));
    const out = await createDigiflazzProvider(cfg(), { fetch, retryDelayMs: 1 }).inquiry({ ref: "ref9", productCode: "pln", customerNo: "1" });
    expect(out).toMatchObject({ kind: "failed", code: "60", blame: "customer" });
    expect(sent).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Against the stand-in server

const SCENARIOS: [string, string[]][] = [
  ["pln", ["530000000001", "530000000003", "530000000006", "630000000001", "630000000006"]],
  ["pdam", ["1013226", "1013227", "1013230", "2013226", "2013230"]],
  ["internet", ["6391601001", "6391601002", "6391601005", "7391601001", "7391601005"]],
  ["bpjs", ["8801234560001", "8801234560002", "8801234560005", "9801234560001", "9801234560005"]],
  ["multifinance", ["6391601201", "6391601202", "6391601205", "7391601201", "7391601205"]],
  ["pbb", ["329801092375999991", "329801092375999992", "329801092375999995", "429801092375999991", "429801092375999995"]],
  ["pgas", ["0110014601", "0110014603", "0110014605", "1110014601", "1110014605"]],
  ["tv", ["127246500101", "127246500102", "127246500105", "227246500101", "227246500105"]],
  ["plnnontaglis", ["3225030005921", "3225030005922", "3225030005923", "4225030005921", "4225030005923"]],
  ["emoney", ["082100000001", "082100000002", "082100000003", "082110000001", "082110000003"]],
  ["samsat", ["9658548523568701", "9658548523568702", "9658548523568705", "0658548523568701", "0658548523568705"]],
  ["hp", ["081234554320", "081234554321", "081234554324", "081244554320", "081244554324"]],
];

describe.each<Dialect>(["whitelabel", "canonical"])("stand-in server (%s)", (dialect) => {
  let stub: DigiflazzStub;
  let n = 0;
  beforeAll(async () => {
    stub = await startDigiflazzStub({ apiKey: SECRET });
  });
  afterAll(() => stub.close());

  const provider = (over: Partial<Config["digiflazz"]> = {}, timeoutMs = 2000) =>
    createDigiflazzProvider(cfg({ dialect, baseUrl: stub.url, username: stub.username, testing: true, ...over }), { timeoutMs, retryDelayMs: 1 });
  const inquire = (code: string, customerNo: string, p = provider()) => {
    const ref = `${dialect}-${code}-${++n}`;
    return p
      .inquiry({
        ref,
        productCode: code,
        customerNo,
        ...(code === "samsat" ? { identityNo: "0212502110170100" } : {}),
        ...(code === "emoney" ? { amount: 100000 } : {}),
      })
      .then((out) => ({ ref, out }));
  };

  describe.each(SCENARIOS)("%s test numbers", (code, [ok, inqFail, payFail, pendOk, pendFail]) => {
    it("success: inquiry, pay once, status agrees", async () => {
      const p = provider();
      const { ref, out } = await inquire(code, ok!, p);
      const bill = value(out);
      expect(bill.refs.refId).toBe(ref);
      expect(bill.customerName).not.toBe("");
      const paid = value(await p.pay(bill));
      expect(paid.cost).toBe(bill.cost);
      expect(paid.sn).not.toBe("");
      expect(stub.payCalls(ref)).toBe(1);
      expect(value(await p.status(bill)).sn).toBe(paid.sn);
    });

    it("inquiry fails with rc 02", async () => {
      const { out } = await inquire(code, inqFail!);
      expect(out).toMatchObject({ kind: "failed", code: "02" });
    });

    it("payment fails with rc 02", async () => {
      const p = provider();
      const bill = value((await inquire(code, payFail!, p)).out);
      expect(await p.pay(bill)).toMatchObject({ kind: "failed", code: "02" });
    });

    it("pending then success", async () => {
      const p = provider();
      const bill = value((await inquire(code, pendOk!, p)).out);
      expect(await p.pay(bill)).toMatchObject({ kind: "pending", code: "03" });
      expect((await p.status(bill)).kind).toBe("success");
    });

    it("pending then fail", async () => {
      const p = provider();
      const bill = value((await inquire(code, pendFail!, p)).out);
      expect(await p.pay(bill)).toMatchObject({ kind: "pending", code: "03" });
      expect(await p.status(bill)).toMatchObject({ kind: "failed", code: "02" });
    });
  });

  it("PLN 530000000002 has two bills", async () => {
    const bill = value((await inquire("pln", "530000000002")).out);
    expect(bill.periods.map((x) => x.period)).toEqual(["201901", "201902"]);
    expect(bill.billAmount).toBe(17000);
    expect(bill.adminFee).toBe(5000);
  });

  it("the stub saw the dialect's path, keys, testing flag and a valid sign", async () => {
    const { ref } = await inquire("pln", "530000000001");
    const call = stub.calls.find((c) => c.body.ref_id === ref)!;
    expect(call.path).toBe(dialect === "canonical" ? "/v1/transaction" : "/v1/user/api/transaction");
    expect(call.command).toBe("inq-pasca");
    expect(call.body.testing).toBe(true);
    expect(call.body.sign).toBe(md5(stub.username + SECRET + ref));
  });

  it("pay of a ref_id that was never inquired fails (rc 50)", async () => {
    const out = await provider().pay(billFor({ refs: { refId: `${dialect}-never` } }));
    expect(out).toMatchObject({ kind: "failed", code: "50" });
  });

  it("a wrong API key is rejected as the provider documents (rc 41, operator) and never retried", async () => {
    const before = stub.calls.length;
    const { out } = await inquire("pln", "530000000001", provider({ apiKey: "wrong-key" }));
    expect(out).toMatchObject({ kind: "failed", code: "41", blame: "operator" });
    expect(stub.calls.length - before).toBe(1);
  });

  it("a wrong username is rc 42 (operator)", async () => {
    const { out } = await inquire("pln", "530000000001", provider({ username: "nobody" }));
    expect(out).toMatchObject({ kind: "failed", code: "42", blame: "operator" });
  });

  it("balance and price list", async () => {
    expect(value(await provider().balance())).toBe(stub.deposit());
    const list = value(await provider().priceList!());
    expect(list.find((i) => i.code === "pln")).toEqual({ code: "pln", name: "Tagihan PLN", price: 2500, commission: 0, active: true });
    expect(await provider({ apiKey: "x" }).balance()).toMatchObject({ kind: "failed", code: "41", blame: "operator" });
  });

  describe("faults", () => {
    it.each(["timeout", "dropped", "http500", "html", "malformed", "unknown-rc"] as const)("%s: inquiry is unknown, asked once", async (mode) => {
      stub.setMode(mode, { commands: ["inq-pasca"] });
      try {
        const before = stub.calls.length;
        const { out } = await inquire("pln", "530000000001", provider({}, 200));
        expect(out.kind).toBe("unknown");
        expect(stub.calls.length - before).toBe(1);
      } finally {
        stub.setMode(undefined);
      }
    });

    it.each(["timeout", "http500", "html", "malformed", "unknown-rc"] as const)("%s: pay is unknown and sent exactly once", async (mode) => {
      const p = provider({}, 200);
      const bill = value((await inquire("pln", "530000000001", p)).out);
      stub.setMode(mode, { commands: ["pay-pasca"] });
      try {
        const out = await p.pay(bill);
        expect(out.kind).toBe("unknown");
        expect(stub.payCalls(bill.refs.refId)).toBe(1);
      } finally {
        stub.setMode(undefined);
      }
      // A timed-out pay did reach the provider: the status check finds it paid. The others never
      // paid, but "not found" (rc 50) cannot prove that: unknown, left for an admin.
      const status = await p.status(bill);
      expect(status.kind).toBe(mode === "timeout" ? "success" : "unknown");
      expect(stub.payCalls(bill.refs.refId)).toBe(1);
    });

    it("a status check answered 500 is unknown and not asked again at once; the next check reads the answer", async () => {
      const p = provider();
      const bill = value((await inquire("pln", "530000000001", p)).out);
      value(await p.pay(bill));
      stub.setMode("http500", { commands: ["status-pasca"], times: 1 });
      const before = stub.calls.length;
      expect((await p.status(bill)).kind).toBe("unknown");
      expect(stub.calls.length - before).toBe(1);
      expect((await p.status(bill)).kind).toBe("success");
    });

    it.each([
      ["ip-refused", "45"],
      ["signature-refused", "41"],
    ] as const)("%s on status: unknown with an operator alert (rc %s), the payment untouched", async (mode, rc) => {
      const p = provider();
      const bill = value((await inquire("pln", "630000000006", p)).out);
      expect((await p.pay(bill)).kind).toBe("pending");
      stub.setMode(mode, { commands: ["status-pasca"], times: 1 });
      expect(await p.status(bill)).toMatchObject({ kind: "unknown", alert: { code: rc } });
      expect(await p.status(bill)).toMatchObject({ kind: "failed", code: "02" });
    });

    it("rate-limited on status: unknown, no alert", async () => {
      const p = provider();
      const bill = value((await inquire("pln", "630000000001", p)).out);
      expect((await p.pay(bill)).kind).toBe("pending");
      stub.setMode("rate-limited", { commands: ["status-pasca"], times: 1 });
      const out = await p.status(bill);
      expect(out).toMatchObject({ kind: "unknown" });
      expect(out).not.toHaveProperty("alert");
    });

    it("a reused ref_id is refused with rc 49 at inquiry, even for the same bill (a retry after a lost answer)", async () => {
      const p = provider();
      const { out, ref } = await inquire("pln", "530000000001", p);
      value(out);
      expect(await p.inquiry({ ref, productCode: "pln", customerNo: "530000000001" })).toMatchObject({ kind: "failed", code: "49" });
    });

    it("connection refused is unknown", async () => {
      const out = await createDigiflazzProvider(cfg({ baseUrl: "http://127.0.0.1:1" }), { timeoutMs: 200, retryDelayMs: 1 }).balance();
      expect(out.kind).toBe("unknown");
    });
  });

  it("no outcome, reason or message ever contains the API key", async () => {
    const outcomes: unknown[] = [];
    const p = provider({}, 200);
    for (const mode of ["timeout", "http500", "html", "malformed", "unknown-rc", undefined] as const) {
      stub.setMode(mode);
      outcomes.push(await inquire("pln", "530000000001", p), await p.pay(billFor({ refs: { refId: "leak" } })), await p.balance(), await p.priceList!());
    }
    stub.setMode(undefined);
    outcomes.push(await inquire("pln", "530000000001", provider({ apiKey: `wrong-${SECRET}` })));
    outcomes.push(await createDigiflazzProvider(cfg({ baseUrl: "http://127.0.0.1:1" }), { timeoutMs: 200, retryDelayMs: 1 }).pay(billFor()));
    outcomes.push(await createDigiflazzProvider(cfg({ baseUrl: "not a url" }), { timeoutMs: 200, retryDelayMs: 1 }).pay(billFor()));
    expect(JSON.stringify(outcomes)).not.toContain(SECRET);
  });
});

describe("stand-in server: slow settlement", () => {
  it("pendingChecks keeps a pending payment pending for that many status checks", async () => {
    const stub = await startDigiflazzStub({ pendingChecks: 2 });
    try {
      const p = createDigiflazzProvider(cfg({ baseUrl: stub.url, username: stub.username, apiKey: stub.apiKey }), { timeoutMs: 2000 });
      const bill = value(await p.inquiry({ ref: "slow-1", productCode: "bpjs", customerNo: "9801234560001" }));
      const deposit = stub.deposit();
      expect((await p.pay(bill)).kind).toBe("pending");
      expect(stub.deposit()).toBe(deposit - bill.cost);
      expect((await p.status(bill)).kind).toBe("pending");
      expect((await p.status(bill)).kind).toBe("pending");
      expect(value(await p.status(bill)).cost).toBe(bill.cost);
      expect(stub.payCalls("slow-1")).toBe(1);
    } finally {
      await stub.close();
    }
  });
});
