import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { expect } from "vitest";
import type { Db } from "../../src/db/database.js";
import { Deposits } from "../../src/db/deposits.js";
import type { Charge, ChargeRequest, ChargeStatus, DepositMethod, Gateway, GatewayOutcome, Notice, NoticeReply } from "../../src/gateways/gateway.js";
import { DepositService } from "../../src/payments/deposits.js";
import type { Wallet } from "../../src/payments/wallet.js";

/**
 * The deposits half of the random money test: a gateway stand-in that answers from its own PRNG
 * but remembers what really happened to each charge (created, paid and with how much, how often),
 * and the actions that drive DepositService through it.
 */

const KEY = "gateway-key";
const sign = (body: Buffer, key = KEY) => createHmac("sha256", key).update(body).digest("hex");

interface Truth {
  req: ChargeRequest;
  state: ChargeStatus["state"];
  /** What the customer paid (a short payment now and then). */
  paid: number;
  /** How many times the customer paid: never more than once. */
  payments: number;
}

class ScriptedGateway implements Gateway {
  readonly name = "sandbox" as const;
  readonly methods: readonly DepositMethod[] = ["qris", "va-bni"];
  readonly truth = new Map<string, Truth>();
  /** While true every call goes unanswered. */
  down = false;

  constructor(
    private readonly rnd: () => number,
    private readonly now: () => number,
  ) {}

  async charge(req: ChargeRequest): Promise<GatewayOutcome<Charge>> {
    const r = this.rnd();
    if (this.down || r < 0.08) {
      // No answer; half the time the charge was made all the same.
      if (this.rnd() < 0.5) this.truth.set(req.orderId, { req, state: "pending", paid: 0, payments: 0 });
      return { kind: "unknown", reason: "timeout" };
    }
    if (r < 0.12) return { kind: "refused", code: "400", message: "method off" };
    this.truth.set(req.orderId, { req, state: "pending", paid: 0, payments: 0 });
    return { kind: "ok", value: { ref: `REF-${req.orderId}`, payCode: `QR-${req.orderId}`, expiresAt: req.expiresAt } };
  }

  async status(orderId: string): Promise<GatewayOutcome<ChargeStatus>> {
    if (this.down || this.rnd() < 0.1) return { kind: "unknown", reason: "HTTP 502" };
    const t = this.truth.get(orderId);
    if (!t) return { kind: "refused", code: "404", message: "not found" };
    if (t.state === "pending" && this.now() >= t.req.expiresAt) t.state = "expired";
    return { kind: "ok", value: { orderId, ref: `REF-${orderId}`, state: t.state, amount: t.state === "paid" ? t.paid : t.req.amount } };
  }

  async cancel(orderId: string): Promise<GatewayOutcome<ChargeStatus>> {
    if (this.down || this.rnd() < 0.1) return { kind: "unknown", reason: "timeout" };
    const t = this.truth.get(orderId);
    if (t?.state === "pending") t.state = "expired";
    return this.status(orderId);
  }

  readNotice(body: Buffer, headers: IncomingHttpHeaders): Notice {
    let n: { orderId: string; state: ChargeStatus["state"]; amount: number };
    try {
      n = JSON.parse(body.toString("utf8"));
    } catch {
      return { kind: "malformed", reason: "not JSON" };
    }
    if (headers["x-signature"] !== sign(body)) return { kind: "bad-signature", orderId: n.orderId };
    return { kind: "signed", orderId: n.orderId, state: n.state, amount: n.amount };
  }

  reply(status: number, message: string): NoticeReply {
    return { status, body: message };
  }

  /** The customer pays a pending charge in time: in full, or now and then short. */
  pay(orderId: string, short: boolean): void {
    const t = this.truth.get(orderId);
    if (t?.state !== "pending" || this.now() >= t.req.expiresAt) return;
    t.state = "paid";
    t.paid = short ? t.req.amount - 1_000 : t.req.amount;
    t.payments++;
  }

  /** The notification the gateway would send now (or a forged one). */
  notification(orderId: string, forge: "none" | "key" | "amount" | "state"): { body: Buffer; headers: IncomingHttpHeaders } {
    const t = this.truth.get(orderId);
    const state = forge === "state" ? "paid" : (t?.state ?? "paid");
    const amount = (t?.req.amount ?? 10_000) + (forge === "amount" ? 500 : 0);
    const body = Buffer.from(JSON.stringify({ orderId, state, amount }));
    return { body, headers: { "x-signature": sign(body, forge === "key" ? "leaked-wrong" : KEY) } };
  }
}

export function randomDeposits(o: { db: Db; wallet: Wallet; users: number[]; rnd: () => number; now: () => number; advance(ms: number): void }) {
  const { db, rnd } = o;
  const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(rnd() * xs.length)] : undefined);
  const gateway = new ScriptedGateway(rnd, o.now);
  const deposits = new Deposits(db);
  const tells = new Map<string, number>();
  const service = new DepositService({
    deposits,
    wallet: o.wallet,
    gateway,
    policy: {
      minAmount: 10_000,
      maxAmount: 1_000_000,
      openMax: 2,
      expiryMs: 30 * 60_000,
      feePayer: rnd() < 0.5 ? "customer" : "operator",
      methods: ["qris", "va-bni"],
      fees: { qris: { flat: 0, basisPoints: 70 }, va: { flat: 4_000, basisPoints: 0 } },
    },
    now: o.now,
    log: () => {},
    tell: async (d) => void tells.set(d.id, (tells.get(d.id) ?? 0) + 1),
  });
  const ids = (state?: string) =>
    (db.prepare(`SELECT id FROM deposits ${state ? "WHERE state = ?" : ""}`).all(...(state ? [state] : [])) as { id: string }[]).map((r) => r.id);
  const kinds = new Set<string>();
  const notify = async (id: string, forge: Parameters<ScriptedGateway["notification"]>[1]) => {
    const n = gateway.notification(id, forge);
    kinds.add(`notice ${(await service.notice(n.body, n.headers)).status}`);
  };

  const actions: [number, string, () => Promise<unknown> | unknown][] = [
    [
      6,
      "deposit opened",
      async () => {
        const r = await service.start(pick(o.users)!, 10_000 + Math.floor(rnd() * 100) * 5_000, rnd() < 0.7 ? "qris" : "va-bni", "U");
        kinds.add(`start ${r.kind}`);
      },
    ],
    [
      5,
      "customer pays",
      () => {
        const id = pick(ids("open"));
        if (id) gateway.pay(id, rnd() < 0.15);
      },
    ],
    [
      5,
      "notification",
      async () => {
        const id = pick(ids());
        if (id) await notify(id, "none");
      },
    ],
    [
      3,
      "notification five times and a poll at once",
      async () => {
        const id = pick(ids());
        if (id) await Promise.all([...Array.from({ length: 5 }, () => notify(id, "none")), service.sweep()]);
      },
    ],
    [
      2,
      "forged notification",
      async () => {
        const id = pick(ids()) ?? "DEP-NOPE";
        await notify(rnd() < 0.2 ? "DEP-NOPE" : id, pick(["key", "amount", "state"] as const)!);
      },
    ],
    [4, "poll", () => service.sweep()],
    [2, "gateway down or back", () => void (gateway.down = !gateway.down)],
    [
      3,
      "admin settles a short payment",
      () => {
        const d = deposits.recent(50, "open").find((x) => x.shortPaid !== null);
        if (!d) return;
        // What came in, less the fee when the customer bears it: never more than the deposit asked.
        const credit = Math.min(d.amount, d.shortPaid! - (d.feePayer === "customer" ? d.fee : 0));
        const r = db
          .transaction(() => service.settleByHand(d.id, 1, credit > 0 ? { state: "paid", credit, note: "short" } : { state: "failed", note: "short" }))
          .immediate();
        kinds.add(`hand ${r.kind}`);
        return service.announce(d.id);
      },
    ],
    [
      1,
      "admin settles one again",
      () => {
        const id = pick(ids("paid"));
        if (id) kinds.add(`hand again ${service.settleByHand(id, 1, { state: "paid", note: "again" }).kind}`);
      },
    ],
    [3, "deposit time passes", () => o.advance(Math.floor(rnd() * 20 * 60_000))],
  ];

  /** Every paid deposit was paid at the gateway exactly once, and credited no more than came in. */
  const check = (where: string) => {
    for (const [id, t] of gateway.truth) expect(t.payments, `${where}: ${id} paid at the gateway`).toBeLessThanOrEqual(1);
    for (const d of deposits.recent(1_000_000, "paid")) {
      const t = gateway.truth.get(d.id);
      expect(t?.payments, `${where}: credited ${d.id} paid at its gateway once`).toBe(1);
      expect(d.amount, `${where}: ${d.id} credited more than came in`).toBeLessThanOrEqual(t!.paid);
      if (d.settledBy === null) expect(t!.paid, `${where}: ${d.id} credited by itself though paid short`).toBe(d.payAmount);
    }
    for (const [id, n] of tells) expect(n, `${where}: customer told of ${id}`).toBe(1);
  };

  /** The gateway is back and time runs out: every deposit paid in full at the gateway is credited, none lost. */
  const settleAll = async (where: string) => {
    gateway.down = false;
    for (let i = 0; i < 30 && ids("open").some((id) => !deposits.get(id)!.shortPaid); i++) {
      o.advance(10 * 60_000);
      await service.sweep();
    }
    for (const [id, t] of gateway.truth) {
      if (t.state === "paid" && t.paid === t.req.amount) expect(deposits.get(id)?.state, `${where}: ${id} paid in full at the gateway`).toBe("paid");
    }
    check(where);
  };

  return { actions, check, settleAll, kinds };
}
