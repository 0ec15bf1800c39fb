import { z } from "zod";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

/** What a provider said to one attempt; `refused`: a documented "not processed" failure, after which the next route was tried. */
export const AttemptAnswerSchema = z.enum(["success", "failed", "refused", "pending", "unknown"]);
export type AttemptAnswer = z.infer<typeof AttemptAnswerSchema>;

export interface Attempt {
  txId: string;
  provider: string;
  ref: string;
  productCode: string;
  cost: number;
  sentAt: number;
  answer: AttemptAnswer | null;
  code: string | null;
  message: string | null;
  answeredAt: number | null;
  finalAt: number | null;
}

interface Row {
  tx_id: string;
  provider: string;
  ref: string;
  product_code: string;
  cost: number;
  sent_at: number;
  answer: string | null;
  code: string | null;
  message: string | null;
  answered_at: number | null;
  final_at: number | null;
}

const toAttempt = (r: Row): Attempt => ({
  txId: r.tx_id,
  provider: r.provider,
  ref: r.ref,
  productCode: r.product_code,
  cost: r.cost,
  sentAt: r.sent_at,
  answer: r.answer === null ? null : AttemptAnswerSchema.parse(r.answer),
  code: r.code,
  message: r.message,
  answeredAt: r.answered_at,
  finalAt: r.final_at,
});

/** How one provider did for one product lately, from its attempts. */
export interface RouteStats {
  attempts: number;
  successes: number;
  /** Mean time from sending to the final answer, over the attempts that have one (ms). */
  meanFinalMs: number | undefined;
}

/** Every call that may pay a transaction (payment_attempts): one row per provider and reference. */
export class Attempts {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** Records a send under `ref`; a second send of the same reference (a release after a rate limit) keeps the first row. */
  sent(a: { txId: string; provider: string; ref: string; productCode: string; cost: number; now: number }): void {
    this.sql("INSERT OR IGNORE INTO payment_attempts (tx_id, provider, ref, product_code, cost, sent_at) VALUES (?, ?, ?, ?, ?, ?)").run(
      a.txId,
      a.provider,
      a.ref,
      a.productCode,
      a.cost,
      a.now,
    );
  }

  /** What the provider answered to the attempt under `ref`, until a final answer (success, failed, refused), which also dates its end. */
  answered(ref: string, answer: AttemptAnswer, said: { code?: string; message?: string }, now: number): void {
    const final = answer === "success" || answer === "failed" || answer === "refused";
    this.sql(
      `UPDATE payment_attempts SET answer = ?, code = ?, message = ?, answered_at = ?, final_at = CASE WHEN ? THEN COALESCE(final_at, ?) ELSE final_at END
         WHERE ref = ? AND final_at IS NULL`,
    ).run(answer, said.code ?? null, said.message ?? null, now, final ? 1 : 0, now, ref);
  }

  /** A transaction's attempts, first first. */
  of(txId: string): Attempt[] {
    return (this.sql("SELECT * FROM payment_attempts WHERE tx_id = ? ORDER BY id").all(txId) as Row[]).map(toAttempt);
  }

  /** The transaction an attempt's reference belongs to. */
  txOf(ref: string): { txId: string; provider: string } | undefined {
    const row = this.sql("SELECT tx_id, provider FROM payment_attempts WHERE ref = ?").get(ref) as { tx_id: string; provider: string } | undefined;
    return row && { txId: row.tx_id, provider: row.provider };
  }

  /** The provider's `limit` latest answered attempts for a product code since `since`. */
  stats(provider: string, productCode: string, since: number, limit = 20): RouteStats {
    const rows = this.sql(
      `SELECT answer, sent_at, final_at FROM payment_attempts WHERE provider = ? AND product_code = ? AND sent_at >= ? AND answer IS NOT NULL
         ORDER BY id DESC LIMIT ?`,
    ).all(provider, productCode, since, limit) as { answer: string; sent_at: number; final_at: number | null }[];
    const finals = rows.filter((r) => r.final_at !== null);
    const meanFinalMs = finals.length ? finals.reduce((s, r) => s + (r.final_at! - r.sent_at), 0) / finals.length : undefined;
    return { attempts: rows.length, successes: rows.filter((r) => r.answer === "success").length, meanFinalMs };
  }

  /**
   * How many of the provider's latest attempts since `since` failed in a row (refused, or left
   * unknown by the provider); a success or a customer's failure ends the run.
   */
  failuresInARow(provider: string, since: number, limit: number): number {
    const rows = this.sql("SELECT answer, code FROM payment_attempts WHERE provider = ? AND sent_at >= ? AND answer IS NOT NULL ORDER BY id DESC LIMIT ?").all(
      provider,
      since,
      limit,
    ) as { answer: string }[];
    const run = rows.findIndex((r) => r.answer !== "refused" && r.answer !== "unknown");
    return run < 0 ? rows.length : run;
  }

  /** Per provider: the successful attempts' count, price volume and margin since `since` (the report). */
  byProvider(since: number, until: number): { provider: string; count: number; volume: number; margin: number }[] {
    return this.sql(
      `SELECT t.provider AS provider, COUNT(*) AS count, SUM(t.price) AS volume, SUM(t.price - t.cost) AS margin FROM transactions t
         WHERE t.state = 'success' AND t.settled_at >= ? AND t.settled_at < ? GROUP BY t.provider ORDER BY t.provider`,
    ).all(since, until) as { provider: string; count: number; volume: number; margin: number }[];
  }
}
