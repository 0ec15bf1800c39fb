import { formatRupiah } from "../billing/format.js";
import type { User } from "../db/users.js";
import type { BotDeps } from "./deps.js";
import { labelById, userLabel } from "./user-label.js";

/**
 * Tells the user their top-up landed, and the other admins that it did (the admin who did it has
 * their reply already).
 */
export async function announceTopup(
  deps: Pick<BotDeps, "users" | "notifyUser" | "notifyAdmins">,
  a: { user: User; adminId: number; amount: number; balance: number },
): Promise<void> {
  const amount = formatRupiah(a.amount);
  const balance = formatRupiah(a.balance);
  if (a.user.id !== a.adminId) await deps.notifyUser(a.user.id, (t) => t("topup-received", { amount, balance }));
  const admin = labelById(deps.users, a.adminId);
  await deps.notifyAdmins((t) => t("admin-topup-note", { admin, user: userLabel(a.user), amount, balance }), a.adminId);
}
