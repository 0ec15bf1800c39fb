import { createHash } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A stand-in for IAK's prepaid API (iak-api-reference-docs, docs/prepaid/core/v2) on 127.0.0.1:
 * POST api/top-up, api/check-status, api/inquiry-pln, api/pricelist, api/check-balance, with the
 * documented signatures. Answers use the reference's examples. A top-up answers "PROCESS"
 * (status 0, rc 39) as documented; the first check-status settles it by the customer number
 * (IAK_PREPAID_TEST_NUMBERS; any other number succeeds). Meter 12345678901 is the reference's
 * valid test meter, IAK_LATE_TOKEN_METER one whose success comes first without its sn (the token
 * follows at the next check); any other is INCORRECT DESTINATION NUMBER. A top-up sent again with a ref_id
 * it has is answered as a status check, as top-up.md says; check-status of a ref_id it does not
 * have is "06 TRANSACTION NOT FOUND" (response-code.md). Faults http500 and html turn a request
 * away before it is processed (a top-up lost on the way); timeout processes it and never answers.
 */

export const IAK_PREPAID_TEST_NUMBERS = {
  /** check-status: status 2, rc 07 */
  failed: "081200000007",
  /** check-status keeps answering status 0, rc 201 */
  "stays-pending": "081200000201",
  /** the top-up itself: status 2, rc 14 */
  "wrong-number": "081200000014",
  /**
   * the top-up is made, but its answer is status 2 with rc 103, a code the prepaid reference does
   * not list (the postpaid API's "timeout"); check-status then says success
   */
  "undocumented-code": "081700000103",
} as const;
export const IAK_VALID_METER = "12345678901";
/** A success with an empty sn at the first check-status, the token at the next. */
export const IAK_LATE_TOKEN_METER = "12345678902";
/** sn-format.md's PLN example. */
export const IAK_PLN_SN = "0123-4567-8901-2345-6789/PT INDOBEST ARTHA KREASI/R1 /000001300/66.2";

/** price-list.md's examples, plus products of every category the bot sells. */
export const IAK_PREPAID_PRODUCTS = [
  {
    product_code: "alfamart100",
    product_description: "Alfamart Voucher",
    product_nominal: "Voucher Alfamart Rp 100.000",
    product_details: "-",
    product_price: 100000,
    product_type: "voucher",
    active_period: "0",
    status: "active",
    icon_url: "https://cdn.mobileproduct.net/img/product/operator_list/140119034649-Alfa-01.png",
    product_category: "voucher",
  },
  {
    product_code: "altel10",
    product_description: "Malaysia Topup",
    product_nominal: "10",
    product_details: "-",
    product_price: 39750,
    product_type: "malaysia",
    active_period: "0",
    status: "active",
    icon_url: "-",
    product_category: "international",
  },
  {
    product_code: "xld25000",
    product_description: "xl",
    product_nominal: "25000",
    product_details: "-",
    product_price: 25000,
    product_type: "pulsa",
    active_period: "30",
    status: "active",
    icon_url: "-",
    product_category: "pulsa",
  },
  {
    product_code: "htelkomsel10000",
    product_description: "telkomsel",
    product_nominal: "10000",
    product_details: "-",
    product_price: 10650,
    product_type: "pulsa",
    active_period: "15",
    status: "non active",
    icon_url: "-",
    product_category: "pulsa",
  },
  {
    product_code: "tseldata1000",
    product_description: "telkomsel_paket_internet",
    product_nominal: "1 GB",
    product_details: "Kuota 1GB 30 hari",
    product_price: 14000,
    product_type: "data",
    active_period: "30",
    status: "active",
    icon_url: "-",
    product_category: "data",
  },
  {
    product_code: "hpln20000",
    product_description: "pln",
    product_nominal: "20000",
    product_details: "-",
    product_price: 20250,
    product_type: "pln",
    active_period: "0",
    status: "active",
    icon_url: "-",
    product_category: "pln",
  },
  {
    product_code: "dana20000",
    product_description: "dana",
    product_nominal: "20000",
    product_details: "-",
    product_price: 20150,
    product_type: "etoll",
    active_period: "0",
    status: "active",
    icon_url: "-",
    product_category: "etoll",
  },
  {
    product_code: "hmobilelegend86",
    product_description: "Mobile Legend",
    product_nominal: "86 Diamonds",
    product_details: "-",
    product_price: 20500,
    product_type: "game",
    active_period: "0",
    status: "active",
    icon_url: "-",
    product_category: "game",
  },
  {
    product_code: "hsteam12000",
    product_description: "steam_sea",
    product_nominal: "Steam IDR 12.000",
    product_details: "-",
    product_price: 16500,
    product_type: "game",
    active_period: "0",
    status: "active",
    icon_url: "-",
    product_category: "game",
  },
];

/** out-of-service: a top-up refused "106 PRODUCT IS TEMPORARILY OUT OF SERVICE" (status 2), made nothing. */
export type IakPrepaidFault = "timeout" | "http500" | "html" | "out-of-service";
export type IakPrepaidPath = "top-up" | "check-status" | "inquiry-pln" | "pricelist" | "check-balance";

export interface IakPrepaidStub {
  url: string;
  username: string;
  apiKey: string;
  calls: { path: string; body: Record<string, unknown> }[];
  topUps(ref: string): number;
  deposit(): number;
  /** What a product costs from now on, in the price list and in top-up answers (a price rise). */
  setPrice(code: string, price: number): void;
  /** Fault for the next `times` requests (default until cleared), optionally only on some paths. */
  setMode(fault: IakPrepaidFault | undefined, opts?: { paths?: IakPrepaidPath[]; times?: number }): void;
  close(): Promise<void>;
}

interface TopUp {
  customerId: string;
  product: (typeof IAK_PREPAID_PRODUCTS)[number];
  /** What it cost when it was made. */
  price: number;
  trId: number;
  status: 0 | 1 | 2;
  rc: string;
  /** Success answers still to come with an empty sn (a late PLN token). */
  blankSn: number;
}

/** `products`: more products in the list (several providers selling the same code), in the list's shape. */
export async function startIakPrepaidStub(
  opts: { username?: string; apiKey?: string; deposit?: number; products?: (typeof IAK_PREPAID_PRODUCTS)[number][] } = {},
): Promise<IakPrepaidStub> {
  const products = [...IAK_PREPAID_PRODUCTS, ...(opts.products ?? [])];
  const username = opts.username ?? "081234567890";
  const apiKey = opts.apiKey ?? "iak-prepaid-key-SECRET";
  let deposit = opts.deposit ?? 1_000_000;
  const md5 = (s: string) => createHash("md5").update(s).digest("hex");
  const calls: IakPrepaidStub["calls"] = [];
  const topUps = new Map<string, TopUp>();
  const sends = new Map<string, number>();
  let fault: { mode: IakPrepaidFault; paths?: IakPrepaidPath[]; times?: number } | undefined;
  const held = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let nextTrId = 3482;
  const prices = new Map<string, number>();
  const priceOf = (p: (typeof IAK_PREPAID_PRODUCTS)[number]) => prices.get(p.product_code) ?? p.product_price;

  const rcOnly = (rc: string, message: string) => ({ data: { rc, message } });
  const MESSAGES: Record<string, string> = {
    "00": "SUCCESS",
    "39": "PROCESS",
    "201": "UNDEFINED RESPONSE CODE",
    "07": "FAILED",
    "14": "INCORRECT DESTINATION NUMBER",
    "103": "TIMEOUT",
  };

  function transaction(ref: string, t: TopUp) {
    const success = t.status === 1;
    const sn = t.product.product_code === "hpln20000" ? IAK_PLN_SN : t.product.product_code === "hsteam12000" ? "ABCD-EFGH-IJKL-MNOP" : "123456789";
    return {
      data: {
        ref_id: ref,
        status: t.status,
        product_code: t.product.product_code,
        customer_id: t.customerId,
        price: t.price,
        message: MESSAGES[t.rc] ?? "FAILED",
        ...(success && { sn: t.blankSn > 0 ? "" : sn }),
        ...(success && t.product.product_code === "hsteam12000" && { pin: "123456789" }),
        balance: deposit,
        tr_id: t.trId,
        rc: t.rc,
      },
    };
  }

  function route(path: IakPrepaidPath, body: Record<string, unknown>): unknown {
    const signed = (x: unknown) => body.username === username && typeof x === "string" && body.sign === md5(username + apiKey + x);
    switch (path) {
      case "top-up": {
        const { ref_id: ref, customer_id: customerId, product_code: code } = body;
        if (typeof ref !== "string" || typeof customerId !== "string" || typeof code !== "string") return rcOnly("107", "ERROR IN XML FORMAT");
        sends.set(ref, (sends.get(ref) ?? 0) + 1);
        if (!signed(ref)) return rcOnly("204", "WRONG AUTHENTICATION");
        const seen = topUps.get(ref);
        // top-up.md: the same ref_id again is not processed again but answered as a status check.
        if (seen) return transaction(ref, seen);
        const product = products.find((p) => p.product_code === code);
        if (!product) return rcOnly("20", "CODE NOT FOUND");
        if (product.status !== "active") return { data: { ref_id: ref, status: 2, rc: "106", message: "PRODUCT IS TEMPORARILY OUT OF SERVICE" } };
        const price = priceOf(product);
        if (deposit < price) return { data: { ref_id: ref, status: 2, rc: "17", message: "INSUFFICIENT DEPOSIT" } };
        const wrong = customerId === IAK_PREPAID_TEST_NUMBERS["wrong-number"];
        const t: TopUp = {
          customerId,
          product,
          price,
          trId: nextTrId++,
          status: wrong ? 2 : 0,
          rc: wrong ? "14" : "39",
          blankSn: customerId === IAK_LATE_TOKEN_METER ? 1 : 0,
        };
        topUps.set(ref, t);
        if (!wrong) deposit -= price;
        if (customerId === IAK_PREPAID_TEST_NUMBERS["undocumented-code"]) return transaction(ref, { ...t, status: 2, rc: "103" });
        return transaction(ref, t);
      }
      case "check-status": {
        const ref = body.ref_id;
        if (!signed(ref)) return rcOnly("204", "WRONG AUTHENTICATION");
        const t = topUps.get(ref as string);
        if (!t) return { data: { ref_id: ref, status: 2, rc: "06", message: "TRANSACTION NOT FOUND" } };
        if (t.status === 0) {
          const n = t.customerId;
          if (n === IAK_PREPAID_TEST_NUMBERS["stays-pending"]) t.rc = "201";
          else if (n === IAK_PREPAID_TEST_NUMBERS.failed) {
            [t.status, t.rc] = [2, "07"];
            deposit += t.price;
          } else [t.status, t.rc] = [1, "00"];
        }
        const answer = transaction(ref as string, t);
        if (t.status === 1 && t.blankSn > 0) t.blankSn--;
        return answer;
      }
      case "inquiry-pln": {
        const id = body.customer_id;
        if (!signed(id)) return rcOnly("204", "WRONG AUTHENTICATION");
        if (id !== IAK_VALID_METER && id !== IAK_LATE_TOKEN_METER)
          return {
            data: {
              status: "2",
              customer_id: id,
              meter_no: "",
              subscriber_id: "",
              name: "",
              segment_power: "",
              message: "INCORRECT DESTINATION NUMBER",
              rc: "14",
            },
          };
        // inquiry-pln.md's example answer.
        return {
          data: {
            status: "1",
            customer_id: id,
            meter_no: "548933889287",
            subscriber_id: "12345678901",
            name: "Sintya Oktaviani",
            segment_power: "R1 /000001300",
            message: "SUCCESS",
            rc: "00",
          },
        };
      }
      case "pricelist":
        if (!signed("pl")) return rcOnly("204", "WRONG AUTHENTICATION");
        return { data: { pricelist: products.map((p) => ({ ...p, product_price: priceOf(p) })), rc: "00", message: "SUCCESS" } };
      case "check-balance":
        if (!signed("bl")) return rcOnly("204", "WRONG AUTHENTICATION");
        return { data: { balance: deposit, message: "SUCCESS", rc: "00" } };
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const send = (status: number, type: string, text: string) => res.writeHead(status, { "Content-Type": type }).end(text);
      const m = /^\/api\/(top-up|check-status|inquiry-pln|pricelist|check-balance)$/.exec(req.url ?? "");
      if (!m || req.method !== "POST") return send(404, "application/json", JSON.stringify(rcOnly("117", "PAGE NOT FOUND")));
      const path = m[1] as IakPrepaidPath;
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return send(200, "application/json", JSON.stringify(rcOnly("107", "ERROR IN XML FORMAT")));
      }
      calls.push({ path, body });
      const active = fault && (!fault.paths || fault.paths.includes(path)) ? fault.mode : undefined;
      if (active && fault!.times !== undefined && --fault!.times <= 0) fault = undefined;
      if (active === "http500") return send(500, "text/plain", "Internal Server Error");
      if (active === "html") return send(200, "text/html", "<html><body>502 Bad Gateway</body></html>");
      if (active === "out-of-service") {
        return send(
          200,
          "application/json",
          JSON.stringify({ data: { ref_id: body.ref_id, status: 2, rc: "106", message: "PRODUCT IS TEMPORARILY OUT OF SERVICE" } }),
        );
      }
      const out = route(path, body);
      // Timeout: processed, never answered until close().
      if (active === "timeout") return void held.add(res);
      send(200, "application/json", JSON.stringify(out));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    username,
    apiKey,
    calls,
    topUps: (ref) => sends.get(ref) ?? 0,
    deposit: () => deposit,
    setPrice: (code, price) => void prices.set(code, price),
    setMode(mode, o = {}) {
      fault = mode ? { mode, ...o } : undefined;
    },
    async close() {
      for (const r of held) r.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
