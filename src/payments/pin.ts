import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { writeAudit } from "../db/audit.js";
import type { Db } from "../db/database.js";
import { type PinOutcome, PinWaits } from "../db/pin-waits.js";
import { Pins, type StoredPin } from "../db/pins.js";

/**
 * The transaction PIN. Hashed with node's own crypto.scrypt (maintained with node itself, no
 * package to trust) and a random salt per user; compared in constant time. The PIN itself is
 * never stored, logged, audited or put in an error: audit rows name only the outcome.
 */

export type PinPolicy = "off" | "always" | "above" | "one-line";

export interface PinConfig {
  policy: PinPolicy;
  aboveAmount: number;
  maxTries: number;
  pauseMinutes: number;
}

/** What a purchase must do before money moves. */
export type PinGate = { kind: "open" } | { kind: "ask" } | { kind: "unset" } | { kind: "paused"; until: number };

export type PinCheck = { kind: "right" } | { kind: "wrong"; left: number } | { kind: "paused"; until: number; justNow: boolean } | { kind: "unset" };

export const isPinShaped = (text: string) => /^\d{4,6}$/.test(text);

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

async function hashPin(pin: string, salt: Buffer): Promise<Buffer> {
  return scryptAsync(pin, salt, KEY_LENGTH);
}

export class PinGuard {
  private readonly pins: Pins;
  /** Which chats' flows wait for the PIN, and the outcome of the one typed there. */
  readonly waits: PinWaits;

  constructor(
    private readonly db: Db,
    private readonly config: PinConfig,
    private readonly now: () => number,
  ) {
    this.pins = new Pins(db);
    this.waits = new PinWaits(db);
  }

  has(userId: number): boolean {
    return this.pins.state(userId).pin !== undefined;
  }

  /** Whether a purchase of `price` (a one-line order or not) may go on, needs the PIN, or is refused. */
  gate(userId: number, price: number, oneLine: boolean): PinGate {
    const state = this.pins.state(userId);
    if (state.pausedUntil !== undefined && state.pausedUntil > this.now()) return { kind: "paused", until: state.pausedUntil };
    const { policy, aboveAmount } = this.config;
    const required = policy === "always" || (policy === "above" && price >= aboveAmount) || (policy === "one-line" && oneLine);
    if (!required) return { kind: "open" };
    return state.pin ? { kind: "ask" } : { kind: "unset" };
  }

  /** Checks a typed PIN, counting wrong ones (each try is one audit row, without the PIN). */
  async check(userId: number, typed: string, purpose: string): Promise<PinCheck> {
    const state = this.pins.state(userId);
    if (!state.pin) return { kind: "unset" };
    const now = this.now();
    if (state.pausedUntil !== undefined && state.pausedUntil > now)
      return this.audited(userId, purpose, { kind: "paused", until: state.pausedUntil, justNow: false });
    const right = await matches(typed, state.pin);
    if (right) {
      this.pins.passed(userId);
      return this.audited(userId, purpose, { kind: "right" });
    }
    const until = now + this.config.pauseMinutes * 60_000;
    const left = this.pins.failed(userId, this.config.maxTries, until);
    return this.audited(userId, purpose, left === 0 ? { kind: "paused", until, justNow: true } : { kind: "wrong", left });
  }

  /**
   * A PIN typed where a flow waits for it (update `updateId`): checked like any, and only the
   * outcome kept for the flow to read back. Digits that cannot be a PIN count no try.
   */
  async answer(userId: number, chatId: number, updateId: number, typed: string): Promise<PinOutcome> {
    const outcome: PinOutcome = isPinShaped(typed) ? await this.check(userId, typed, "purchase") : { kind: "malformed" };
    this.waits.answered(chatId, updateId, outcome);
    return outcome;
  }

  /** Sets a PIN of 4-6 digits (the caller checked the old one). */
  async set(userId: number, pin: string, action: "pin-set" | "pin-change"): Promise<void> {
    const salt = randomBytes(16);
    const hash = await hashPin(pin, salt);
    this.db
      .transaction(() => {
        this.pins.set(userId, { salt: salt.toString("hex"), hash: hash.toString("hex") });
        writeAudit(this.db, { actorId: userId, action, allowed: true, targetUserId: userId, detail: { outcome: "done" } }, this.now());
      })
      .immediate();
  }

  /** An admin's reset (the admin command writes its own audit row): no PIN and no pause. */
  reset(userId: number): boolean {
    return this.pins.clear(userId);
  }

  private audited(userId: number, purpose: string, result: PinCheck): PinCheck {
    const outcome = result.kind === "paused" && result.justNow ? "paused-now" : result.kind;
    writeAudit(
      this.db,
      { actorId: userId, action: "pin-check", allowed: result.kind === "right", targetUserId: userId, detail: { purpose, outcome } },
      this.now(),
    );
    return result;
  }
}

async function matches(typed: string, stored: StoredPin): Promise<boolean> {
  const expected = Buffer.from(stored.hash, "hex");
  const got = await hashPin(typed, Buffer.from(stored.salt, "hex"));
  return got.length === expected.length && timingSafeEqual(got, expected);
}
