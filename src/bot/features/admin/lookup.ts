import { formatEcho } from "../../../billing/format.js";
import type { User, Users } from "../../../db/users.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import type { AdminResult } from "./guard.js";
import type { Tx } from "../../../billing/transaction.js";

/**
 * Names a user the way an admin would: numeric id, @username, or phone number (08…, 62…, +62…).
 * Digits are an id first; a leading 0 or + is always a phone number ("0812" is not user 812).
 */
export function resolveUser(users: Users, ref: string): User | undefined {
  const user = named(users, ref.trim());
  // A WhatsApp user linked to a Telegram account is that account (a top-up for their number must
  // reach the balance they use, not their old, emptied row).
  return user?.mergedInto === undefined ? user : users.get(user.mergedInto);
}

function named(users: Users, text: string): User | undefined {
  if (/^[1-9]\d*$/.test(text) && Number.isSafeInteger(Number(text))) return users.get(Number(text)) ?? users.byPhone(text);
  if (/^[+0]/.test(text)) return users.byPhone(text);
  if (/^@?\w{3,}$/.test(text)) return users.byUsername(text);
  return undefined;
}

/**
 * Splits "<user> <rest>" where the user may be a phone number written with spaces
 * ("+62 812 3456 7890 10rb"): the longest run of leading words that is the number of a known
 * user is the user; otherwise the first word is.
 */
export function splitUserRef(users: Users, words: string[]): { who: string | undefined; rest: string[] } {
  if (/^(\+|0|62$)/.test(words[0] ?? "")) {
    for (let n = words.length - 1; n > 1; n--) {
      const ref = words.slice(0, n).join(" ");
      if (users.byPhone(ref)) return { who: ref, rest: words.slice(n) };
    }
  }
  return { who: words[0], rest: words.slice(1) };
}

/** A user or the refusal to show the admin. */
export function findUser(deps: Pick<BotDeps, "payments" | "users">, ctx: BotContext, ref: string): User | AdminResult {
  return resolveUser(deps.users, ref) ?? { reply: ctx.t("admin-user-not-found", { user: formatEcho(ref) }), outcome: "unknown-user" };
}

/** A payment by its reference (as shown in receipts, /pending and /user, or a failover attempt's), or the refusal. */
export function findTx(deps: Pick<BotDeps, "payments" | "users">, ctx: BotContext, ref: string): Tx | AdminResult {
  const { txs, attempts } = deps.payments;
  const byAttempt = (r: string) => {
    const owner = attempts.txOf(r);
    return owner && txs.get(owner.txId);
  };
  return txs.get(ref) ?? txs.get(ref.toUpperCase()) ?? byAttempt(ref.toUpperCase()) ?? { reply: ctx.t("admin-tx-not-found", { ref }), outcome: "unknown-tx" };
}

export const isRefusal = <T extends object>(r: T | AdminResult): r is AdminResult => "reply" in r && "outcome" in r;
