import { randomBytes } from "node:crypto";
import type { Bill } from "../billing/bill.js";
import { userPrice, type Catalog } from "../billing/catalog.js";
import type { Db } from "../db/database.js";
import type { Blame, Outcome, Payment, Provider } from "../providers/provider.js";
import { Transactions, type Tx, type TxState } from "./transactions.js";
import type { Wallet } from "./wallet.js";

/** What the user typed for a product, already checked against the catalog's patterns. */
export interface BillInput {
  customerNo: string;
  amount?: number;
  identityNo?: string;
  year?: string;
}

export type QuoteResult =
  | { kind: "quoted"; txId: string; price: number; bill: Bill }
  /** The provider answered with a final "no": wrong number, already paid, biller down... */
  | { kind: "rejected"; blame: Blame; code: string; message: string }
  /** No usable answer (timeout, unreadable reply): nothing was created, the user may try again. */
  | { kind: "unavailable" };

export type ConfirmResult =
  | { kind: "confirmed"; balance: number }
  | { kind: "insufficient"; balance: number; price: number }
  /** Already confirmed, cancelled or settled: a second press or a replay changes nothing. */
  | { kind: "not-open"; state: TxState | "missing" };

/** When to ask the provider again about a pending payment: never more than once a minute. */
const CHECK_DELAYS_MS = [60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

export function nextCheckDelay(checksDone: number): number {
  return CHECK_DELAYS_MS[Math.min(checksDone, CHECK_DELAYS_MS.length - 1)]!;
}

/** A reference unique enough to be every provider's idempotency key (ref_id / order id). */
export function newRef(now: number): string {
  return `TX${now.toString(36).toUpperCase()}${randomBytes(4).toString("hex").toUpperCase()}`;
}

export interface PaymentsDeps {
  db: Db;
  provider: Provider;
  catalog: Catalog;
  wallet: Wallet;
  now?: () => number;
}

/**
 * The money side of a bill payment. Every step is one SQLite transaction guarded by the state it
 * expects, so running a step twice (a double press, a replayed conversation, a crash and restart)
 * cannot charge, pay or refund twice.
 */
export class Payments {
  readonly txs: Transactions;
  private readonly now: () => number;

  constructor(private readonly deps: PaymentsDeps) {
    this.txs = new Transactions(deps.db);
    this.now = deps.now ?? Date.now;
  }

  get provider(): Provider {
    return this.deps.provider;
  }

  /** Asks the provider for the bill and records it as a quote the user can confirm. */
  async quote(userId: number, chatId: number, productId: string, input: BillInput): Promise<QuoteResult> {
    const product = this.deps.catalog.product(productId);
    const code = product?.codes[this.deps.provider.name];
    if (!product || !code) return { kind: "rejected", blame: "operator", code: "catalog", message: `product ${productId} is not offered` };
    const ref = newRef(this.now());
    const outcome = await this.deps.provider.inquiry({ ref, productCode: code, ...input });
    if (outcome.kind === "failed") return { kind: "rejected", blame: outcome.blame, code: outcome.code, message: outcome.message };
    if (outcome.kind !== "success") return { kind: "unavailable" };
    const bill = outcome.value;
    const price = userPrice(product, bill.cost);
    const now = this.now();
    this.deps.db.transaction(() => {
      this.txs.cancelOpenQuotes(userId, now);
      this.txs.create({ id: ref, userId, chatId, productId, provider: this.deps.provider.name, bill, input, price, rawInquiry: outcome.raw, now });
    })();
    return { kind: "quoted", txId: ref, price, bill };
  }

  /** The user pressed Bayar: hold the funds and mark the payment ready for the worker. */
  confirm(txId: string, userId: number): ConfirmResult {
    const now = this.now();
    return this.deps.db.transaction((): ConfirmResult => {
      const tx = this.txs.get(txId);
      if (!tx || tx.userId !== userId) return { kind: "not-open", state: "missing" };
      if (tx.state !== "quoted") return { kind: "not-open", state: tx.state };
      const posted = this.deps.wallet.post({ userId, amount: -tx.price, kind: "charge", txId, now });
      // Nothing changed: the quote stays open so the user can top up and press Bayar again.
      if (!posted.ok) return { kind: "insufficient", balance: this.deps.wallet.balance(userId), price: tx.price };
      this.txs.transition(txId, ["quoted"], "confirmed", { confirmedAt: now }, now);
      return { kind: "confirmed", balance: posted.balance };
    })();
  }

  cancel(txId: string, userId: number): boolean {
    const tx = this.txs.get(txId);
    return !!tx && tx.userId === userId && this.txs.transition(txId, ["quoted"], "cancelled", {}, this.now());
  }

  /** Takes a confirmed payment for sending. Only one caller ever gets it: the provider is paid at most once. */
  claim(txId: string): Tx | undefined {
    const now = this.now();
    return this.txs.transition(txId, ["confirmed"], "sending", { sentAt: now }, now) ? this.txs.get(txId) : undefined;
  }

  /**
   * Records what the provider said about a sent payment. Success and a confirmed failure are
   * final (a failure refunds in the same SQLite transaction); pending and unknown wait for a status
   * check or a callback. Returns the transaction when its state changed.
   */
  settle(txId: string, outcome: Outcome<Payment>): Tx | undefined {
    const now = this.now();
    const changed = this.deps.db.transaction((): boolean => {
      const tx = this.txs.get(txId);
      if (!tx) return false;
      switch (outcome.kind) {
        case "success":
          return this.txs.transition(txId, ["sending", "pending"], "success", {
            sn: outcome.value.sn,
            resultDetails: outcome.value.details,
            rawResult: outcome.raw,
            settledAt: now,
            nextCheckAt: null,
          }, now);
        case "failed": {
          const moved = this.txs.transition(txId, ["sending", "pending"], "failed", {
            failureCode: outcome.code,
            failureMessage: outcome.message,
            rawResult: outcome.raw,
            settledAt: now,
            nextCheckAt: null,
          }, now);
          if (moved) this.deps.wallet.post({ userId: tx.userId, amount: tx.price, kind: "refund", txId, now });
          return moved;
        }
        case "pending":
        case "unknown":
          if (tx.state === "pending") {
            this.txs.transition(txId, ["pending"], "pending", { checks: tx.checks + 1, nextCheckAt: now + nextCheckDelay(tx.checks + 1) }, now);
            return false;
          }
          return this.txs.transition(txId, ["sending"], "pending", {
            rawResult: outcome.raw,
            nextCheckAt: now + nextCheckDelay(0),
          }, now);
      }
    })();
    return changed ? this.txs.get(txId) : undefined;
  }
}
