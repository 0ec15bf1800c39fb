import { writeAudit } from "../db/audit.js";
import type { Db } from "../db/database.js";
import type { DepositRequest, DepositRequests } from "../db/deposit-requests.js";
import type { Wallet } from "./wallet.js";

export type CreditResult =
  | { kind: "credited"; request: DepositRequest; amount: number; balance: number }
  /** Done or dismissed already (a second tap, or another admin was first): nothing moved. */
  | { kind: "handled"; request: DepositRequest }
  /** The user changed the request after the admin's button was made: the button's amount is not the request's. */
  | { kind: "changed"; request: DepositRequest }
  | { kind: "missing" };

export interface CreditInput {
  requestId: number;
  adminId: number;
  /** The amount on the button the admin pressed; null when it carried none. */
  shown: number | null;
  /** The admin's amount, for a request without one. */
  amount?: number;
  now: number;
}

/**
 * Credits a deposit request once: closing the request, its ledger row and the admin's audit row
 * are one SQLite transaction, so a request already handled, or changed since the button was
 * made, credits nothing, and no credit is ever kept without its audit row.
 */
export function creditDepositRequest(deps: { db: Db; depositRequests: DepositRequests; wallet: Wallet }, input: CreditInput): CreditResult {
  const { requestId: id, adminId, now } = input;
  return deps.db
    .transaction((): CreditResult => {
      const closed = deps.depositRequests.close(id, adminId, input.shown, input.amount, now);
      const result = closed.kind === "closed" ? credit(deps.wallet, closed.request, closed.amount, adminId, now) : closed;
      writeAudit(
        deps.db,
        {
          actorId: adminId,
          action: "deposit-credit",
          allowed: true,
          targetUserId: result.kind === "missing" ? undefined : result.request.userId,
          detail: { request: id, outcome: result.kind === "credited" ? "done" : result.kind, amount: result.kind === "credited" ? result.amount : null },
        },
        now,
      );
      return result;
    })
    .immediate();
}

function credit(wallet: Wallet, request: DepositRequest, amount: number, adminId: number, now: number): CreditResult {
  const posted = wallet.post({ userId: request.userId, amount, kind: "topup", actorId: adminId, note: `deposit request #${request.id}`, now });
  // A top-up cannot go below zero and the foreign key guarantees the user: this is a broken database.
  if (!posted.ok) throw new Error(`deposit request ${request.id}: could not credit user ${request.userId} (${posted.reason})`);
  return { kind: "credited", request, amount, balance: posted.balance };
}
