import { pino } from "pino";
import { maskNumber } from "../log/mask.js";
import type { Logger } from "../log/logger.js";
import type { Bill, BillInput } from "../billing/bill.js";
import type { Catalog } from "../billing/catalog.js";
import type { PrepaidOffer } from "../pricing/prepaid-offer.js";
import { wibDate } from "../billing/format.js";
import { relaxed, type Db } from "../db/database.js";
import { plnTokenIn } from "../providers/pln-token.js";
import type { Outcome, Payment, Provider } from "../providers/provider.js";
import { ProviderSet } from "../providers/index.js";
import type { Router } from "../pricing/routing.js";
import { Attempts } from "../db/attempts.js";
import { inquireOnRoutes, saleOf, soleRouter, type Inquired, type InquiryProblem } from "./routes.js";
import { Transactions } from "../db/transactions.js";
import { Users } from "../db/users.js";
import type { Wallet } from "./wallet.js";
import { prepaidCode } from "../billing/prepaid-id.js";
import type { Tx, TxState } from "../billing/transaction.js";

export { newRef, type InquiryProblem } from "./routes.js";

/** What the user typed for a product, already checked against the catalog's patterns. */

export type QuoteResult = { kind: "quoted"; txId: string; price: number; bill: Bill } | InquiryProblem;

export type ConfirmResult =
  /** `txId` is the payment that was charged: a new one when an expired quote was inquired again. */
  | { kind: "confirmed"; txId: string; balance: number }
  | { kind: "insufficient"; balance: number; price: number }
  /** Already confirmed, cancelled or settled: a second press or a replay changes nothing. */
  | { kind: "not-open"; state: TxState | "missing" }
  /** The quote is from an earlier WIB day or too old; `confirmFresh` inquires again instead. */
  | { kind: "expired" }
  /** A prepaid product whose cost rose above the quoted price since: never sold at a loss, the quote is closed. */
  | { kind: "loss"; price: number; cost: number }
  /** A prepaid product whose price list has not been refreshed since `since`, too long ago to trust its cost: the quote is closed. */
  | { kind: "stale-prices"; since: number };

export type ConfirmFreshResult =
  | Exclude<ConfirmResult, { kind: "expired" }>
  /** The bill asked for again differs from the one the user saw: nothing was charged. */
  | { kind: "bill-changed"; oldPrice: number; newPrice: number }
  /** Asked again, the provider no longer offers the bill (paid elsewhere...) or did not answer. */
  | InquiryProblem;

export type ResolveResult = { kind: "resolved"; tx: Tx } | { kind: "not-pending"; state: TxState | "missing" };

/** When to ask the provider again about a pending payment: never more than once a minute. */
const CHECK_DELAYS_MS = [60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

export function nextCheckDelay(checksDone: number): number {
  return CHECK_DELAYS_MS[Math.min(checksDone, CHECK_DELAYS_MS.length - 1)]!;
}

/** When to ask next after an unclear answer: never by itself when no check can settle it (an admin does). */
const nextCheckAfter = (outcome: Outcome<Payment>, now: number, checksDone: number): number =>
  outcome.kind === "unknown" && outcome.manual ? Number.MAX_SAFE_INTEGER : now + nextCheckDelay(checksDone);

/**
 * The earliest moment a pending payment may be asked about: the first status check at once (a
 * callback or an admin may want it), later ones a minute after the previous. A status check is
 * the only thing that moves a pending payment's `updated_at`, so it dates the last check.
 */
export function earliestCheck(tx: Tx): number {
  return tx.checks === 0 ? tx.updatedAt : tx.updatedAt + CHECK_DELAYS_MS[0]!;
}

/** Several providers side by side (PROVIDERS) and the router that picks one per purchase. */
export interface Routing {
  providers: ProviderSet;
  router: Router;
}

export interface PaymentsDeps {
  db: Db;
  /** One provider alone (PROVIDER); `routing` instead for several. */
  provider?: Provider;
  routing?: Routing;
  catalog: Catalog;
  /** Prepaid products on sale and their prices; without it only catalog (postpaid) products are sold. */
  prepaid?: PrepaidOffer;
  wallet: Wallet;
  now?: () => number;
  /** A quote older than this (QUOTE_MAX_AGE_MINUTES) is inquired again before money moves, as is any from an earlier WIB day. */
  quoteMaxAgeMs: number;
  /** The pause before an inquiry that got no answer is asked again (under a fresh ref). */
  inquiryRetryDelayMs?: number;
  /** Where money events go (quote, charge, outcome, refund): one line each. */
  logger?: Logger;
}

/** The same bill for the user's money: what they were shown is what they would pay. */
const sameBill = (tx: Tx, fresh: Inquired) =>
  fresh.price === tx.price &&
  fresh.bill.cost === tx.cost &&
  fresh.bill.billAmount === tx.bill.billAmount &&
  fresh.bill.adminFee === tx.bill.adminFee &&
  fresh.bill.customerNo === tx.bill.customerNo;

/**
 * The money side of a bill payment. Every step is one SQLite transaction guarded by the state it
 * expects, so running a step twice (a double press, a replayed conversation, a crash and restart)
 * cannot charge, pay or refund twice. The SQLite transactions are IMMEDIATE: the write lock is
 * taken before the state is read, so two connections on one file cannot both see "quoted".
 */
export class Payments {
  readonly txs: Transactions;
  /** Every call that may pay (the first under the transaction's id, a failover's under a new reference). */
  readonly attempts: Attempts;
  readonly providers: ProviderSet;
  readonly router: Router;
  /** Only for each user's price level (read at each quote, so an admin's /level applies to the next one). */
  private readonly users: Users;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(private readonly deps: PaymentsDeps) {
    this.txs = new Transactions(deps.db);
    this.attempts = new Attempts(deps.db);
    this.providers = deps.routing?.providers ?? new ProviderSet([deps.provider!]);
    this.router = deps.routing?.router ?? soleRouter(deps.db, deps.catalog, this.providers.primary.name, deps.prepaid, this.attempts);
    this.users = new Users(deps.db);
    this.now = deps.now ?? Date.now;
    this.logger = deps.logger ?? pino({ level: "silent" });
  }

  /** The database the payments live in (a failover moves a payment and its attempts in one SQLite transaction). */
  get db(): Db {
    return this.deps.db;
  }

  /** The primary provider (the first of PROVIDERS). */
  get provider(): Provider {
    return this.providers.primary;
  }

  /** The provider a payment is (being) paid at: its current attempt's. Undefined when it is no longer configured. */
  providerOf(tx: Tx): Provider | undefined {
    return this.providers.get(tx.provider);
  }

  /**
   * Asks the provider for the bill and records it as a quote the user can confirm. The user's other
   * open quotes are closed, unless it is quoted `alongside` them (the lines of a batch order).
   */
  async quote(userId: number, chatId: number, productId: string, input: BillInput, opts: { alongside?: boolean } = {}): Promise<QuoteResult> {
    const inquired = await this.inquire(productId, input, this.users.priceLevel(userId));
    if (inquired.kind !== "bill") return inquired;
    const now = this.now();
    // Not money yet: the charge that follows is a durable commit and syncs the quote with it.
    relaxed(this.deps.db, () =>
      this.deps.db
        .transaction(() => {
          if (!opts.alongside) this.txs.cancelOpenQuotes(userId, now);
          this.record({ userId, chatId, productId, input }, inquired, now);
        })
        .immediate(),
    );
    this.logger.info(
      { event: "quote", tx: inquired.ref, user: userId, product: productId, customer: maskNumber(inquired.bill.customerNo), price: inquired.price },
      "quote",
    );
    return { kind: "quoted", txId: inquired.ref, price: inquired.price, bill: inquired.bill };
  }

  /** Asks the provider who a number belongs to (a PLN meter before its nominal is chosen), recording nothing. */
  async lookup(productId: string, input: BillInput): Promise<{ kind: "found"; bill: Bill; price: number } | InquiryProblem> {
    const inquired = await this.inquire(productId, input);
    return inquired.kind === "bill" ? { kind: "found", bill: inquired.bill, price: inquired.price } : inquired;
  }

  /** The user pressed Bayar: hold the funds and mark the payment ready for the worker. */
  confirm(txId: string, userId: number): ConfirmResult {
    const now = this.now();
    return this.deps.db
      .transaction((): ConfirmResult => {
        const tx = this.txs.get(txId);
        if (!tx || tx.userId !== userId) return { kind: "not-open", state: "missing" };
        if (tx.state !== "quoted") return { kind: "not-open", state: tx.state };
        // Before the expiry: an old quote of a stale list is refused, not inquired again.
        const stale = this.stalePrices(tx, now);
        if (!stale && this.expired(tx, now)) return { kind: "expired" };
        const refused = stale ?? this.loss(tx);
        if (refused) {
          this.txs.transition(txId, ["quoted"], "cancelled", {}, now);
          return refused;
        }
        return this.charge(tx, now);
      })
      .immediate();
  }

  /**
   * Confirms like `confirm`, but an expired quote is first inquired again under a new reference
   * (Digiflazz pays with the ref_id of the inquiry, so the old one cannot be reused): the same bill
   * is confirmed as the new transaction, a changed or vanished bill charges nothing. Closing the
   * old quote is guarded, so of two presses or a replay only one can go on to a charge. A batch's
   * line is confirmed `alongside` the other lines' quotes, which stay open.
   */
  async confirmFresh(txId: string, userId: number, opts: { alongside?: boolean } = {}): Promise<ConfirmFreshResult> {
    const first = this.confirm(txId, userId);
    if (first.kind !== "expired") return first;
    const old = this.txs.get(txId)!;
    // Quotes from before inputs were recorded are inquired by the customer number alone.
    const input = old.input ?? { customerNo: old.customerNo };
    // The user's level now: a quote inquired again is priced as a new one would be.
    const inquired = await this.inquire(old.productId, input, this.users.priceLevel(userId));
    const now = this.now();
    return this.deps.db
      .transaction((): ConfirmFreshResult => {
        if (!this.txs.transition(txId, ["quoted"], "cancelled", {}, now)) {
          return { kind: "not-open", state: this.txs.get(txId)?.state ?? "missing" };
        }
        if (inquired.kind !== "bill") return inquired;
        if (!sameBill(old, inquired)) return { kind: "bill-changed", oldPrice: old.price, newPrice: inquired.price };
        if (!opts.alongside) this.txs.cancelOpenQuotes(userId, now);
        this.record({ userId, chatId: old.chatId, productId: old.productId, input }, inquired, now);
        return this.charge(this.txs.get(inquired.ref)!, now);
      })
      .immediate();
  }

  /**
   * An admin settles a pending payment by hand after checking with the provider: `failed` refunds
   * in the same SQLite transaction. Guarded like every transition, so it cannot race a status
   * check or a second admin into settling twice.
   */
  resolveManually(txId: string, outcome: "success" | "failed", adminId: number, note?: string): ResolveResult {
    const now = this.now();
    return this.deps.db
      .transaction((): ResolveResult => {
        const tx = this.txs.get(txId);
        if (!tx) return { kind: "not-pending", state: "missing" };
        const changes = { resolvedBy: adminId, resolutionNote: note, settledAt: now, nextCheckAt: null, awaiting: null };
        // A PLN token the admin got from the provider, typed with the verdict, reaches the customer's receipt.
        const token = tx.bill.prepaid?.category === "pln" && note ? plnTokenIn(note) : undefined;
        const moved =
          outcome === "success"
            ? this.txs.transition(txId, ["pending"], "success", { ...changes, ...(token && { token }) }, now)
            : this.txs.transition(txId, ["pending"], "failed", { ...changes, failureCode: "MANUAL", failureMessage: note }, now);
        if (!moved) return { kind: "not-pending", state: tx.state };
        this.attempts.answered(tx.bill.refs.refId, outcome, { code: "MANUAL", message: note }, now);
        if (outcome === "failed") this.refund(tx, now, { actorId: adminId, note });
        this.logger.info({ event: "manual-settle", tx: txId, user: tx.userId, admin: adminId, state: outcome }, "payment settled by an admin");
        return { kind: "resolved", tx: this.txs.get(txId)! };
      })
      .immediate();
  }

  /** A prepaid quote whose product now costs its provider more than the user's price, from that provider's latest list. */
  private loss(tx: Tx): Extract<ConfirmResult, { kind: "loss" }> | undefined {
    const code = prepaidCode(tx.productId);
    const cost = code === undefined ? undefined : this.router.offerOf(tx.provider)?.costNow(code, tx.input?.amount);
    return cost !== undefined && cost > tx.price ? { kind: "loss", price: tx.price, cost } : undefined;
  }

  /** A prepaid quote whose provider list is too old to trust (PrepaidOffer.staleSince). */
  private stalePrices(tx: Tx, now: number): Extract<ConfirmResult, { kind: "stale-prices" }> | undefined {
    const since = prepaidCode(tx.productId) === undefined ? undefined : this.deps.prepaid?.staleSince(now);
    return since === undefined ? undefined : { kind: "stale-prices", since };
  }

  private async inquire(productId: string, input: BillInput, level?: string): Promise<Inquired | InquiryProblem> {
    const now = this.now();
    const sale = saleOf(productId, now, level, { catalog: this.deps.catalog, prepaid: this.deps.prepaid, providers: this.providers });
    if ("kind" in sale) return sale;
    return inquireOnRoutes(this, { productId, input, now, ...sale }, { now: this.now, retryDelayMs: this.deps.inquiryRetryDelayMs });
  }

  private record(q: { userId: number; chatId: number; productId: string; input: BillInput }, inquired: Inquired, now: number): void {
    this.txs.create({
      id: inquired.ref,
      ...q,
      provider: inquired.provider,
      bill: inquired.bill,
      price: inquired.price,
      rawInquiry: inquired.raw,
      now,
    });
  }

  /** Digiflazz and IAK bills are payable on the WIB day of their inquiry only. */
  private expired(tx: Tx, now: number): boolean {
    return wibDate(tx.createdAt) !== wibDate(now) || now - tx.createdAt > this.deps.quoteMaxAgeMs;
  }

  /** Holds the price of an open quote and marks it confirmed; runs inside the caller's SQLite transaction. */
  private charge(tx: Tx, now: number): Extract<ConfirmResult, { kind: "confirmed" | "insufficient" }> {
    const posted = this.deps.wallet.post({ userId: tx.userId, amount: -tx.price, kind: "charge", txId: tx.id, now });
    // Nothing changed: the quote stays open, so a new /bayar after a top-up finds the same bill.
    if (!posted.ok) return { kind: "insufficient", balance: this.deps.wallet.balance(tx.userId), price: tx.price };
    // Throwing rolls the charge back with it: never money taken without the state that says so.
    if (!this.txs.transition(tx.id, ["quoted"], "confirmed", { confirmedAt: now }, now)) throw new Error(`${tx.id} left "quoted" during its charge`);
    this.logger.info({ event: "charge", tx: tx.id, user: tx.userId, amount: tx.price, balance: posted.balance }, "charge");
    return { kind: "confirmed", txId: tx.id, balance: posted.balance };
  }

  /** Gives a failed payment's price back; throwing rolls back the failure it belongs to. */
  private refund(tx: Tx, now: number, by: { actorId?: number; note?: string } = {}): void {
    const posted = this.deps.wallet.post({ userId: tx.userId, amount: tx.price, kind: "refund", txId: tx.id, now, ...by });
    if (!posted.ok) throw new Error(`refund of ${tx.id} could not be posted: ${posted.reason}`);
    this.logger.info({ event: "refund", tx: tx.id, user: tx.userId, amount: tx.price, balance: posted.balance }, "refund");
  }

  cancel(txId: string, userId: number): boolean {
    const tx = this.txs.get(txId);
    return !!tx && tx.userId === userId && this.txs.transition(txId, ["quoted"], "cancelled", {}, this.now());
  }

  /** Takes a confirmed payment for sending, its send recorded as an attempt. Only one caller ever gets it: the provider is paid at most once. */
  claim(txId: string): Tx | undefined {
    const now = this.now();
    return this.deps.db
      .transaction(() => {
        if (!this.txs.transition(txId, ["confirmed"], "sending", { sentAt: now }, now)) return undefined;
        const tx = this.txs.get(txId)!;
        this.attempts.sent({ txId, provider: tx.provider, ref: tx.bill.refs.refId, productCode: tx.bill.productCode, cost: tx.bill.cost, now });
        return tx;
      })
      .immediate();
  }

  /**
   * A payment the provider turned away unread (a rate limit that proves it, see RateLimit) goes
   * back to confirmed, to be claimed and sent again: it was never processed, so this cannot pay twice.
   */
  release(txId: string): boolean {
    return this.txs.transition(txId, ["sending"], "confirmed", {}, this.now());
  }

  /**
   * Records what the provider said about a sent payment. Success and a confirmed failure are
   * final (a failure refunds in the same SQLite transaction); pending and unknown wait for a status
   * check or a callback. Returns the transaction when its state changed.
   */
  settle(txId: string, outcome: Outcome<Payment>): Tx | undefined {
    const now = this.now();
    const changed = this.deps.db
      .transaction((): boolean => {
        const tx = this.txs.get(txId);
        if (!tx) return false;
        this.answered(tx, outcome, now);
        switch (outcome.kind) {
          case "success":
            if (tx.bill.prepaid?.category === "pln" && !outcome.value.token) return this.awaitToken(tx, outcome, now);
            return this.txs.transition(
              txId,
              ["sending", "pending"],
              "success",
              {
                sn: outcome.value.sn,
                token: outcome.value.token,
                codes: outcome.value.codes,
                cost: outcome.value.cost,
                resultDetails: outcome.value.details,
                rawResult: outcome.raw,
                settledAt: now,
                nextCheckAt: null,
                awaiting: null,
              },
              now,
            );
          case "failed": {
            const moved = this.txs.transition(
              txId,
              ["sending", "pending"],
              "failed",
              {
                failureCode: outcome.code,
                failureMessage: outcome.message,
                rawResult: outcome.raw,
                settledAt: now,
                nextCheckAt: null,
                awaiting: null,
              },
              now,
            );
            if (moved) this.refund(tx, now);
            return moved;
          }
          case "pending":
          case "unknown":
            if (tx.state === "pending") {
              this.txs.transition(txId, ["pending"], "pending", { checks: tx.checks + 1, nextCheckAt: nextCheckAfter(outcome, now, tx.checks + 1) }, now);
              return false;
            }
            return this.txs.transition(
              txId,
              ["sending"],
              "pending",
              {
                rawResult: outcome.raw,
                nextCheckAt: nextCheckAfter(outcome, now, 0),
              },
              now,
            );
        }
      })
      .immediate();
    const code = outcome.kind === "failed" || outcome.kind === "pending" ? outcome.code : undefined;
    const after = this.txs.get(txId);
    const awaiting = after?.awaiting ?? undefined;
    this.logger.info({ event: "payment-outcome", tx: txId, outcome: outcome.kind, code, state: after?.state, awaiting }, "payment outcome");
    return changed ? after : undefined;
  }

  /** The provider's answer on the payment's current attempt (a pay refused as "not processed" counts against the provider as refused). */
  private answered(tx: Tx, outcome: Outcome<Payment>, now: number): void {
    if (tx.state !== "sending" && tx.state !== "pending") return;
    const kind = outcome.kind === "failed" && outcome.notProcessed && tx.state === "sending" ? "refused" : outcome.kind;
    const said = outcome.kind === "failed" || outcome.kind === "pending" ? { code: outcome.code, message: outcome.message } : {};
    this.attempts.answered(tx.bill.refs.refId, kind, said, now);
  }

  /**
   * The provider reports a PLN token purchase done without a token we can read: the customer has
   * nothing yet, so it is not delivered. It stays pending (the money held, neither refunded nor
   * paid out) and marked as awaiting its token, and status checks go on until one brings the token,
   * the provider says it failed, or an admin settles it. A change only the first time, so the user
   * and the admins hear of it once.
   */
  private awaitToken(tx: Tx, outcome: Extract<Outcome<Payment>, { kind: "success" }>, now: number): boolean {
    const changes = { awaiting: "token" as const, sn: outcome.value.sn, rawResult: outcome.raw };
    if (tx.state === "sending") return this.txs.transition(tx.id, ["sending"], "pending", { ...changes, nextCheckAt: now + nextCheckDelay(0) }, now);
    const checks = tx.checks + 1;
    const moved = this.txs.transition(tx.id, ["pending"], "pending", { ...changes, checks, nextCheckAt: now + nextCheckDelay(checks) }, now);
    return moved && tx.awaiting === null;
  }
}
