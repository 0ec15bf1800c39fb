import { createHash } from "node:crypto";
import type { Charge, ChargeRequest, ChargeStatus, DepositMethod, Gateway, GatewayOutcome, Notice, NoticeReply } from "../gateway.js";
import { bankOf } from "../gateway.js";

interface SandboxCharge {
  request: ChargeRequest;
  ref: string;
  state: ChargeStatus["state"];
}

/**
 * A gateway with no account and no network, for the terminal demo and tests: charges live in
 * memory, `simulatePay` plays the customer paying. After a restart it knows none of its charges,
 * and says so as "expired": nobody can have paid a sandbox charge, so nothing is lost.
 */
export class SandboxGateway implements Gateway {
  readonly name = "sandbox" as const;
  readonly methods: readonly DepositMethod[] = ["qris", "va-bni", "va-bri", "va-bca"];
  private readonly charges = new Map<string, SandboxCharge>();

  constructor(private readonly now: () => number = Date.now) {}

  async charge(request: ChargeRequest): Promise<GatewayOutcome<Charge>> {
    const known = this.charges.get(request.orderId);
    if (known) return { kind: "ok", value: this.view(known) };
    const ref = `SBX-${createHash("sha256").update(request.orderId).digest("hex").slice(0, 12).toUpperCase()}`;
    const charge = { request, ref, state: "pending" as const };
    this.charges.set(request.orderId, charge);
    return { kind: "ok", value: this.view(charge) };
  }

  async status(orderId: string): Promise<GatewayOutcome<ChargeStatus>> {
    const charge = this.charges.get(orderId);
    if (!charge) return { kind: "ok", value: { orderId, state: "expired", amount: 0 } };
    if (charge.state === "pending" && this.now() >= charge.request.expiresAt) charge.state = "expired";
    return { kind: "ok", value: { orderId, ref: charge.ref, state: charge.state, amount: charge.request.amount } };
  }

  async cancel(orderId: string): Promise<GatewayOutcome<ChargeStatus>> {
    const charge = this.charges.get(orderId);
    if (charge?.state === "pending") charge.state = "expired";
    return this.status(orderId);
  }

  /** The sandbox tells the bot by `simulatePay` directly; it posts no notifications. */
  readNotice(): Notice {
    return { kind: "malformed", reason: "the sandbox sends no notifications" };
  }

  reply(status: number, message: string): NoticeReply {
    return { status, body: message };
  }

  simulatePay(orderId: string): boolean {
    const charge = this.charges.get(orderId);
    if (charge?.state !== "pending" || this.now() >= charge.request.expiresAt) return false;
    charge.state = "paid";
    return true;
  }

  private view(c: SandboxCharge): Charge {
    const bank = bankOf(c.request.method);
    const payCode = bank
      ? `8808${createHash("sha256").update(c.ref).digest().readUInt32BE(0).toString().padStart(12, "0")}`
      : `00020101021226570011ID.SANDBOX0118${c.ref}5204481253033605405${c.request.amount}5802ID5907SANDBOX6007JAKARTA6304ABCD`;
    return { ref: c.ref, payCode, ...(bank && { bank }), expiresAt: c.request.expiresAt };
  }
}
