import { z } from "zod";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

const PinRow = z.object({ salt: z.string().nullable(), hash: z.string().nullable(), failures: z.number().int(), paused_until: z.number().nullable() });

/** A user's PIN as kept: never the PIN itself, only its salted hash. */
export interface StoredPin {
  salt: string;
  hash: string;
}

export interface PinState {
  pin: StoredPin | undefined;
  /** Wrong tries in a row since the last right one. */
  failures: number;
  pausedUntil: number | undefined;
}

/** The user_pins table: salted hashes, wrong tries in a row, the pause after too many. */
export class Pins {
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  state(userId: number): PinState {
    const row = this.sql("SELECT salt, hash, failures, paused_until FROM user_pins WHERE user_id = ?").get(userId);
    if (row === undefined) return { pin: undefined, failures: 0, pausedUntil: undefined };
    const r = PinRow.parse(row);
    return {
      pin: r.salt !== null && r.hash !== null ? { salt: r.salt, hash: r.hash } : undefined,
      failures: r.failures,
      pausedUntil: r.paused_until ?? undefined,
    };
  }

  /** A new PIN; the count of wrong tries and any pause start afresh. */
  set(userId: number, pin: StoredPin): void {
    this.sql(
      `INSERT INTO user_pins (user_id, salt, hash, failures, paused_until) VALUES (?, ?, ?, 0, NULL)
       ON CONFLICT(user_id) DO UPDATE SET salt = excluded.salt, hash = excluded.hash, failures = 0, paused_until = NULL`,
    ).run(userId, pin.salt, pin.hash);
  }

  /** An admin's reset: no PIN, no pause. True when there was something to reset. */
  clear(userId: number): boolean {
    return this.sql("DELETE FROM user_pins WHERE user_id = ?").run(userId).changes > 0;
  }

  /** A right PIN: the wrong tries are forgotten. */
  passed(userId: number): void {
    this.sql("UPDATE user_pins SET failures = 0 WHERE user_id = ?").run(userId);
  }

  /** A wrong PIN; at `maxTries` in a row the purchases pause until `pauseUntil` and the count starts afresh. Returns the tries left (0: paused). */
  failed(userId: number, maxTries: number, pauseUntil: number): number {
    return this.db
      .transaction(() => {
        const failures = this.state(userId).failures + 1;
        const paused = failures >= maxTries;
        this.sql("UPDATE user_pins SET failures = ?, paused_until = ? WHERE user_id = ?").run(paused ? 0 : failures, paused ? pauseUntil : null, userId);
        return paused ? 0 : maxTries - failures;
      })
      .immediate();
  }
}
