import type { BotDeps } from "../bot/deps.js";
import { lossAlert, paymentNotifier, pendingAlert, throttleAlert } from "../bot/notifier.js";
import type { Config } from "../config.js";
import type { Payments } from "../payments/payments.js";
import { PaymentWorker } from "../payments/worker.js";
import type { AppOptions } from "./options.js";
import type { routingOf } from "./selling.js";

/** The payment worker and who it tells: the user of each change, the admins of what needs them. */
export function workerOf(
  config: Config,
  opts: AppOptions,
  payments: Payments,
  tell: Pick<BotDeps, "catalog" | "db" | "favorites" | "notifyUser" | "notifyAdmins" | "struk" | "wallet" | "users" | "now">,
  operator: BotDeps["alertOperator"],
  log: (m: string) => void,
  routing: ReturnType<typeof routingOf>,
) {
  const notifiers = { user: paymentNotifier(tell), admins: pendingAlert(tell), operator, loss: lossAlert(tell), throttled: throttleAlert(tell) };
  const pendingAlertMs = config.pendingAlertMinutes * 60_000;
  return new PaymentWorker(payments, notifiers, {
    now: opts.now,
    pollIntervalMs: opts.pollIntervalMs,
    pendingAlertMs,
    concurrency: config.workerConcurrency,
    log,
    ...routing,
  });
}
