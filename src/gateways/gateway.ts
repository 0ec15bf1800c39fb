import type { IncomingHttpHeaders } from "node:http";

/**
 * The contract every deposit gateway honours (Midtrans, Tripay, the sandbox). Like the providers'
 * Outcome, calls never throw for anything the network or the gateway can do: they return a value.
 * `refused` is only for an answer that proves nothing was created or changed; anything ambiguous
 * (timeout, 5xx, unreadable) is `unknown`, and the deposit stays open until a status settles it.
 * Each gateway's wire format ends inside its folder: the rest of the bot sees these types only.
 */

export type GatewayName = "sandbox" | "midtrans" | "tripay";

export const BANKS = ["bca", "bni", "bri", "mandiri", "permata", "cimb"] as const;
export type Bank = (typeof BANKS)[number];

/** How a customer pays: a QRIS code, or a bank's virtual account. */
export type DepositMethod = "qris" | `va-${Bank}`;

export const isDepositMethod = (s: string): s is DepositMethod => s === "qris" || BANKS.some((b) => s === `va-${b}`);
export const bankOf = (m: DepositMethod): Bank | undefined => (m === "qris" ? undefined : (m.slice(3) as Bank));

export type GatewayOutcome<T> =
  | { kind: "ok"; value: T }
  /** The gateway said no in a documented way; nothing was created or changed. */
  | { kind: "refused"; code: string; message: string }
  | { kind: "unknown"; reason: string };

export interface ChargeRequest {
  /** Our order id: unique forever, [A-Za-z0-9-] only, at most 50 characters. */
  orderId: string;
  method: DepositMethod;
  /** What the customer pays, whole rupiah. */
  amount: number;
  /** When the charge must stop being payable (ms since the epoch, on the bot's clock)... */
  expiresAt: number;
  /** ...which is this long from now (gateways that take a duration). */
  validForMs: number;
  customerName: string;
}

export interface Charge {
  /** The gateway's own id for the charge (Midtrans transaction_id, Tripay reference). */
  ref: string;
  /** The QRIS payload (render it as the picture), or the virtual account's number. */
  payCode: string;
  bank?: Bank;
  /** When the gateway will stop taking payment; our own deadline when it does not say. */
  expiresAt: number;
}

/** Where a charge stands at the gateway, in the bot's words. */
export type ChargeState = "pending" | "paid" | "expired" | "failed";

export interface ChargeStatus {
  orderId: string;
  /** Undefined when the gateway does not name it in this answer. */
  ref?: string;
  state: ChargeState;
  /** What the gateway says the customer paid (or must pay), whole rupiah. */
  amount: number;
}

/** What a notification says once its signature was checked. */
export type Notice =
  | { kind: "signed"; orderId: string; ref?: string; state: ChargeState; amount: number }
  /** Signed, but about something a deposit does not act on (another event kind). */
  | { kind: "ignored"; reason: string }
  | { kind: "bad-signature"; orderId?: string }
  | { kind: "malformed"; reason: string };

/** How the gateway wants its notification answered; `accepted` false for a refused one. */
export interface NoticeReply {
  status: number;
  body: string;
  contentType?: string;
}

export interface Gateway {
  readonly name: GatewayName;
  /** The methods this gateway can charge. */
  readonly methods: readonly DepositMethod[];
  charge(req: ChargeRequest): Promise<GatewayOutcome<Charge>>;
  /** Where a charge stands, by our order id (and the gateway's ref when known). */
  status(orderId: string, ref?: string): Promise<GatewayOutcome<ChargeStatus>>;
  /** Asks the gateway to stop a pending charge; answers its status after. */
  cancel(orderId: string, ref?: string): Promise<GatewayOutcome<ChargeStatus>>;
  /** Checks the signature on the raw bytes, then reads the notification. */
  readNotice(body: Buffer, headers: IncomingHttpHeaders): Notice;
  /** The answer the gateway expects: `status` is ours, the body its format. */
  reply(status: number, message: string): NoticeReply;
  /** The sandbox only: the customer "pays" the charge (the terminal demo's button). */
  simulatePay?(orderId: string): boolean;
}

/** Whole rupiah from a gateway's amount ("10000.00", 10000, "10000"); undefined when it is not one. */
export function wholeRupiah(v: unknown): number | undefined {
  const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
  const m = /^(\d{1,13})(?:\.0{1,2})?$/.exec(s);
  return m ? Number(m[1]) : undefined;
}
