import type { IncomingHttpHeaders } from "node:http";
import { bankOf, wholeRupiah } from "../gateway.js";
import type { Charge, ChargeRequest, ChargeStatus, DepositMethod, Gateway, GatewayOutcome, Notice, NoticeReply } from "../gateway.js";
import { exchange } from "../http.js";
import { callbackSignatureOk, createSignature, stateOf, TripayAnswer, TripayCallback, TripayTx } from "./wire.js";

export interface TripayOptions {
  apiKey: string;
  privateKey: string;
  merchantCode: string;
  /** https://tripay.co.id/api-sandbox or https://tripay.co.id/api (a stand-in in tests). */
  baseUrl: string;
  notifyUrl?: string;
}

const CHANNEL: Record<DepositMethod, string> = {
  qris: "QRIS2",
  "va-bca": "BCAVA",
  "va-bni": "BNIVA",
  "va-bri": "BRIVA",
  "va-mandiri": "MANDIRIVA",
  "va-permata": "PERMATAVA",
  "va-cimb": "CIMBVA",
};

/** What we asked for: Tripay's total adds the customer's fee when the merchant set the channel so. */
const askedAmount = (total: string | undefined, feeCustomer: string | undefined) => {
  const t = wholeRupiah(total);
  return t === undefined ? undefined : t - (wholeRupiah(feeCustomer) ?? 0);
};

/**
 * Tripay closed payments: QRIS and virtual accounts, transaction detail, and the callback signed
 * with X-Callback-Signature. Tripay has no way to cancel a closed payment: it ends at its
 * expired_time, which is the deposit's own deadline.
 */
export class TripayGateway implements Gateway {
  readonly name = "tripay" as const;
  readonly methods: readonly DepositMethod[] = ["qris", "va-bca", "va-bni", "va-bri", "va-mandiri", "va-permata", "va-cimb"];
  private readonly headers: Record<string, string>;

  constructor(private readonly opts: TripayOptions) {
    this.headers = { Authorization: `Bearer ${opts.apiKey}`, "Content-Type": "application/json", Accept: "application/json" };
  }

  async charge(req: ChargeRequest): Promise<GatewayOutcome<Charge>> {
    const body = {
      method: CHANNEL[req.method],
      merchant_ref: req.orderId,
      amount: req.amount,
      customer_name: req.customerName.slice(0, 50) || "Pelanggan",
      customer_email: `${req.orderId.toLowerCase()}@deposit.invalid`,
      order_items: [{ name: "Isi saldo", price: req.amount, quantity: 1 }],
      expired_time: Math.floor(req.expiresAt / 1000),
      signature: createSignature(this.opts.merchantCode, req.orderId, req.amount, this.opts.privateKey),
      ...(this.opts.notifyUrl && { callback_url: this.opts.notifyUrl }),
    };
    const read = await this.call("POST", "/transaction/create", JSON.stringify(body));
    if (read.kind !== "ok") return read;
    const tx = TripayTx.safeParse(read.value);
    if (!tx.success) return { kind: "unknown", reason: "create answer without a transaction" };
    const payCode = req.method === "qris" ? tx.data.qr_string : tx.data.pay_code;
    if (!payCode) return { kind: "unknown", reason: "create answer without a QR string or pay code" };
    const bank = bankOf(req.method);
    const expires = wholeRupiah(tx.data.expired_time);
    return { kind: "ok", value: { ref: tx.data.reference, payCode, ...(bank && { bank }), expiresAt: expires === undefined ? req.expiresAt : expires * 1000 } };
  }

  async status(orderId: string, ref?: string): Promise<GatewayOutcome<ChargeStatus>> {
    // The charge got no answer: looked up by our reference in the merchant's list.
    const read = ref
      ? await this.call("GET", `/transaction/detail?reference=${encodeURIComponent(ref)}`)
      : await this.call("GET", `/merchant/transactions?merchant_ref=${encodeURIComponent(orderId)}`);
    if (read.kind !== "ok") return read;
    const found = ref ? read.value : Array.isArray(read.value) ? read.value[0] : undefined;
    if (found === undefined) return { kind: "refused", code: "404", message: "no such transaction" };
    const tx = TripayTx.safeParse(found);
    if (!tx.success) return { kind: "unknown", reason: "unreadable transaction detail" };
    const state = stateOf(tx.data.status);
    const amount = tx.data.amount !== undefined ? wholeRupiah(tx.data.amount) : askedAmount(tx.data.total_amount, tx.data.fee_customer);
    if (state === undefined || amount === undefined) return { kind: "unknown", reason: `status ${tx.data.status}: for an admin to look at` };
    return { kind: "ok", value: { orderId, ref: tx.data.reference, state, amount } };
  }

  /** No cancel for closed payments: the status says whether it ended by itself. */
  cancel(orderId: string, ref?: string): Promise<GatewayOutcome<ChargeStatus>> {
    return this.status(orderId, ref);
  }

  readNotice(body: Buffer, headers: IncomingHttpHeaders): Notice {
    const signature = headers["x-callback-signature"];
    if (!callbackSignatureOk(body, typeof signature === "string" ? signature : undefined, this.opts.privateKey)) return { kind: "bad-signature" };
    if (headers["x-callback-event"] !== "payment_status") return { kind: "ignored", reason: `event ${String(headers["x-callback-event"])}` };
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      return { kind: "malformed", reason: "not JSON" };
    }
    const parsed = TripayCallback.safeParse(json);
    if (!parsed.success || !parsed.data.merchant_ref) return { kind: "malformed", reason: "not a Tripay callback" };
    const c = parsed.data;
    const state = stateOf(c.status);
    const amount = askedAmount(c.total_amount, c.fee_customer);
    if (state === undefined || amount === undefined) return { kind: "ignored", reason: `status ${c.status}` };
    return { kind: "signed", orderId: c.merchant_ref!, ref: c.reference, state, amount };
  }

  /** Tripay reads {"success": true} (and resends up to 3 times otherwise). */
  reply(status: number, message: string): NoticeReply {
    return { status, body: JSON.stringify(status === 200 ? { success: true } : { success: false, message }), contentType: "application/json" };
  }

  /** One call; `success` in the body decides (Tripay's samples ignore the HTTP code). */
  private async call(method: "GET" | "POST", path: string, body?: string): Promise<GatewayOutcome<unknown>> {
    const answer = await exchange(`${this.opts.baseUrl}${path}`, { method, headers: this.headers, ...(body !== undefined && { body }) });
    if (answer.kind === "unknown") return answer;
    if (answer.status >= 500) return { kind: "unknown", reason: `HTTP ${answer.status}` };
    const parsed = TripayAnswer.safeParse(answer.json);
    if (!parsed.success) return { kind: "unknown", reason: `HTTP ${answer.status}, unreadable answer` };
    if (!parsed.data.success) return { kind: "refused", code: String(answer.status), message: parsed.data.message ?? "" };
    return { kind: "ok", value: parsed.data.data };
  }
}
