import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { XMLBuilder } from "fast-xml-parser";

/**
 * A stand-in for IAK postpaid (`POST /api/v1/bill/check`), checking requests the way IAK does and
 * answering in IAK's shapes (seeds 003/004 and providers.md).
 *
 * Scenarios by customer number (`hp`), for any product code: the last four digits are a stage digit
 * and a three-digit response code (providers.md: "the last digits are the response code; a leading 1
 * means the payment stage").
 *   ...0000  inquiry and payment succeed, one bill          (PLN 530000000000, BPJS 8801234560000)
 *   ...0999  inquiry and payment succeed, eight bills       (PLN 530000000999)
 *   ...0CCC  inquiry answers code CCC: 0001 already paid, 0014 wrong number, 0105 biller error...
 *   ...1CCC  inquiry ok, pay answers CCC: a pending code (1039, 1005, 1201) settles as success after
 *            `pendingPolls` checkstatus calls; a failure code (1037, 1017...) is status 2 with CCC
 *   ...2CCC  inquiry ok, pay answers CCC (pending), then checkstatus settles as failed (37)
 *   ...3000  inquiry ok, the payment succeeds at IAK but the connection drops before the answer
 * Amounts per product: BPJS as the seed for the months asked (the seed's `"month": "2"` is period "02",
 * nominal 50,000, one admin fee of 2,500, selling price 200 under price; so 25,000 a month), PLNNONTAG
 * as the seed (JAYUSMAN 696,400 + 1,600), anything else PLN-like with a `desc.tagihan.detail` per bill.
 * A ref_id is used once: any inquiry with a ref_id seen before, even a retry of the same bill, is
 * rc 11 (response-code.md: "11 | DUPLICATE REF ID | Failed | The ref_id that you've inputted is
 * already been inputted, try again with another ref_id.").
 * BPJS inquiries must carry `month` (bpjs-kesehatan/inquiry.md: "month | Integer | Number of month
 * you're willing to pay | Yes", sent in its example as `"month": "2"`); without it the request is
 * a format error, 107 (response-code.md: "there is an error in your body (required, ...)").
 * XML payment answers name the biller reference `<no_ref>` (pln/payment.md XML tab), checkstatus
 * answers `<noref>` (check-status.md XML tab); JSON answers `noref` in both.
 */

export type IakStubFault =
  /** never answers (until close): the client times out */
  | "timeout"
  | "http500"
  /** an HTML error page with HTTP 200 */
  | "html"
  | "malformedJson"
  /** a well-formed answer with response code 999 */
  | "unknownCode"
  /** the connection is dropped without an answer */
  | "drop"
  /** the request IS processed (an inquiry recorded, a pay made), then the connection is dropped before the answer */
  | "lost"
  /** refused as IAK refuses a bad request, without a transaction status (response-code.md): "100 | INVALID SIGNATURE" */
  | "signature"
  /** "102 | INVALID IP ADDRESS | Failed | Your IP address isn't allowed to make a transaction." */
  | "ip";

export interface IakStubOptions {
  username?: string;
  apiKey?: string;
  /** Answer format (IAK answers JSON `{data, meta}` or XML `<mp>`). Default json. */
  format?: "json" | "xml";
  /** How many checkstatus calls a pending payment answers "in process" before settling. Default 1. */
  pendingPolls?: number;
}

export interface IakStubCall {
  method: string;
  path: string;
  contentType: string;
  command: string;
  body: Record<string, unknown>;
}

export interface IakStub {
  url: string;
  /** Every request received, in order, faulty or not. */
  calls: IakStubCall[];
  /** pay-pasca requests received, by tr_id or by the inquiry's ref_id. */
  payCalls(ref: string): number;
  /** Faults apply to one command (or all) for `times` requests (or until reset with null). */
  setMode(fault: IakStubFault | null, opts?: { command?: string; times?: number }): void;
  setFormat(format: "json" | "xml"): void;
  /** Answer the next request of `command` with exactly this body (seed fixtures), after the request checks. */
  reply(command: string, body: string, contentType?: string): void;
  close(): Promise<void>;
}

interface Inquiry {
  trId: number;
  refId: string;
  code: string;
  hp: string;
  stage: string;
  rc: string;
  answer: Record<string, unknown>;
  /** undefined until paid; then what checkstatus reports */
  payment?: { state: "success" | "failed" | "pending"; rc: string; polls: number; settle: "success" | "failed" };
  payAnswer?: Record<string, unknown>;
}

const MESSAGES: Record<string, string> = {
  "00": "SUCCESS",
  "01": "INVOICE HAS BEEN PAID",
  "05": "UNDEFINED ERROR",
  "06": "INQUIRY ID NOT FOUND",
  "11": "DUPLICATE REF ID",
  "14": "INCORRECT DESTINATION NUMBER",
  "17": "BALANCE NOT ENOUGH",
  "34": "BILL HAS BEEN PAID",
  "37": "PEMBAYARAN GAGAL",
  "39": "PENDING / TRANSAKSI SEDANG DIPROSES",
  "42": "REQUEST PEMBAYARAN BELUM DITERIMA",
  "100": "INVALID SIGNATURE",
  "102": "INVALID IP ADDRESS",
  "101": "INVALID COMMAND",
  "103": "TIMEOUT",
  "105": "MISC ERROR / BILLER SYSTEM ERROR",
  "107": "XML FORMAT ERROR",
  "117": "PAGE NOT FOUND",
  "201": "UNDEFINED RESPONSE CODE",
};
const PENDING = new Set(["05", "39", "201"]);
const SIGN_SUFFIX: Record<string, string | undefined> = { checkstatus: "cs", "pricelist-pasca": "pl", balance: "bl" };
const REQUIRED: Record<string, string[]> = {
  "inq-pasca": ["code", "hp", "ref_id"],
  "pay-pasca": ["tr_id"],
  checkstatus: ["ref_id"],
  "pricelist-pasca": [],
  balance: [],
};

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
/** "001" -> "01", "037" -> "37", "105" -> "105", as IAK writes its codes. */
const rcOf = (ccc: string) => String(Number(ccc)).padStart(2, "0");

/** Bill fields for a product, shaped like the seed examples. */
function billFor(code: string, hp: string, stage: string, ccc: string, month: number) {
  if (code === "BPJS") {
    const nominal = 25_000 * month;
    return {
      tr_name: "VERGIE",
      period: String(month).padStart(2, "0"),
      nominal,
      admin: 2500,
      price: nominal + 2500,
      selling_price: nominal + 2300,
      desc: { kode_cabang: "0901", nama_cabang: "JAKARTA PUSAT", sisa_pembayaran: "0", jumlah_peserta: "2" },
    };
  }
  if (code === "PLNNONTAG") {
    return {
      tr_name: "JAYUSMAN",
      period: "",
      nominal: 696_400,
      admin: 1600,
      price: 698_000,
      selling_price: 696_200,
      desc: { transaksi: "PENYAMBUNGAN BARU", no_registrasi: hp, tanggal_registrasi: "20120524" },
    };
  }
  const bills = stage === "0" && ccc === "999" ? 8 : 1;
  const detail = Array.from({ length: bills }, (_, i) => {
    const nilai = 100_000 + i * 1000;
    return { periode: `2024${String(i + 1).padStart(2, "0")}`, nilai_tagihan: String(nilai), admin: "2500", denda: "0", total: nilai + 2500 };
  });
  const nominal = detail.reduce((s, d) => s + Number(d.nilai_tagihan), 0);
  return {
    tr_name: "SUBSCRIBER NAME",
    period: detail.map((d) => d.periode).join(","),
    nominal,
    admin: 2500 * bills,
    price: nominal + 2500 * bills,
    selling_price: nominal + 2500 * bills - 600 * bills,
    desc: { tarif: "R1", daya: 1300, lembar_tagihan: String(bills), tagihan: { detail } },
  };
}

export async function startIakStub(options: IakStubOptions = {}): Promise<IakStub> {
  const username = options.username ?? "081234567890";
  const apiKey = options.apiKey ?? "iak-test-api-key";
  const pendingPolls = options.pendingPolls ?? 1;
  let format = options.format ?? "json";
  let fault: { kind: IakStubFault; command?: string; times?: number } | null = null;
  const canned = new Map<string, { body: string; contentType: string }[]>();
  const calls: IakStubCall[] = [];
  const byTrId = new Map<number, Inquiry>();
  const byRef = new Map<string, Inquiry>();
  const payCounts = new Map<string, number>();
  let nextTrId = 9_732_787;
  let balance = 1_000_000_000;

  const xml = new XMLBuilder({ format: true, suppressEmptyNode: false });

  function answer(res: ServerResponse, data: Record<string, unknown>, status = 200) {
    if (format === "xml") {
      res.writeHead(status, { "Content-Type": "application/xml" });
      res.end(`<?xml version="1.0"?>\n${xml.build({ mp: data })}`);
    } else {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ data, meta: [] }));
    }
  }
  const error = (res: ServerResponse, rc: string, status = 200) => answer(res, { response_code: rc, message: MESSAGES[rc] ?? "ERROR" }, status);

  function inquire(body: Record<string, string>, res: ServerResponse) {
    const { code, hp, ref_id: refId } = body as { code: string; hp: string; ref_id: string };
    if (byRef.has(refId)) return error(res, "11");
    if (code === "BPJS" && !/^[1-9]\d*$/.test(String(body.month ?? ""))) return error(res, "107");
    const tail = /^\d{5,}$/.test(hp) ? hp.slice(-4) : "";
    if (!tail) return error(res, "14");
    const stage = tail[0]!;
    const ccc = tail.slice(1);
    if (stage === "0" && ccc !== "000" && ccc !== "999") return error(res, rcOf(ccc));
    const inq: Inquiry = {
      trId: nextTrId++,
      refId,
      code,
      hp,
      stage,
      rc: rcOf(ccc),
      answer: {},
    };
    inq.answer = {
      tr_id: inq.trId,
      code,
      hp,
      ...billFor(code, hp, stage, ccc, Number(body.month)),
      ref_id: refId,
      response_code: "00",
      message: "INQUIRY SUCCESS",
    };
    // Key order as IAK writes it: money fields then desc last.
    const { desc, ...rest } = inq.answer;
    inq.answer = { ...rest, desc };
    byTrId.set(inq.trId, inq);
    byRef.set(refId, inq);
    answer(res, inq.answer);
  }

  /** A payment answer; `refKey`: XML pay answers write `no_ref`, every other answer `noref`. */
  function paid(inq: Inquiry, rc: string, message: string, refKey: "noref" | "no_ref" = "noref") {
    const { desc, response_code: _rc, message: _m, ...rest } = inq.answer;
    return {
      ...rest,
      datetime: "20240101120000",
      response_code: rc,
      message,
      balance,
      [refKey]: rc === "00" ? `NOREF${inq.trId}` : "",
      desc,
    };
  }
  const payRefKey = () => (format === "xml" ? "no_ref" : "noref");

  function pay(body: Record<string, string>, res: ServerResponse) {
    const trId = body.tr_id!;
    payCounts.set(trId, (payCounts.get(trId) ?? 0) + 1);
    const inq = /^\d+$/.test(trId) ? byTrId.get(Number(trId)) : undefined;
    if (!inq) return error(res, "06");
    if (inq.payment) return error(res, "34");
    if (inq.stage === "0" || inq.stage === "3") {
      balance -= inq.answer.selling_price as number;
      inq.payment = { state: "success", rc: "00", polls: 0, settle: "success" };
      inq.payAnswer = paid(inq, "00", "PAYMENT SUCCESS", payRefKey());
      if (inq.stage === "3") return res.socket?.destroy();
      return answer(res, inq.payAnswer);
    }
    const pending = PENDING.has(inq.rc);
    inq.payment = {
      state: pending ? "pending" : "failed",
      rc: inq.rc,
      polls: 0,
      settle: inq.stage === "2" || !pending ? "failed" : "success",
    };
    answer(res, paid(inq, inq.rc, MESSAGES[inq.rc] ?? "ERROR", payRefKey()));
  }

  function checkstatus(body: Record<string, string>, res: ServerResponse) {
    const inq = byRef.get(body.ref_id!);
    if (!inq) return error(res, "06");
    const p = inq.payment;
    if (!p) {
      const { desc, response_code: _rc, message: _m, ...rest } = inq.answer;
      return answer(res, { ...rest, status: 0, response_code: "42", message: MESSAGES["42"], balance, desc });
    }
    if (p.state === "pending" && ++p.polls > pendingPolls) {
      p.state = p.settle;
      p.rc = p.settle === "success" ? "00" : "37";
      if (p.state === "success") balance -= inq.answer.selling_price as number;
    }
    if (p.state === "success") return answer(res, { ...paid(inq, "00", "PAYMENT SUCCESS"), status: 1 });
    if (p.state === "failed") return answer(res, { ...paid(inq, p.rc, MESSAGES[p.rc] ?? "PAYMENT FAILED"), status: 2 });
    answer(res, { ...paid(inq, "39", MESSAGES["39"]!), status: 3 });
  }

  function handle(req: IncomingMessage, raw: string, res: ServerResponse) {
    const path = (req.url ?? "").split("?")[0]!;
    const contentType = req.headers["content-type"] ?? "";
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      // recorded with an empty body; answered below as a format error
    }
    const command = typeof body.commands === "string" ? body.commands : "";
    calls.push({ method: req.method ?? "", path, contentType, command, body });

    if (fault && (!fault.command || fault.command === command)) {
      const kind = fault.kind;
      if (fault.times !== undefined && --fault.times <= 0) fault = null;
      if (command === "pay-pasca" && typeof body.tr_id === "string") {
        payCounts.set(body.tr_id, (payCounts.get(body.tr_id) ?? 0) + 1);
      }
      switch (kind) {
        case "timeout":
          return; // held open until close()
        case "drop":
          return req.socket.destroy();
        case "http500":
          res.writeHead(500, { "Content-Type": "text/plain" });
          return res.end("Internal Server Error");
        case "html":
          res.writeHead(200, { "Content-Type": "text/html" });
          return res.end("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><br></body></html>");
        case "malformedJson":
          res.writeHead(200, { "Content-Type": "application/json" });
          return res.end('{"data": {"response_code": "00", "message": "PAYMENT SUCC');
        case "unknownCode":
          return answer(res, { response_code: "999", message: "SOMETHING NEW" });
        case "lost":
          // Processed below as usual; only the answer never leaves.
          res.writeHead = (() => res) as typeof res.writeHead;
          res.end = (() => (req.socket.destroy(), res)) as typeof res.end;
          break;
        case "signature":
          return error(res, "100");
        case "ip":
          return error(res, "102");
      }
    }

    if (req.method !== "POST") {
      res.writeHead(405, { "Content-Type": "text/plain" });
      return res.end("Method Not Allowed");
    }
    if (path !== "/api/v1/bill/check") return error(res, "117", 404);
    if (!contentType.toLowerCase().startsWith("application/json") || !command) return error(res, "107");
    const required = REQUIRED[command];
    if (!required) return error(res, "101");
    const fields = ["username", "sign", ...required];
    if (fields.some((f) => typeof body[f] !== "string" || body[f] === "")) return error(res, "107");
    const b = body as Record<string, string>;
    const suffix = SIGN_SUFFIX[command] ?? (command === "pay-pasca" ? b.tr_id : b.ref_id);
    if (b.username !== username || b.sign !== md5(username + apiKey + suffix)) return error(res, "100");

    const queued = canned.get(command)?.shift();
    if (queued) {
      res.writeHead(200, { "Content-Type": queued.contentType });
      return res.end(queued.body);
    }
    switch (command) {
      case "inq-pasca":
        return inquire(b, res);
      case "pay-pasca":
        return pay(b, res);
      case "checkstatus":
        return checkstatus(b, res);
      case "balance":
        return answer(res, { balance, response_code: "00", message: "SUCCESS" });
      default:
        return answer(res, {
          pasca: [
            { code: "PLNPOSTPAID", name: "PLN Postpaid", status: 1, fee: 2500, komisi: 600, type: "pln" },
            { code: "BPJS", name: "BPJS Kesehatan", status: 1, fee: 2500, komisi: 200, type: "bpjs" },
            { code: "PLNNONTAG", name: "PLN Non Taglis", status: 4, fee: 1600, komisi: 200, type: "pln" },
          ],
        });
    }
  }

  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => handle(req, raw, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    payCalls(ref) {
      const direct = payCounts.get(ref);
      if (direct !== undefined) return direct;
      const inq = byRef.get(ref);
      return inq ? (payCounts.get(String(inq.trId)) ?? 0) : 0;
    },
    setMode(kind, opts = {}) {
      fault = kind ? { kind, ...opts } : null;
    },
    setFormat(f) {
      format = f;
    },
    reply(command, body, contentType) {
      const list = canned.get(command) ?? [];
      list.push({ body, contentType: contentType ?? (body.trimStart().startsWith("<") ? "application/xml" : "application/json") });
      canned.set(command, list);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
