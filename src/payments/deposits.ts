import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Deposit, Deposits, FeePayer } from "../db/deposits.js";
import type { ChargeStatus, DepositMethod, Gateway, GatewayOutcome, NoticeReply } from "../gateways/gateway.js";
import type { Wallet } from "./wallet.js";

/** A gateway's fee for one method: a flat part and a part in basis points (0.7% = 70), rounded up. */
export interface FeeRule {
  flat: number;
  basisPoints: number;
}

export interface DepositPolicy {
  minAmount: number;
  maxAmount: number;
  /** How many open deposits one user may have; one more replaces the oldest. */
  openMax: number;
  expiryMs: number;
  feePayer: FeePayer;
  /** The methods the operator offers (those the gateway can charge). */
  methods: DepositMethod[];
  fees: Partial<Record<"qris" | "va", FeeRule>>;
}

export interface DepositQuote {
  method: DepositMethod;
  /** What the balance gains. */
  amount: number;
  fee: number;
  feePayer: FeePayer;
  /** What the customer pays at the gateway. */
  payAmount: number;
}

export type StartResult =
  | { kind: "opened"; deposit: Deposit; replaced?: Deposit }
  /** The user has `openMax` open deposits and the oldest could not be stopped at the gateway now. */
  | { kind: "too-many"; oldest: Deposit }
  | { kind: "refused"; message: string }
  /** The gateway did not answer: the deposit is followed up (and stopped) by the poller. */
  | { kind: "unreachable" }
  | { kind: "out-of-range" };

/** What became of a deposit the bot asked about or was told about. */
export type CheckResult =
  | { kind: "settled"; deposit: Deposit }
  | { kind: "open"; deposit: Deposit }
  /** Settled before (a duplicate notification, a poll after the notification): nothing moved. */
  | { kind: "done"; deposit: Deposit }
  | { kind: "unreachable"; deposit: Deposit }
  | { kind: "missing" };

/** An admin's decision on a deposit: paid (with what to credit when less than asked), or failed. */
export type HandVerdict = { state: "paid"; credit?: number; note: string } | { state: "failed"; note: string };

export type HandResult =
  | { kind: "settled"; deposit: Deposit; balance: number }
  /** Paid, expired or failed before: nothing moved (a deposit is credited once). */
  | { kind: "not-open"; deposit: Deposit }
  /** The credit is not a whole rupiah amount between 1 and the amount asked. */
  | { kind: "bad-amount"; deposit: Deposit }
  | { kind: "missing" };

export interface DepositDeps {
  deposits: Deposits;
  wallet: Wallet;
  gateway: Gateway;
  policy: DepositPolicy;
  now(): number;
  log(message: string): void;
  /** Tells the customer how a deposit ended (its new balance when paid). Must not throw. */
  tell(deposit: Deposit, balance: number): Promise<void>;
}

/** The first checks come soon (a QRIS is paid within a minute or two), then less often. */
function nextCheckAfter(d: Deposit, now: number): number {
  const age = now - d.createdAt;
  if (now >= d.expiresAt) return now + 60_000;
  // Checked again at its deadline at the latest: an expiry is told when it comes.
  return Math.min(d.expiresAt, now + (age < 120_000 ? 15_000 : age < 600_000 ? 60_000 : 300_000));
}

/** The fee of one method on an amount, whole rupiah rounded up; 0 when the operator set none. */
export function feeOf(rule: FeeRule | undefined, amount: number): number {
  return rule ? rule.flat + Math.ceil((amount * rule.basisPoints) / 10_000) : 0;
}

/**
 * Money in through a payment gateway. A deposit is a row of its own (open -> paid | expired |
 * failed); it is credited by the one move to paid, written with its ledger row in one SQLite
 * transaction guarded by state = 'open', so duplicate, concurrent and late news credit once. Only
 * the gateway's status API moves a deposit: a notification, once its signature and amount check
 * out, only asks for a status.
 */
export class DepositService {
  /** Status checks under way, by deposit: a notification and a poll at once share one. */
  private readonly inFlight = new Map<string, Promise<CheckResult>>();

  constructor(private readonly deps: DepositDeps) {}

  get gatewayName(): string {
    return this.deps.gateway.name;
  }

  get policy(): DepositPolicy {
    return this.deps.policy;
  }

  /** Whether the gateway can play the customer paying (the sandbox): the chat shows a button for it. */
  get canSimulate(): boolean {
    return this.deps.gateway.simulatePay !== undefined;
  }

  /** The sandbox's customer pays: the deposit is then settled as a notification would have it. */
  async simulatePay(id: string): Promise<CheckResult> {
    const d = this.deps.deposits.get(id);
    if (d?.state === "open") this.deps.gateway.simulatePay?.(id);
    return this.check(id);
  }

  quote(amount: number, method: DepositMethod): DepositQuote {
    const { feePayer, fees } = this.deps.policy;
    const fee = feeOf(fees[method === "qris" ? "qris" : "va"], amount);
    return { method, amount, fee, feePayer, payAmount: feePayer === "customer" ? amount + fee : amount };
  }

  /** Opens a deposit and charges it at the gateway (the row first: its id is the order id). */
  async start(userId: number, amount: number, method: DepositMethod, customerName: string): Promise<StartResult> {
    const { policy, deposits, gateway } = this.deps;
    if (!Number.isSafeInteger(amount) || amount < policy.minAmount || amount > policy.maxAmount || !policy.methods.includes(method))
      return { kind: "out-of-range" };
    let replaced: Deposit | undefined;
    const open = deposits.openOf(userId);
    if (open.length >= policy.openMax) {
      const oldest = open[0]!;
      const stopped = await this.stop(oldest);
      if (!stopped) return { kind: "too-many", oldest };
      replaced = stopped;
    }
    const now = this.deps.now();
    const q = this.quote(amount, method);
    const id = `DEP-${now.toString(36).toUpperCase()}-${randomBytes(3).toString("hex").toUpperCase()}`;
    deposits.insert({
      id,
      userId,
      gateway: gateway.name,
      method,
      amount,
      fee: q.fee,
      feePayer: q.feePayer,
      payAmount: q.payAmount,
      expiresAt: now + policy.expiryMs,
      createdAt: now,
      nextCheckAt: now + 15_000,
    });
    const charged = await gateway.charge({
      orderId: id,
      method,
      amount: q.payAmount,
      expiresAt: now + policy.expiryMs,
      validForMs: policy.expiryMs,
      customerName,
    });
    if (charged.kind === "refused") {
      deposits.close(id, "failed", this.deps.now(), `charge refused: ${charged.code} ${charged.message}`.slice(0, 200));
      deposits.markTold(id);
      this.deps.log(`deposit ${id}: ${gateway.name} refused the charge (${charged.code} ${charged.message})`);
      return { kind: "refused", message: charged.message };
    }
    if (charged.kind === "unknown") {
      this.deps.log(`deposit ${id}: no answer from ${gateway.name} to the charge (${charged.reason}); it will be stopped and checked`);
      return { kind: "unreachable" };
    }
    const c = charged.value;
    // The gateway's deadline, but never later than ours: the customer was told ours.
    deposits.attachCharge(id, { ref: c.ref, payCode: c.payCode, bank: c.bank ?? null, expiresAt: Math.min(c.expiresAt, now + policy.expiryMs) });
    return { kind: "opened", deposit: deposits.get(id)!, ...(replaced && { replaced }) };
  }

  /** Stops an open deposit at the gateway to make room; the deposit as it ended, or undefined when it could not be. */
  private async stop(d: Deposit): Promise<Deposit | undefined> {
    const answer = await this.deps.gateway.cancel(d.id, d.gatewayRef ?? undefined);
    if (answer.kind !== "ok" || answer.value.state === "pending") return undefined;
    const result = await this.apply(d, answer.value, { quiet: answer.value.state !== "paid" });
    return result.kind === "settled" || result.kind === "done" ? result.deposit : undefined;
  }

  /** Asks the gateway where a deposit stands and acts on it; concurrent asks share one call. */
  check(id: string): Promise<CheckResult> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const job = this.checkOnce(id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, job);
    return job;
  }

  private async checkOnce(id: string): Promise<CheckResult> {
    const d = this.deps.deposits.get(id);
    if (!d) return { kind: "missing" };
    if (d.state !== "open") return { kind: "done", deposit: d };
    const now = this.deps.now();
    // A charge never answered, or a deposit past its time: asked to stop, so nobody pays it later.
    const stopIt = d.gatewayRef === null || now >= d.expiresAt;
    const answer: GatewayOutcome<ChargeStatus> = stopIt
      ? await this.deps.gateway.cancel(d.id, d.gatewayRef ?? undefined)
      : await this.deps.gateway.status(d.id, d.gatewayRef ?? undefined);
    if (answer.kind === "unknown") {
      this.deps.log(`deposit ${id}: ${this.deps.gateway.name} did not answer (${answer.reason}); asked again later`);
      this.deps.deposits.scheduleCheck(id, now + 60_000);
      return { kind: "unreachable", deposit: d };
    }
    if (answer.kind === "refused") {
      // Never created at the gateway (the charge got no answer): nothing can be paid.
      if (d.gatewayRef === null) return this.apply(d, { orderId: d.id, state: "failed", amount: 0 });
      this.deps.log(`deposit ${id}: ${this.deps.gateway.name} refused the status check (${answer.code} ${answer.message}); asked again later`);
      this.deps.deposits.scheduleCheck(id, now + 300_000);
      return { kind: "unreachable", deposit: d };
    }
    return this.apply(d, answer.value);
  }

  /** Acts on a status the gateway gave: credits once, closes, or schedules the next check. */
  private async apply(d: Deposit, s: ChargeStatus, opts: { quiet?: boolean } = {}): Promise<CheckResult> {
    const { deposits } = this.deps;
    const now = this.deps.now();
    if (s.state === "pending") {
      deposits.scheduleCheck(d.id, nextCheckAfter(d, now));
      return { kind: "open", deposit: d };
    }
    if (s.state === "paid" && s.amount < d.payAmount) {
      // Paid less than the charge said: nothing credited; an admin looks and settles by hand.
      this.deps.log(`deposit ${d.id}: ${this.deps.gateway.name} reports ${s.amount} paid of ${d.payAmount}; not credited, settle it by hand`);
      deposits.markShortPaid(d.id, s.amount);
      deposits.scheduleCheck(d.id, now + 3_600_000);
      return { kind: "open", deposit: d };
    }
    const moved = deposits.atomically(() => {
      if (!deposits.close(d.id, s.state as "paid" | "expired" | "failed", now, s.state === "paid" ? null : `gateway: ${s.state}`)) return false;
      if (s.state === "paid") this.credit(d, null, now);
      return true;
    });
    const after = deposits.get(d.id)!;
    if (!moved) return { kind: "done", deposit: after };
    this.deps.log(`deposit ${d.id}: ${after.state} (${this.deps.gateway.name})`);
    if (opts.quiet) deposits.markTold(d.id);
    else await this.tell(after);
    return { kind: "settled", deposit: after };
  }

  /** The ledger row of a paid deposit; inside the transaction that moved it to paid. */
  private credit(d: Deposit, adminId: number | null, now: number): number {
    const posted = this.deps.wallet.post({
      userId: d.userId,
      amount: d.amount,
      kind: "topup",
      note: `deposit ${d.id} (${d.gateway})`,
      requestKey: `deposit:${d.id}`,
      now,
      ...(adminId !== null && { actorId: adminId }),
    });
    // A credit cannot go below zero, and the request key is this deposit's own: a broken database.
    if (!posted.ok) throw new Error(`deposit ${d.id}: could not credit user ${d.userId} (${posted.reason})`);
    return posted.balance;
  }

  /**
   * An admin settles an open deposit by hand (a gateway dispute): paid credits it, failed closes it.
   * `credit` is what the balance gains when the customer paid short of the charge (at most the
   * amount asked). Call it inside the transaction that writes the admin's audit row, and tell the
   * customer with announce() once that committed. A deposit no longer open moves nothing.
   */
  settleByHand(id: string, adminId: number, verdict: HandVerdict): HandResult {
    const { deposits } = this.deps;
    const now = this.deps.now();
    return deposits.atomically((): HandResult => {
      const d = deposits.get(id);
      if (!d) return { kind: "missing" };
      if (d.state !== "open") return { kind: "not-open", deposit: d };
      const credit = verdict.state === "paid" ? (verdict.credit ?? d.amount) : undefined;
      if (credit !== undefined && (!Number.isSafeInteger(credit) || credit <= 0 || credit > d.amount)) return { kind: "bad-amount", deposit: d };
      const reason = `by admin ${adminId}${verdict.note ? `: ${verdict.note}` : ""}`.slice(0, 300);
      if (!deposits.close(id, verdict.state, now, reason, adminId, credit)) return { kind: "not-open", deposit: deposits.get(id)! };
      const after = deposits.get(id)!;
      const balance = credit !== undefined ? this.credit(after, adminId, now) : this.deps.wallet.balance(d.userId);
      this.deps.log(`deposit ${id}: ${verdict.state} by admin ${adminId}${credit !== undefined ? ` (credited ${credit} of ${d.amount})` : ""}`);
      return { kind: "settled", deposit: after, balance };
    });
  }

  /** Tells the customer how a settled deposit ended (after an admin settled it by hand). */
  async announce(id: string): Promise<void> {
    const d = this.deps.deposits.get(id);
    if (d && d.state !== "open" && !d.told) await this.tell(d);
  }

  /** Tells the customer, then marks it told (a restart before that tells again). */
  private async tell(d: Deposit): Promise<void> {
    await this.deps.tell(d, this.deps.wallet.balance(d.userId));
    this.deps.deposits.markTold(d.id);
  }

  /** Open deposits due a check, and settled ones whose customer was not told (after a restart). */
  async sweep(limit = 50): Promise<void> {
    for (const d of this.deps.deposits.untold(limit)) await this.tell(d);
    const due = this.deps.deposits.dueForCheck(this.deps.now(), limit);
    await Promise.all(due.map((d) => this.check(d.id)));
  }

  /**
   * A notification from the gateway: believed only when its signature verifies and its order id
   * and amount match a deposit this bot created; then the gateway's status API decides. Refused
   * ones are logged and answered with a status the gateway retries sensibly on.
   */
  async notice(body: Buffer, headers: IncomingHttpHeaders): Promise<NoticeReply> {
    const { gateway, deposits } = this.deps;
    const n = gateway.readNotice(body, headers);
    if (n.kind === "bad-signature" || n.kind === "malformed") {
      this.deps.log(
        `${gateway.name} notification refused: ${n.kind === "malformed" ? n.reason : "bad or missing signature"}${n.kind === "bad-signature" && n.orderId ? ` (says ${n.orderId.slice(0, 60)})` : ""}`,
      );
      return gateway.reply(n.kind === "malformed" ? 400 : 401, n.kind === "malformed" ? "malformed" : "invalid signature");
    }
    if (n.kind === "ignored") return gateway.reply(200, "ignored");
    const d = deposits.get(n.orderId);
    if (!d || d.gateway !== gateway.name || (n.ref !== undefined && d.gatewayRef !== null && n.ref !== d.gatewayRef)) {
      this.deps.log(`${gateway.name} notification about ${n.orderId.slice(0, 60)}, which is not one of ours: refused`);
      return gateway.reply(404, "unknown order");
    }
    if (n.amount !== d.payAmount) {
      this.deps.log(`${gateway.name} notification for deposit ${d.id} says ${n.amount}, the deposit is ${d.payAmount}: refused`);
      return gateway.reply(400, "amount mismatch");
    }
    const result = await this.check(d.id);
    // The gateway is asked to try again while its own status API does not answer.
    return result.kind === "unreachable" ? gateway.reply(503, "status unavailable, retry") : gateway.reply(200, "ok");
  }
}
