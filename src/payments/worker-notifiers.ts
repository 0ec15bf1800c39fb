import type { Tx } from "../billing/transaction.js";

/** Tells a user what became of their payment, through whatever channel they use. */
export type PaymentNotifier = (tx: Tx) => Promise<void>;

/** Tells the admins that a payment has waited too long for the provider (pending, or not yet taken by it), or is awaiting what the provider did not deliver. */
export type PendingAlert = (tx: Tx) => Promise<void>;

/** Tells the admins the provider's limit paused every payment for the longest pause there is. */
export type ThrottleAlert = (pause: { ms: number; reason: string }) => Promise<void>;

/** Tells the admins the provider refused a payment for a reason only they can fix. */
export type OperatorAlert = (problem: { code: string; message: string; productId: string }) => Promise<void>;

/** Tells the admins the provider took more for a payment than the user paid for it. */
export type LossAlert = (tx: Tx) => Promise<void>;

export interface WorkerNotifiers {
  user: PaymentNotifier;
  admins: PendingAlert;
  operator: OperatorAlert;
  loss: LossAlert;
  throttled: ThrottleAlert;
}
