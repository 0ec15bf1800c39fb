import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createDigiflazzPrepaidDesk } from "./digiflazz-prepaid.js";

/**
 * A stand-in for Digiflazz postpaid, speaking both dialects at once (the path picks one):
 *   canonical  /v1/transaction, /v1/price-list, /v1/cek-saldo
 *   whitelabel /v1/user/api/transaction, /v1/user/api/price-list, /v1/user/api/cek-saldo
 * It checks requests like the real one (POST, JSON, keys of the dialect, md5 sign), answers the
 * test numbers of providers.md per product code with the seed fixtures' shapes, remembers
 * inquiries by ref_id, counts pay calls per ref_id, and can be switched to fault modes.
 */

export type DigiflazzScenario = "success" | "success-2-bills" | "inquiry-fails" | "payment-fails" | "pending-success" | "pending-fail";

/**
 * - timeout: the request IS processed (a pay is made) but no answer comes until close();
 * - dropped: the request IS processed, then the connection is cut without an answer;
 * - http500 / html / malformed / unknown-rc / too-many-requests (HTTP 429): NOT processed;
 * - ip-refused / signature-refused / emoney-not-multiple / account-refused: NOT processed, refused
 *   the way Digiflazz refuses a request that makes no transaction (its response-code page,
 *   developer.digiflazz.com/api/buyer/response-code, "Transaksi Terbentuk: Tidak": "45 | IP Anda
 *   tidak kami kenali", "41 | Signature tidak valid", "87 | Transaksi E-money wajib kelipatan Rp
 *   1.000", "88 | Akun Anda tidak dapat melakukan aksi ini"): `{data: {message, status: "Gagal", rc}}`, no ref_id;
 * - rate-limited: rc 85 "Limitasi transaksi", which the same page lists with "Transaksi Terbentuk:
 *   Ya": a top-up or a pay is made as a FAILED transaction under its ref_id (no money moves; the
 *   same ref_id again reads that failure back); a status check or a resend of a known ref_id is
 *   refused with 85 and changes nothing; an inquiry is answered 85 and remembers nothing.
 * - seller-down / out-of-stock: a top-up refused with "62 | Seller sedang mengalami gangguan" /
 *   "68 | Stok habis", both "Transaksi Terbentuk: Tidak" on the same page: NOT processed.
 */
export type DigiflazzFault =
  | "timeout"
  | "dropped"
  | "http500"
  | "html"
  | "malformed"
  | "unknown-rc"
  | "ip-refused"
  | "signature-refused"
  | "emoney-not-multiple"
  | "account-refused"
  | "too-many-requests"
  | "rate-limited"
  | "seller-down"
  | "out-of-stock";

type Dialect = "canonical" | "whitelabel";
type Command = "inq-pasca" | "pay-pasca" | "status-pasca" | "deposit" | "pricelist" | "topup" | "inquiry-pln";

export interface DigiflazzStubOptions {
  username?: string;
  apiKey?: string;
  /** The operator's deposit at the stand-in; pay takes `price` from it. */
  deposit?: number;
  /** How many status-pasca checks still answer Pending before a pending scenario settles. */
  pendingChecks?: number;
  /**
   * With a clock, the price list keeps Digiflazz's limit (response-code table: "83 | Limitasi
   * pricelist | Gagal | Tidak | Max 1x per 5 menit"): a call within 5 minutes of the last one served
   * is refused with rc 83. Both lists count together (the reference does not say they count apart).
   */
  now?: () => number;
}

export interface DigiflazzStubCall {
  path: string;
  dialect: Dialect;
  command: string | undefined;
  body: Record<string, unknown>;
  /** The fault that answered this call, if any. */
  fault?: DigiflazzFault;
}

export interface DigiflazzStub {
  /** Host root, e.g. http://127.0.0.1:41234; use it as cfg.baseUrl. */
  url: string;
  username: string;
  apiKey: string;
  calls: DigiflazzStubCall[];
  /** How many pay-pasca requests arrived for this ref_id (valid or not). */
  payCalls(ref: string): number;
  /** How many prepaid top-ups this ref_id had processed, resends (status checks) included. */
  topUpCalls(ref: string): number;
  /** Fault for the next `times` requests (default: until setMode(undefined)), optionally only for some commands or customer numbers. */
  setMode(fault: DigiflazzFault | undefined, opts?: { commands?: Command[]; times?: number; customerNos?: string[] }): void;
  /** Adds or overrides a test number for a product code. */
  setScenario(code: string, customerNo: string, scenario: DigiflazzScenario): void;
  /** How the postpaid price list shows a product code: active (the default), inactive, or not at all. */
  setListing(code: string, listing: "active" | "inactive" | "absent"): void;
  deposit(): number;
  /** Another client of the same account fetches a price list now (with `now`: the 5-minute limit starts again). */
  otherClientFetchesPriceList(): void;
  /**
   * POSTs the transaction's final answer for `ref` (a pending one settles now) to `url` as a
   * Digiflazz callback, signed when `secret` is non-empty. Resolves with the HTTP status.
   */
  sendWebhook(url: string, ref: string, secret: string): Promise<number>;
  close(): Promise<void>;
}

const FIXTURES = new URL("../fixtures/digiflazz/", import.meta.url);
const LIMIT_MESSAGE = "Anda telah mencapai limitasi transaksi, silahkan coba 1 menit lagi";
const fixture = (name: string) => (JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as { data: Record<string, unknown> }).data;

const SAMSAT_ID = "0212502110170100";
/** providers.md, "Test mode": [success, inquiry fails, payment fails, pending then success, pending then fail]. */
const TEST_NUMBERS: Record<string, string[]> = {
  pln: ["530000000001", "530000000003", "530000000006", "630000000001", "630000000006"],
  pdam: ["1013226", "1013227", "1013230", "2013226", "2013230"],
  internet: ["6391601001", "6391601002", "6391601005", "7391601001", "7391601005"],
  bpjs: ["8801234560001", "8801234560002", "8801234560005", "9801234560001", "9801234560005"],
  multifinance: ["6391601201", "6391601202", "6391601205", "7391601201", "7391601205"],
  pbb: ["329801092375999991", "329801092375999992", "329801092375999995", "429801092375999991", "429801092375999995"],
  pgas: ["0110014601", "0110014603", "0110014605", "1110014601", "1110014605"],
  tv: ["127246500101", "127246500102", "127246500105", "227246500101", "227246500105"],
  plnnontaglis: ["3225030005921", "3225030005922", "3225030005923", "4225030005921", "4225030005923"],
  emoney: ["082100000001", "082100000002", "082100000003", "082110000001", "082110000003"],
  samsat: ["9658548523568701", "9658548523568702", "9658548523568705", "0658548523568701", "0658548523568705"].map((n) => `${n},${SAMSAT_ID}`),
  hp: ["081234554320", "081234554321", "081234554324", "081244554320", "081244554324"],
};
const ORDER: DigiflazzScenario[] = ["success", "inquiry-fails", "payment-fails", "pending-success", "pending-fail"];

/** Canonical names for the white-label response keys (providers.md dialect table). */
const CANONICAL_KEYS: Record<string, string> = { name: "customer_name", code: "buyer_sku_code", balance: "buyer_last_saldo" };

interface Txn {
  code: string;
  customerNo: string;
  dialect: Dialect;
  scenario: DigiflazzScenario;
  inquiry: Record<string, unknown>;
  /** Set by the first pay; `checksLeft` status checks still answer Pending before it settles. */
  paid?: { state: "pending" | "success" | "failed"; final: "success" | "failed"; checksLeft: number; refusal?: { rc: string; message: string } };
}

export async function startDigiflazzStub(options: DigiflazzStubOptions = {}): Promise<DigiflazzStub> {
  const username = options.username ?? "stub-user";
  const apiKey = options.apiKey ?? "stub-api-key-SECRET";
  let deposit = options.deposit ?? 5_000_000;
  const calls: DigiflazzStubCall[] = [];
  const pays = new Map<string, number>();
  const txns = new Map<string, Txn>();
  const scenarios = new Map<string, DigiflazzScenario>();
  for (const [code, numbers] of Object.entries(TEST_NUMBERS)) {
    numbers.forEach((n, i) => scenarios.set(`${code}|${n}`, ORDER[i]!));
  }
  scenarios.set("pln|530000000002", "success-2-bills");
  let fault: { mode: DigiflazzFault; commands?: Command[]; times?: number; customerNos?: string[] } | undefined;
  let priceListServedAt = -Infinity;
  const listings = new Map<string, "active" | "inactive" | "absent">();
  const held = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const md5 = (s: string) => createHash("md5").update(s).digest("hex");

  const inDialect = (dialect: Dialect, data: Record<string, unknown>) =>
    dialect === "whitelabel" ? data : Object.fromEntries(Object.entries(data).map(([k, v]) => [CANONICAL_KEYS[k] ?? k, v]));
  const prepaid = createDigiflazzPrepaidDesk({ username, apiKey, deposit: { get: () => deposit, add: (n) => (deposit += n) }, inDialect });

  /** Errors that are not about one transaction (payload, auth, SKU) carry only these three fields. */
  function coded(rc: string, message: string) {
    return { data: { message, status: "Gagal", rc } };
  }

  function inquiryAnswer(code: string, customerNo: string, ref: string, scenario: DigiflazzScenario) {
    const data: Record<string, unknown> = { ...fixture(`inq-${code}.json`), ref_id: ref, customer_no: customerNo, balance: deposit };
    if (scenario === "success-2-bills") {
      // Two PLN sheets: the seed's one twice, a month apart.
      const desc = data.desc as { detail: Record<string, unknown>[] };
      const first = desc.detail[0]!;
      data.desc = { ...desc, lembar_tagihan: 2, detail: [first, { ...first, periode: "201902" }] };
      data.admin = 5000;
      data.price = 21800;
      data.selling_price = 22000;
    }
    return data;
  }

  function failed(code: string, customerNo: string, ref: string, rc: string, message: string) {
    return {
      ref_id: ref,
      customer_no: customerNo,
      name: "",
      code,
      admin: 0,
      message,
      status: "Gagal",
      sn: "",
      rc,
      balance: deposit,
      price: 0,
      selling_price: 0,
    };
  }

  /** The pay / status answer of a paid transaction as it stands now. */
  function payAnswer(t: Txn, ref: string): Record<string, unknown> {
    const state = t.paid!.state;
    if (state === "pending") {
      return { ...t.inquiry, message: "Transaksi Pending", status: "Pending", sn: "", rc: "03", balance: deposit };
    }
    if (state === "failed") return failed(t.code, t.customerNo, ref, t.paid!.refusal?.rc ?? "02", t.paid!.refusal?.message ?? "Transaksi Gagal");
    const seed = fixture(`pay-${t.code}.json`);
    return {
      ...seed,
      ref_id: ref,
      customer_no: t.customerNo,
      // Amounts and sheets as quoted at inquiry, so a bill and its payment agree.
      admin: t.inquiry.admin,
      price: t.inquiry.price,
      selling_price: t.inquiry.selling_price,
      balance: deposit,
      desc: t.inquiry.desc,
      sn: seed.sn === "" ? `SN-${ref}` : seed.sn,
    };
  }

  /** A pending payment reaches its final state; a failure gives the deposit back. */
  function settle(t: Txn) {
    const p = t.paid!;
    if (p.state !== "pending") return;
    p.state = p.final;
    if (p.final === "failed") deposit += t.inquiry.price as number;
  }

  function transaction(dialect: Dialect, body: Record<string, unknown>, limited: boolean): { status: number; json: unknown } {
    const command = body[dialect === "canonical" ? "commands" : "command"];
    if (command === undefined) return prepaid.topUp(dialect, body, limited);
    const code = body[dialect === "canonical" ? "buyer_sku_code" : "code"];
    const { customer_no: customerNo, ref_id: ref } = body;
    if (
      typeof command !== "string" ||
      typeof code !== "string" ||
      typeof customerNo !== "string" ||
      typeof ref !== "string" ||
      ref === "" ||
      (body.testing !== undefined && typeof body.testing !== "boolean") ||
      (body.amount !== undefined && !Number.isInteger(body.amount))
    ) {
      return { status: 400, json: coded("40", "Payload Error") };
    }
    const auth = checkAuth(body, ref);
    if (auth) return auth;
    const answer = (data: Record<string, unknown>) => ({ status: 200, json: { data: inDialect(dialect, data) } });
    const t = txns.get(ref);
    const sameBill = t !== undefined && t.code === code && t.customerNo === customerNo;
    const limit = () => answer(failed(code, customerNo, ref, "85", LIMIT_MESSAGE));

    if (command === "inq-pasca") {
      // A ref_id is used once: a repeated inquiry, even a client's retry of the same bill, is "49 |
      // Ref ID tidak unik" (response-code page; "Terbentuk Transaksi: Tidak" on its Alasan Gagal page).
      if (t) return { status: 200, json: coded("49", "Ref ID tidak unik") };
      if (limited) return limit();
      if (!(code in TEST_NUMBERS)) return { status: 200, json: coded("43", "SKU tidak di temukan atau Non-Aktif") };
      if (code === "emoney" && body.amount === undefined) return { status: 400, json: coded("40", "Payload Error") };
      const scenario = scenarios.get(`${code}|${customerNo}`);
      if (!scenario) return answer(failed(code, customerNo, ref, "54", "Nomor Tujuan Salah"));
      if (scenario === "inquiry-fails") return answer(failed(code, customerNo, ref, "02", "Transaksi Gagal"));
      const inquiry = inquiryAnswer(code, customerNo, ref, scenario);
      txns.set(ref, { code, customerNo, dialect, scenario, inquiry });
      return answer(inquiry);
    }

    if (command === "pay-pasca") {
      if (!t || !sameBill) return answer(failed(code, customerNo, ref, "50", "Transaksi Tidak Ditemukan"));
      if (limited && t.paid) return limit();
      if (limited) {
        // 85 makes the pay a failed transaction under this ref_id: nothing taken, never paid later.
        t.paid = { state: "failed", final: "failed", checksLeft: 0, refusal: { rc: "85", message: LIMIT_MESSAGE } };
        t.dialect = dialect;
      }
      if (!t.paid) {
        // First pay of this ref_id; a repeat only reads the state back, it never pays again.
        const price = t.inquiry.price as number;
        if (deposit < price) return answer(failed(code, customerNo, ref, "44", "Saldo tidak cukup"));
        const final = t.scenario === "payment-fails" || t.scenario === "pending-fail" ? "failed" : "success";
        const pending = t.scenario === "pending-success" || t.scenario === "pending-fail";
        t.dialect = dialect;
        t.paid = { state: pending ? "pending" : final, final, checksLeft: options.pendingChecks ?? 0 };
        if (t.paid.state !== "failed") deposit -= price;
      }
      return answer(payAnswer(t, ref));
    }

    if (command === "status-pasca") {
      if (!t?.paid || !sameBill) return answer(failed(code, customerNo, ref, "50", "Transaksi Tidak Ditemukan"));
      if (limited) return limit();
      if (t.paid.state === "pending") {
        if (t.paid.checksLeft > 0) t.paid.checksLeft--;
        else settle(t);
      }
      return answer(payAnswer(t, ref));
    }
    return { status: 400, json: coded("40", "Payload Error") };
  }

  function checkAuth(body: Record<string, unknown>, x: string): { status: number; json: unknown } | undefined {
    if (body.username !== username) return { status: 400, json: coded("42", "Gagal memproses API Buyer") };
    if (body.sign !== md5(username + apiKey + x)) return { status: 400, json: coded("41", "Signature Anda salah") };
    return undefined;
  }

  function balance(body: Record<string, unknown>) {
    if (body.cmd !== "deposit") return { status: 400, json: coded("40", "Payload Error") };
    return checkAuth(body, "depo") ?? { status: 200, json: { data: { deposit } } };
  }

  function priceList(dialect: Dialect, body: Record<string, unknown>) {
    const cmd = body[dialect === "canonical" ? "cmd" : "command"];
    if (cmd !== "prepaid" && cmd !== "pasca") return { status: 400, json: coded("40", "Payload Error") };
    const auth = checkAuth(body, "pricelist");
    if (auth) return auth;
    if (options.now) {
      if (options.now() < priceListServedAt + 5 * 60_000) return { status: 200, json: coded("83", "Limitasi pricelist") };
      priceListServedAt = options.now();
    }
    if (cmd === "prepaid") return prepaid.priceList(dialect);
    const items = Object.keys(TEST_NUMBERS)
      .filter((code) => listings.get(code) !== "absent")
      .map((code) => {
        const admin = fixture(`inq-${code}.json`).admin;
        // Digiflazz sells a product only while both the buyer's and the seller's status are true.
        const active = listings.get(code) !== "inactive";
        return dialect === "canonical"
          ? {
              product_name: `Tagihan ${code.toUpperCase()}`,
              category: "Pascabayar",
              brand: code.toUpperCase(),
              seller_name: "Stub",
              admin,
              commission: 0,
              buyer_sku_code: code,
              buyer_product_status: active,
              seller_product_status: true,
              desc: "-",
            }
          : { name: `Tagihan ${code.toUpperCase()}`, category: "Pascabayar", brand: code.toUpperCase(), admin, commission: 0, code, status: active, desc: "-" };
      });
    return { status: 200, json: { data: items } };
  }

  const ROUTES: Record<string, { dialect: Dialect; kind: "transaction" | "price-list" | "balance" | "inquiry-pln" }> = {
    "/v1/inquiry-pln": { dialect: "canonical", kind: "inquiry-pln" },
    "/v1/user/api/inquiry-pln": { dialect: "whitelabel", kind: "inquiry-pln" },
    "/v1/transaction": { dialect: "canonical", kind: "transaction" },
    "/v1/price-list": { dialect: "canonical", kind: "price-list" },
    "/v1/cek-saldo": { dialect: "canonical", kind: "balance" },
    "/v1/user/api/transaction": { dialect: "whitelabel", kind: "transaction" },
    "/v1/user/api/price-list": { dialect: "whitelabel", kind: "price-list" },
    "/v1/user/api/cek-saldo": { dialect: "whitelabel", kind: "balance" },
  };

  function commandOf(kind: string, dialect: Dialect, body: Record<string, unknown>): string | undefined {
    if (kind === "balance") return "deposit";
    if (kind === "price-list") return "pricelist";
    if (kind === "inquiry-pln") return "inquiry-pln";
    const c = body[dialect === "canonical" ? "commands" : "command"];
    return typeof c === "string" ? c : c === undefined ? "topup" : undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? "").split("?")[0]!;
    const route = ROUTES[path];
    if (!route) return reply(res, 404, "text/html", "<html><body>404 Not Found</body></html>");
    if (req.method !== "POST") return reply(res, 405, "text/plain", "Method Not Allowed");
    if (!(req.headers["content-type"] ?? "").includes("application/json")) return json(res, 400, coded("40", "Payload Error"));
    let body: Record<string, unknown>;
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      body = parsed as Record<string, unknown>;
    } catch {
      return json(res, 400, coded("40", "Payload Error"));
    }
    const command = commandOf(route.kind, route.dialect, body);
    const call: DigiflazzStubCall = { path, dialect: route.dialect, command, body };
    calls.push(call);
    // Every pay that arrives counts, whatever happens to it next.
    if (command === "pay-pasca" && typeof body.ref_id === "string") pays.set(body.ref_id, (pays.get(body.ref_id) ?? 0) + 1);

    const active = applies(command, body) ? fault!.mode : undefined;
    if (active) {
      call.fault = active;
      if (fault!.times !== undefined && --fault!.times <= 0) fault = undefined;
    }
    switch (active) {
      case "http500":
        return reply(res, 500, "text/plain", "Internal Server Error");
      case "html":
        return reply(res, 502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
      case "malformed":
        return reply(res, 200, "application/json", '{"data": {"rc": "00", "status": "Sukses"');
      case "unknown-rc":
        return json(res, 200, { data: { ref_id: body.ref_id, message: "Kode baru", status: "Gagal", rc: "37" } });
      case "ip-refused":
        return json(res, 400, coded("45", "IP Anda tidak kami kenali: 127.0.0.1"));
      case "signature-refused":
        return json(res, 400, coded("41", "Signature Anda salah"));
      case "emoney-not-multiple":
        return json(res, 200, coded("87", "Transaksi E-money wajib kelipatan Rp 1.000"));
      case "account-refused":
        return json(res, 200, coded("88", "Akun Anda tidak dapat melakukan aksi ini"));
      case "too-many-requests":
        return reply(res, 429, "text/plain", "Too Many Requests");
      case "rate-limited":
        if (route.kind !== "transaction") return json(res, 200, coded("85", LIMIT_MESSAGE));
        break;
      case "seller-down":
        return json(res, 200, coded("62", "Seller sedang mengalami gangguan"));
      case "out-of-stock":
        return json(res, 200, coded("68", "Stok habis"));
    }
    const out =
      route.kind === "transaction"
        ? transaction(route.dialect, body, active === "rate-limited")
        : route.kind === "balance"
          ? balance(body)
          : route.kind === "inquiry-pln"
            ? prepaid.plnCheck(body)
            : priceList(route.dialect, body);
    // Timeout: processed, never answered (until close()). Dropped: processed, connection cut.
    if (active === "timeout") return void held.add(res);
    if (active === "dropped") return void res.socket?.destroy();
    json(res, out.status, out.json);
  }

  function applies(command: string | undefined, body: Record<string, unknown>): boolean {
    return (
      !!fault &&
      (!fault.commands || fault.commands.includes(command as Command)) &&
      (!fault.customerNos || fault.customerNos.includes(body.customer_no as string))
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => reply(res, 500, "text/plain", String(err)));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    username,
    apiKey,
    calls,
    payCalls: (ref) => pays.get(ref) ?? 0,
    topUpCalls: (ref) => prepaid.sends(ref),
    setMode(mode, opts = {}) {
      fault = mode ? { mode, ...opts } : undefined;
    },
    setScenario(code, customerNo, scenario) {
      scenarios.set(`${code}|${customerNo}`, scenario);
    },
    setListing(code, listing) {
      listings.set(code, listing);
    },
    deposit: () => deposit,
    otherClientFetchesPriceList() {
      if (options.now) priceListServedAt = options.now();
    },
    async sendWebhook(url, ref, secret) {
      const t = txns.get(ref);
      if (!t?.paid) throw new Error(`stub: no payment for ref_id ${ref}`);
      settle(t);
      const raw = JSON.stringify({ data: inDialect(t.dialect, payAnswer(t, ref)) });
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        "User-Agent": "Digiflazz-Pasca-Hookshot",
        "X-Digiflazz-Event": "update",
      };
      if (secret) headers["X-Hub-Signature"] = `sha1=${createHmac("sha1", secret).update(raw).digest("hex")}`;
      const res = await fetch(url, { method: "POST", headers, body: raw });
      await res.arrayBuffer();
      return res.status;
    },
    async close() {
      for (const res of held) res.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reply(res: ServerResponse, status: number, contentType: string, body: string) {
  res.writeHead(status, { "Content-Type": contentType });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown) {
  reply(res, status, "application/json", JSON.stringify(body));
}
