import type { Tx } from "../billing/transaction.js";
import type { Logger } from "../log/logger.js";
import type { Outcome, Payment } from "../providers/provider.js";
import type { Payments } from "./payments.js";
import { inquireAt } from "./routes.js";

type Failed = Extract<Outcome<Payment>, { kind: "failed" }>;

export interface FailoverOptions {
  /** A purchase is tried at another provider only this long after its confirmation (FAILOVER_WINDOW_SECONDS). */
  windowMs: number;
  now: () => number;
  logger?: Logger;
}

/**
 * Several providers: a purchase the provider refused in a documented "not processed" way
 * (Failed.notProcessed: nothing exists under its reference) is quoted at the next route under a
 * NEW reference and the payment moved there, in one SQLite transaction guarded by "sending" that
 * also records the refusal and the new attempt. The user's price and charge stay as they are: one
 * purchase, one charge, one receipt. Anything uncertain never comes here: only a pay answer that
 * is a final, documented refusal does. A bill is paid where it was inquired (its amount is that
 * provider's), so only prepaid purchases fail over.
 */
export class Failover {
  constructor(
    private readonly payments: Payments,
    private readonly opts: FailoverOptions,
  ) {}

  /**
   * Pays a claimed payment: at its provider, and after each refusal that proves nothing was
   * created, at the next route. The last attempt's outcome, and the payment as it stands.
   */
  async payAlong(
    claimed: Tx,
    pay: (tx: Tx) => Promise<Outcome<Payment>>,
    health?: { observe(provider: string): Promise<void> },
  ): Promise<{ tx: Tx; outcome: Outcome<Payment> }> {
    let tx = claimed;
    let outcome = await pay(tx);
    for (let next: Tx | undefined; outcome.kind === "failed" && (next = await this.next(tx, outcome)); ) {
      await health?.observe(tx.provider);
      tx = next;
      outcome = await pay(tx);
    }
    return { tx, outcome };
  }

  /** The payment moved to the next route that quotes it within its price, or undefined (the refusal then settles it). */
  async next(tx: Tx, refused: Failed): Promise<Tx | undefined> {
    const now = this.opts.now();
    if (!refused.notProcessed || !tx.bill.prepaid || now > (tx.confirmedAt ?? tx.createdAt) + this.opts.windowMs) return undefined;
    const { payments } = this;
    const tried = new Set(payments.attempts.of(tx.id).map((a) => a.provider));
    for (const route of payments.router.routes(tx.productId, now)) {
      const provider = payments.providers.get(route.provider);
      if (tried.has(route.provider) || !provider) continue;
      const got = await inquireAt(provider, route, payments.router, tx.input ?? { customerNo: tx.customerNo }, { now: this.opts.now, retryDelayMs: 0 });
      // Never at a loss: the user's price was set at the quote and does not change.
      if (got.kind !== "bill" || got.bill.cost > tx.price) continue;
      return this.move(tx, refused, route.provider, got.bill);
    }
    return undefined;
  }

  private move(tx: Tx, refused: Failed, provider: string, bill: Tx["bill"]): Tx | undefined {
    const { payments } = this;
    const now = this.opts.now();
    const moved = payments.db
      .transaction(() => {
        if (!payments.txs.reroute(tx.id, provider, bill, now)) return false;
        payments.attempts.answered(tx.bill.refs.refId, "refused", refused, now);
        payments.attempts.sent({ txId: tx.id, provider, ref: bill.refs.refId, productCode: bill.productCode, cost: bill.cost, now });
        return true;
      })
      .immediate();
    this.opts.logger?.info(
      { event: "failover", tx: tx.id, from: tx.provider, code: refused.code, to: provider, ref: bill.refs.refId, cost: bill.cost, moved },
      "payment failed over",
    );
    return moved ? payments.txs.get(tx.id) : undefined;
  }
}
