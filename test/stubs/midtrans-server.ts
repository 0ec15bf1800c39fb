import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the Midtrans Core API, built from ../shared/gateways.md §1: POST /v2/charge
 * (Basic auth with the server key; QRIS and bank_transfer/permata VAs; a repeated order_id is
 * body status_code "406"), GET /v2/{order_id|transaction_id}/status ("404" unknown, "407" once
 * expired), POST /v2/{id}/expire ("412" when not pending). Every status_code is a string and every
 * gross_amount has two decimals ("10000.00"), errors come with HTTP 200 like the real one's bodies.
 * Controls play the customer (pay), Midtrans' own expiry, an outage (down), and build signed
 * notifications to deliver (duplicates, late or forged ones are the test's to send).
 */

export interface MidtransTx {
  orderId: string;
  transactionId: string;
  grossAmount: string;
  paymentType: string;
  status: "pending" | "settlement" | "expire" | "cancel";
  vaNumber?: string;
  bank?: string;
}

export interface MidtransStub {
  url: string;
  serverKey: string;
  txs: Map<string, MidtransTx>;
  /** Every request: "POST /v2/charge", "GET /v2/DEP-…/status"... */
  calls: string[];
  /** Answers every request 503 while true. */
  down: boolean;
  /** The customer pays: the transaction settles. */
  pay(orderId: string): void;
  /** Midtrans' own expiry scheduler reaches it. */
  expire(orderId: string): void;
  /** The notification Midtrans would post now, signed with `key` (default: the right one); fields may be overridden before signing. */
  notification(orderId: string, override?: Partial<Record<string, string>>, key?: string): string;
  close(): Promise<void>;
}

const sign = (o: string, code: string, gross: string, key: string) =>
  createHash("sha512")
    .update(o + code + gross + key)
    .digest("hex");

export async function startMidtransStub(serverKey = "SB-Mid-server-TESTKEY"): Promise<MidtransStub> {
  const txs = new Map<string, MidtransTx>();
  const calls: string[] = [];
  const find = (id: string) => txs.get(id) ?? [...txs.values()].find((t) => t.transactionId === id);
  const codeOf = (t: MidtransTx) => ({ pending: "201", settlement: "200", expire: "407", cancel: "200" })[t.status];
  const view = (t: MidtransTx, code = codeOf(t)) => ({
    status_code: code,
    status_message: "Success, transaction is found",
    transaction_id: t.transactionId,
    order_id: t.orderId,
    merchant_id: "G000000001",
    gross_amount: t.grossAmount,
    currency: "IDR",
    payment_type: t.paymentType,
    transaction_time: "2026-11-23 10:00:00",
    transaction_status: t.status,
    fraud_status: "accept",
    ...(t.vaNumber && t.bank && { va_numbers: [{ bank: t.bank, va_number: t.vaNumber }] }),
    ...(t.status === "settlement" && { settlement_time: "2026-11-23 10:05:00" }),
  });

  const handle = (req: IncomingMessage, body: string): object => {
    const auth = req.headers.authorization ?? "";
    if (auth !== `Basic ${Buffer.from(`${serverKey}:`).toString("base64")}`)
      return { status_code: "401", status_message: "Access denied due to unauthorized transaction, please check client or server key" };
    const path = (req.url ?? "").split("?")[0]!;
    if (req.method === "POST" && path === "/v2/charge") {
      const c = JSON.parse(body) as { payment_type: string; transaction_details: { order_id: string; gross_amount: number }; bank_transfer?: { bank: string } };
      const orderId = c.transaction_details.order_id;
      if (txs.has(orderId))
        return {
          status_code: "406",
          status_message: "The request could not be completed due to a conflict with the current state of the target resource, please try again",
          id: randomUUID(),
        };
      if (!Number.isInteger(c.transaction_details.gross_amount)) return { status_code: "400", status_message: "gross_amount must be an integer" };
      const bank = c.payment_type === "permata" ? "permata" : c.bank_transfer?.bank;
      const t: MidtransTx = {
        orderId,
        transactionId: randomUUID(),
        grossAmount: `${c.transaction_details.gross_amount}.00`,
        paymentType: c.payment_type,
        status: "pending",
        ...(bank && { bank, vaNumber: `98885${String(txs.size + 1).padStart(11, "0")}` }),
      };
      txs.set(orderId, t);
      const created = {
        ...view(t, "201"),
        status_message: c.payment_type === "qris" ? "QRIS transaction is created" : "Success, Bank Transfer transaction is created",
      };
      if (c.payment_type === "qris") {
        return {
          ...created,
          acquirer: "gopay",
          qr_string: `00020101021126610014COM.GO-JEK.WWW01189360091434506469550210G4506469550303UMI51440014ID.CO.QRIS.WWW0215ID10243341364120303UMI5204569753033605406${t.grossAmount}5802ID5904Test6013Jakarta Pusat6304${t.orderId.slice(-4)}`,
          actions: [{ name: "generate-qr-code", method: "GET", url: `http://stub/v2/qris/${t.transactionId}/qr-code` }],
        };
      }
      return bank === "permata" ? { ...created, permata_va_number: t.vaNumber } : created;
    }
    const m = /^\/v2\/([^/]+)\/(status|expire|cancel)$/.exec(path);
    const t = m ? find(decodeURIComponent(m[1]!)) : undefined;
    if (!m) return { status_code: "404", status_message: "The requested resource is not found" };
    if (!t) return { status_code: "404", status_message: "The requested resource is not found", id: randomUUID() };
    if (m[2] === "status") return view(t);
    if (t.status !== "pending") return { status_code: "412", status_message: "Transaction status cannot be updated." };
    t.status = m[2] === "expire" ? "expire" : "cancel";
    return { ...view(t, m[2] === "expire" ? "407" : "200") };
  };

  const stub: MidtransStub = {
    url: "",
    serverKey,
    txs,
    calls,
    down: false,
    pay(orderId) {
      txs.get(orderId)!.status = "settlement";
    },
    expire(orderId) {
      txs.get(orderId)!.status = "expire";
    },
    notification(orderId, override = {}, key = serverKey) {
      const t = txs.get(orderId);
      const base = t
        ? { ...view(t), status_code: t.status === "expire" ? "202" : codeOf(t), status_message: "midtrans payment notification" }
        : { order_id: orderId, status_code: "200", gross_amount: "10000.00", transaction_status: "settlement" };
      const n = { ...base, ...override } as Record<string, string>;
      return JSON.stringify({ ...n, signature_key: sign(n.order_id!, n.status_code!, n.gross_amount!, key) });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      calls.push(`${req.method} ${req.url}`);
      if (stub.down) {
        res.writeHead(503, { "Content-Type": "text/html" }).end("<html>Service Unavailable</html>");
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(handle(req, Buffer.concat(chunks).toString("utf8"))));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}
