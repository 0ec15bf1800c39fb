import type { Wallet } from "./wallet.js";

/** An admin's /topup or /potong as the ledger takes it. */
export interface BalanceChangeInput {
  kind: "topup" | "deduct";
  userId: number;
  /** Positive; a deduction is posted negated. */
  amount: number;
  adminId: number;
  note?: string;
  /** The command that asked for it (see PostEntry.requestKey): a redelivered one moves nothing. */
  requestKey?: string;
  now: number;
}

export type BalanceChangeResult =
  | { kind: "done"; balance: number }
  /** Carried out already under the same request key: nothing moved; `balance` is the balance now. */
  | { kind: "duplicate"; balance: number }
  /** A deduction larger than the balance: nothing moved. */
  | { kind: "insufficient"; balance: number }
  | { kind: "no-user" };

/**
 * An admin's change of a user's balance: one ledger row with the admin, the note and the request
 * key. The caller runs it inside the transaction that writes the admin's audit row (adminWrite).
 */
export function changeBalance(wallet: Wallet, change: BalanceChangeInput): BalanceChangeResult {
  const posted = wallet.post({
    userId: change.userId,
    amount: change.kind === "deduct" ? -change.amount : change.amount,
    kind: change.kind,
    actorId: change.adminId,
    note: change.note || undefined,
    now: change.now,
    requestKey: change.requestKey,
  });
  if (posted.ok) return { kind: "done", balance: posted.balance };
  return posted.reason === "no-user" ? { kind: "no-user" } : { kind: posted.reason, balance: posted.balance };
}
