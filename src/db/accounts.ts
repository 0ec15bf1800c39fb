import type { Db } from "./database.js";
import { statements } from "./statements.js";

export interface LinkCode {
  id: number;
  userId: number;
  expiresAt: number;
}

/**
 * Linked accounts in SQLite. A WhatsApp user linked to a Telegram user keeps their own users row
 * (with merged_into set) and their old ledger rows; their WhatsApp ids map to the Telegram user
 * from then on, so the bot sees one user, one balance and one set of favourites on both channels.
 * The money moves are the Wallet's (src/payments/link.ts); everything else moves here.
 */
export class Accounts {
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  /** A new code for the user; their earlier open code, and every expired one, stop counting. */
  issueCode(userId: number, code: string, now: number, expiresAt: number): void {
    this.sql("UPDATE link_codes SET state = 'replaced' WHERE state = 'open' AND (user_id = ? OR expires_at <= ?)").run(userId, now);
    this.sql("INSERT INTO link_codes (user_id, code, created_at, expires_at) VALUES (?, ?, ?, ?)").run(userId, code, now, expiresAt);
  }

  /** Whether a code is open now (to draw a fresh one). */
  codeTaken(code: string): boolean {
    return this.sql("SELECT 1 FROM link_codes WHERE code = ? AND state = 'open'").get(code) !== undefined;
  }

  /** The open code with this text, expired or not (the caller tells which). */
  openCode(code: string): LinkCode | undefined {
    return this.sql("SELECT id, user_id AS userId, expires_at AS expiresAt FROM link_codes WHERE code = ? AND state = 'open'").get(code) as
      | LinkCode
      | undefined;
  }

  /** Marks a code used; false when it was not open any more (typed twice, or by two at once). */
  claimCode(id: number, usedBy: number, now: number): boolean {
    return this.sql("UPDATE link_codes SET state = 'used', used_by = ?, used_at = ? WHERE id = ? AND state = 'open'").run(usedBy, now, id).changes === 1;
  }

  /** The WhatsApp user merged into this account, if any. */
  linkedTo(accountId: number): number | undefined {
    const row = this.sql("SELECT id FROM users WHERE merged_into = ? LIMIT 1").get(accountId) as { id: number } | undefined;
    return row?.id;
  }

  /** Payments of the user the provider may still settle (a refund would land on that user's row). */
  inFlight(userId: number): number {
    return (this.sql("SELECT COUNT(*) AS n FROM transactions WHERE user_id = ? AND state IN ('confirmed','sending','pending')").get(userId) as { n: number }).n;
  }

  /**
   * Everything but the balance moves to the account, in the caller's transaction: the WhatsApp
   * ids, the outbox, favourites (the account's label wins on the same number), the PIN and price
   * level and language when the account has none, open deposit requests and gateway deposits
   * (credited to the account when paid); unconfirmed quotes are cancelled.
   */
  merge(mergedId: number, accountId: number, now: number, lastChannel?: string): void {
    const run = (sql: string, ...args: unknown[]) => this.sql(sql).run(...args);
    run("UPDATE whatsapp_ids SET user_id = ? WHERE user_id = ?", accountId, mergedId);
    run("UPDATE whatsapp_outbox SET user_id = ? WHERE user_id = ?", accountId, mergedId);
    run("UPDATE OR IGNORE favorites SET user_id = ? WHERE user_id = ?", accountId, mergedId);
    run("DELETE FROM favorites WHERE user_id = ?", mergedId);
    run(
      `INSERT INTO user_pins (user_id, salt, hash, failures, paused_until)
         SELECT ?, salt, hash, failures, paused_until FROM user_pins WHERE user_id = ? AND hash IS NOT NULL
       ON CONFLICT(user_id) DO UPDATE SET salt = excluded.salt, hash = excluded.hash, failures = excluded.failures, paused_until = excluded.paused_until
         WHERE user_pins.hash IS NULL`,
      accountId,
      mergedId,
    );
    run("DELETE FROM user_pins WHERE user_id = ?", mergedId);
    run(
      `UPDATE users SET price_level = COALESCE(price_level, (SELECT price_level FROM users WHERE id = @merged)),
         language = COALESCE(language, (SELECT language FROM users WHERE id = @merged)) WHERE id = @account`,
      { merged: mergedId, account: accountId },
    );
    run("UPDATE deposit_requests SET user_id = ? WHERE user_id = ? AND state = 'open'", accountId, mergedId);
    run("UPDATE deposits SET user_id = ? WHERE user_id = ? AND state = 'open'", accountId, mergedId);
    run("UPDATE transactions SET state = 'cancelled', updated_at = ? WHERE user_id = ? AND state = 'quoted'", now, mergedId);
    run("UPDATE users SET merged_into = ? WHERE id = ?", accountId, mergedId);
    if (lastChannel) run("UPDATE users SET last_channel = ? WHERE id = ?", lastChannel, accountId);
  }

  /**
   * Undoes a link: the WhatsApp ids go back to the WhatsApp user's own row (its balance as the
   * link left it: empty). The balance, history and favourites stay with the account. Returns the
   * WhatsApp user, undefined when the account had none linked.
   */
  unlink(accountId: number): number | undefined {
    return this.db
      .transaction(() => {
        const mergedId = this.linkedTo(accountId);
        if (mergedId === undefined) return undefined;
        this.sql("UPDATE whatsapp_ids SET user_id = ? WHERE user_id = ?").run(mergedId, accountId);
        this.sql("UPDATE users SET merged_into = NULL WHERE id = ?").run(mergedId);
        this.sql("UPDATE users SET last_channel = channel WHERE id = ?").run(accountId);
        return mergedId;
      })
      .immediate();
  }
}
