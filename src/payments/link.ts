import { Accounts } from "../db/accounts.js";
import type { Db } from "../db/database.js";
import type { Users } from "../db/users.js";
import type { Wallet } from "./wallet.js";

export interface LinkInput {
  /** The two users to link, in any order: one Telegram user (the account) and one WhatsApp user. */
  a: number;
  b: number;
  /** Who asked (the user who typed the code, or the admin): on the ledger rows. */
  actorId: number;
  /** Unique to this request ("link-code:<id>", "admin-link:<chat>:<message>"): the ledger rows' request keys. */
  key: string;
  now: number;
  /** The channel the request came from: the account's notices go there next. */
  lastChannel?: string;
  /** Runs first in the transaction: takes the one-time code; false when it was taken already. */
  claim?: () => boolean;
}

export type LinkRefusal = "same-channel" | "already-linked" | "busy" | "code-used" | "no-user";

export type LinkResult = { ok: true; accountId: number; mergedId: number; moved: number; balance: number } | { ok: false; reason: LinkRefusal };

/**
 * Links a WhatsApp user to a Telegram user: the Telegram user's row is the account (Telegram ids
 * come from Telegram and cannot be mapped; WhatsApp ids are the bot's own mapping). One IMMEDIATE
 * SQLite transaction takes the code, moves the WhatsApp balance with a ledger row on each side
 * (kind 'correction', the other user in the note), and moves the rest (Accounts.merge); a second
 * typing of the code, or two at once, finds the code taken or the user linked and moves nothing.
 * Refused while the WhatsApp user has payments in flight: their refund would land on the old row.
 */
export function linkAccounts(db: Db, users: Users, wallet: Wallet, input: LinkInput): LinkResult {
  const accounts = new Accounts(db);
  return db
    .transaction((): LinkResult => {
      const [a, b] = [users.get(input.a), users.get(input.b)];
      if (!a || !b) return { ok: false, reason: "no-user" };
      const account = [a, b].find((u) => u.channel === "telegram");
      const merged = [a, b].find((u) => u.channel === "whatsapp");
      if (!account || !merged) return { ok: false, reason: "same-channel" };
      if (merged.mergedInto !== undefined || accounts.linkedTo(account.id) !== undefined) return { ok: false, reason: "already-linked" };
      if (accounts.inFlight(merged.id) > 0) return { ok: false, reason: "busy" };
      if (input.claim && !input.claim()) return { ok: false, reason: "code-used" };
      const moved = wallet.balance(merged.id);
      if (moved > 0) {
        const common = { kind: "correction" as const, actorId: input.actorId, now: input.now };
        const out = wallet.post({ ...common, userId: merged.id, amount: -moved, note: `link: to ${account.id}`, requestKey: `${input.key}:out` });
        const into = wallet.post({ ...common, userId: account.id, amount: moved, note: `link: from ${merged.id}`, requestKey: `${input.key}:in` });
        // Under the write lock nothing else moved these balances: a refusal here is a bug, and the throw undoes it all.
        if (!out.ok || !into.ok) throw new Error(`link ${input.key}: balance move refused`);
      }
      accounts.merge(merged.id, account.id, input.now, input.lastChannel);
      return { ok: true, accountId: account.id, mergedId: merged.id, moved, balance: wallet.balance(account.id) };
    })
    .immediate();
}
