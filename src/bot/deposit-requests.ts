import { formatRupiah, type Translate } from "../billing/format.js";
import type { DepositRequest, SubmitResult } from "../db/deposit-requests.js";
import { creditDepositRequest } from "../payments/deposit-requests.js";
import { announceTopup } from "./balance-notices.js";
import type { BotDeps } from "./deps.js";
import { labelById, userLabel } from "./user-label.js";

/**
 * The one-tap top-up of a request. It carries the amount the admin sees, so a button left from
 * before the user changed the request credits nothing (see DepositRequests.close).
 */
export const depositButtonData = (request: DepositRequest) => (request.amount === null ? `dreq:${request.id}` : `dreq:${request.id}:${request.amount}`);

/** A request's text and button as the admins see it. */
function requestMessage(
  deps: Pick<BotDeps, "db" | "depositLimits" | "depositRequests" | "logger" | "notifyAdmins" | "notifyUser" | "now" | "users" | "wallet">,
  request: DepositRequest,
  t: Translate,
) {
  const user = labelById(deps.users, request.userId);
  const shown = request.amount === null ? undefined : formatRupiah(request.amount);
  return {
    text: shown
      ? t("admin-deposit-request", { id: String(request.id), user, amount: shown })
      : t("admin-deposit-request-no-amount", { id: String(request.id), user }),
    buttons: [[{ text: shown ? t("admin-deposit-button", { amount: shown }) : t("admin-deposit-button-ask"), data: depositButtonData(request) }]],
  };
}

/**
 * Records a user's top-up request (or updates the one still open) and shows it to every admin:
 * one message per request and admin, edited when the request changes.
 */
export async function requestDeposit(
  deps: Pick<BotDeps, "db" | "depositLimits" | "depositRequests" | "logger" | "notifyAdmins" | "notifyUser" | "now" | "users" | "wallet">,
  userId: number,
  amount: number | undefined,
): Promise<SubmitResult> {
  const result = deps.depositRequests.submit(userId, amount, deps.now(), deps.depositLimits.requestsPerHour);
  if (result.kind === "too-many") return result;
  const { request } = result;
  const shown = deps.depositRequests.messages(request.id);
  const sent = await deps.notifyAdmins(
    (t) => requestMessage(deps, request, t),
    undefined,
    (adminId) => shown.get(adminId),
  );
  for (const m of sent) deps.depositRequests.rememberMessage(request.id, m.userId, m.messageId);
  return result;
}

/**
 * Credits a deposit request (with `amount` when the user gave none) and returns the admin's
 * reply. `shown` is the amount on the button the admin pressed; a request already handled, or
 * changed since, credits nothing.
 */
export async function creditRequestAndTell(
  deps: Pick<BotDeps, "db" | "depositLimits" | "depositRequests" | "logger" | "notifyAdmins" | "notifyUser" | "now" | "users" | "wallet">,
  t: Translate,
  adminId: number,
  id: number,
  shown: number | null,
  amount?: number,
): Promise<string> {
  const result = creditDepositRequest(deps, { requestId: id, adminId, shown, amount, now: deps.now() });
  deps.logger.info(
    {
      event: "admin-money",
      action: "deposit-credit",
      admin: adminId,
      request: id,
      outcome: result.kind,
      ...(result.kind === "credited" && { user: result.request.userId, amount: result.amount, balance: result.balance }),
    },
    "admin money command",
  );
  if (result.kind === "missing") return t("admin-deposit-missing", { id });
  const user = deps.users.get(result.request.userId)!;
  if (result.kind === "changed") return t("admin-deposit-changed", { id: String(id) });
  if (result.kind === "handled") {
    const by = result.request.handledBy;
    return t("admin-deposit-handled", { id: String(id), admin: by === null ? t("admin-unknown-user") : labelById(deps.users, by) });
  }
  await announceTopup(deps, { user, adminId, amount: result.amount, balance: result.balance });
  return t("topup-done", { user: userLabel(user), amount: formatRupiah(result.amount), balance: formatRupiah(result.balance) });
}
