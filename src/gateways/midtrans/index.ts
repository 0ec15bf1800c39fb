import { bankOf, wholeRupiah } from "../gateway.js";
import type { Charge, ChargeRequest, ChargeStatus, DepositMethod, Gateway, GatewayOutcome, Notice, NoticeReply } from "../gateway.js";
import { exchange } from "../http.js";
import { MidtransBody, signatureOk, stateOf, wibTime } from "./wire.js";

export interface MidtransOptions {
  serverKey: string;
  /** https://api.sandbox.midtrans.com or https://api.midtrans.com (a stand-in in tests). */
  baseUrl: string;
  /** Where Midtrans posts this bot's notifications (X-Override-Notification); the dashboard's URL when unset. */
  notifyUrl?: string;
}

/** Body status codes that prove the request changed nothing (gateways.md §1.9). */
const REFUSALS = new Set(["400", "401", "402", "410", "429"]);

/**
 * Midtrans Core API: QRIS and bank-transfer virtual accounts, the status API, and the HTTP
 * notification with its signature_key. A small adapter on the bot's HTTP client rather than
 * midtrans-client (see the commit that added it): its base URLs are fixed, and its errors carry the key.
 */
export class MidtransGateway implements Gateway {
  readonly name = "midtrans" as const;
  readonly methods: readonly DepositMethod[] = ["qris", "va-bca", "va-bni", "va-bri", "va-permata", "va-cimb"];
  private readonly headers: Record<string, string>;

  constructor(private readonly opts: MidtransOptions) {
    this.headers = {
      Authorization: `Basic ${Buffer.from(`${opts.serverKey}:`).toString("base64")}`,
      "Content-Type": "application/json",
      Accept: "application/json",
    };
  }

  async charge(req: ChargeRequest): Promise<GatewayOutcome<Charge>> {
    const bank = bankOf(req.method);
    const minutes = Math.max(1, Math.round(req.validForMs / 60_000));
    const body = {
      payment_type: bank === undefined ? "qris" : bank === "permata" ? "permata" : "bank_transfer",
      transaction_details: { order_id: req.orderId, gross_amount: req.amount },
      ...(bank === undefined ? { qris: { acquirer: "gopay" } } : bank === "permata" ? {} : { bank_transfer: { bank } }),
      customer_details: { first_name: req.customerName.slice(0, 50) },
      custom_expiry: { expiry_duration: minutes, unit: "minute" },
    };
    const headers = { ...this.headers, "Idempotency-Key": req.orderId, ...(this.opts.notifyUrl && { "X-Override-Notification": this.opts.notifyUrl }) };
    const read = await this.call("POST", "/v2/charge", headers, JSON.stringify(body));
    if (read.kind !== "ok") return read;
    const b = read.value;
    if (b.status_code !== "201" || !b.transaction_id) return { kind: "unknown", reason: `charge answered ${b.status_code} ${b.status_message ?? ""}` };
    const payCode = bank === undefined ? b.qr_string : bank === "permata" ? b.permata_va_number : b.va_numbers?.[0]?.va_number;
    // Created, but nothing the customer could pay with: the deposit is stopped by the poller.
    if (!payCode) return { kind: "unknown", reason: "charge answer without a QR string or VA number" };
    return { kind: "ok", value: { ref: b.transaction_id, payCode, ...(bank && { bank }), expiresAt: wibTime(b.expiry_time) ?? req.expiresAt } };
  }

  async status(orderId: string): Promise<GatewayOutcome<ChargeStatus>> {
    return this.asStatus(orderId, await this.call("GET", `/v2/${encodeURIComponent(orderId)}/status`, this.headers));
  }

  async cancel(orderId: string): Promise<GatewayOutcome<ChargeStatus>> {
    const expired = await this.call("POST", `/v2/${encodeURIComponent(orderId)}/expire`, this.headers, "{}");
    if (expired.kind === "refused" && expired.code === "404") return expired;
    // 412: it cannot be expired any more (settled a moment ago): the status says what it is.
    return this.status(orderId);
  }

  readNotice(body: Buffer): Notice {
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      return { kind: "malformed", reason: "not JSON" };
    }
    const parsed = MidtransBody.safeParse(json);
    if (!parsed.success) return { kind: "malformed", reason: "not a Midtrans notification" };
    const b = parsed.data;
    if (!signatureOk(b, this.opts.serverKey)) return { kind: "bad-signature", ...(b.order_id && { orderId: b.order_id }) };
    const state = stateOf(b);
    const amount = wholeRupiah(b.gross_amount);
    if (state === undefined || amount === undefined) return { kind: "ignored", reason: `transaction_status ${b.transaction_status ?? "?"}` };
    return { kind: "signed", orderId: b.order_id!, ...(b.transaction_id && { ref: b.transaction_id }), state, amount };
  }

  reply(status: number, message: string): NoticeReply {
    return { status, body: message };
  }

  private asStatus(orderId: string, read: GatewayOutcome<MidtransBody>): GatewayOutcome<ChargeStatus> {
    if (read.kind !== "ok") return read;
    const b = read.value;
    const state = stateOf(b);
    const amount = wholeRupiah(b.gross_amount);
    if (state === undefined || amount === undefined)
      return { kind: "unknown", reason: `status ${b.status_code} ${b.transaction_status ?? ""}: for an admin to look at` };
    return { kind: "ok", value: { orderId, ...(b.transaction_id && { ref: b.transaction_id }), state, amount } };
  }

  /** One call; the body's status_code decides (Midtrans answers errors with HTTP 200 too). */
  private async call(method: "GET" | "POST", path: string, headers: Record<string, string>, body?: string): Promise<GatewayOutcome<MidtransBody>> {
    const answer = await exchange(`${this.opts.baseUrl}${path}`, { method, headers, ...(body !== undefined && { body }) });
    if (answer.kind === "unknown") return answer;
    const parsed = MidtransBody.safeParse(answer.json);
    if (!parsed.success) return { kind: "unknown", reason: `HTTP ${answer.status}, unreadable answer` };
    const code = parsed.data.status_code;
    if (code === "404" || REFUSALS.has(code) || code === "412") return { kind: "refused", code, message: parsed.data.status_message ?? "" };
    if (answer.status >= 500 || code.startsWith("5")) return { kind: "unknown", reason: `HTTP ${answer.status}, status_code ${code}` };
    return { kind: "ok", value: parsed.data };
  }
}
