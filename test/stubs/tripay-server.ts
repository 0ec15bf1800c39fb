import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Tripay's closed payments, from ../shared/gateways.md §2: POST
 * {base}/transaction/create (Bearer API key; signature HMAC-SHA256(private key, merchant_code +
 * merchant_ref + amount); JSON or urlencoded), GET transaction/detail?reference=, GET
 * merchant/transactions?merchant_ref=. Integers as integers, errors {"success": false, "message"}.
 * Controls: pay, expire, an outage, and the callback Tripay would post (raw body + X-Callback-Signature).
 */

export interface TripayTx {
  reference: string;
  merchantRef: string;
  method: string;
  amount: number;
  status: "UNPAID" | "PAID" | "EXPIRED" | "FAILED";
  expiredTime: number;
}

export interface TripayStub {
  url: string;
  apiKey: string;
  privateKey: string;
  merchantCode: string;
  txs: Map<string, TripayTx>;
  down: boolean;
  byRef(merchantRef: string): TripayTx;
  pay(merchantRef: string): void;
  expire(merchantRef: string): void;
  /** The callback Tripay would post now: its exact body and the headers, signed with `key` (default: the right one). */
  callback(merchantRef: string, override?: Record<string, unknown>, key?: string): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

export async function startTripayStub(): Promise<TripayStub> {
  const apiKey = "DEV-TESTAPIKEY";
  const privateKey = "TEST-PRIVATE-KEY";
  const merchantCode = "T0001";
  const txs = new Map<string, TripayTx>();
  const detail = (t: TripayTx) => ({
    reference: t.reference,
    merchant_ref: t.merchantRef,
    payment_method: t.method,
    amount: t.amount,
    fee_merchant: 0,
    fee_customer: 0,
    total_fee: 0,
    amount_received: t.amount,
    pay_code: t.method === "QRIS2" ? null : `8077${String(txs.size).padStart(12, "0")}`,
    qr_string:
      t.method === "QRIS2" ? `00020101021226670016COM.NOBUBANK.WWW01189360050300000879140214TRIPAY${t.reference}5204481253033605404${t.amount}6304ABCD` : null,
    status: t.status,
    expired_time: t.expiredTime,
  });
  const handle = (req: IncomingMessage, raw: string): object => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) return { success: false, message: "Invalid API Key" };
    const url = new URL(req.url ?? "/", "http://stub");
    if (req.method === "POST" && url.pathname === "/api-sandbox/transaction/create") {
      const b = (req.headers["content-type"] ?? "").includes("json") ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
      const expected = createHmac("sha256", privateKey).update(`${merchantCode}${b.merchant_ref}${b.amount}`).digest("hex");
      if (b.signature !== expected) return { success: false, message: "Invalid signature" };
      if ([...txs.values()].some((t) => t.merchantRef === b.merchant_ref)) return { success: false, message: "Duplicate merchant_ref" };
      const t: TripayTx = {
        reference: `DEV-T${merchantCode}${String(txs.size + 1).padStart(5, "0")}`,
        merchantRef: b.merchant_ref,
        method: b.method,
        amount: Number(b.amount),
        status: "UNPAID",
        expiredTime: Number(b.expired_time),
      };
      txs.set(t.reference, t);
      return { success: true, message: "", data: detail(t) };
    }
    if (req.method === "GET" && url.pathname === "/api-sandbox/transaction/detail") {
      const t = txs.get(url.searchParams.get("reference") ?? "");
      return t
        ? { success: true, message: "Transaction found", data: { ...detail(t), paid_at: t.status === "PAID" ? "1795410000" : null } }
        : { success: false, message: "Transaction not found" };
    }
    if (req.method === "GET" && url.pathname === "/api-sandbox/merchant/transactions") {
      const ref = url.searchParams.get("merchant_ref");
      return { success: true, message: "Success", data: [...txs.values()].filter((t) => t.merchantRef === ref).map(detail) };
    }
    return { success: false, message: "Not found" };
  };
  const stub: TripayStub = {
    url: "",
    apiKey,
    privateKey,
    merchantCode,
    txs,
    down: false,
    byRef: (merchantRef) => [...txs.values()].find((t) => t.merchantRef === merchantRef)!,
    pay(merchantRef) {
      stub.byRef(merchantRef).status = "PAID";
    },
    expire(merchantRef) {
      stub.byRef(merchantRef).status = "EXPIRED";
    },
    callback(merchantRef, override = {}, key = privateKey) {
      const t = stub.byRef(merchantRef);
      const body = JSON.stringify({
        reference: t.reference,
        merchant_ref: t.merchantRef,
        payment_method: t.method === "QRIS2" ? "QRIS" : t.method,
        payment_method_code: t.method,
        total_amount: t.amount,
        fee_merchant: 0,
        fee_customer: 0,
        total_fee: 0,
        amount_received: t.amount,
        is_closed_payment: 1,
        status: t.status,
        paid_at: t.status === "PAID" ? 1795410000 : null,
        note: null,
        ...override,
      });
      return {
        body,
        headers: {
          "content-type": "application/json",
          "x-callback-event": "payment_status",
          "x-callback-signature": createHmac("sha256", key).update(body).digest("hex"),
        },
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (stub.down) return void res.writeHead(502, { "Content-Type": "text/html" }).end("<html>Bad Gateway</html>");
      const answer = handle(req, Buffer.concat(chunks).toString("utf8")) as { success: boolean };
      res.writeHead(answer.success ? 200 : 400, { "Content-Type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}
