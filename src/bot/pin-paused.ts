import { formatDateTimeWib, type Translate } from "../billing/format.js";
import type { BotDeps } from "./deps.js";
import { labelById } from "./user-label.js";

/** Too many wrong PINs: what the user reads (purchases paused until when, who can lift it). */
export const pinPausedText = (t: Translate, until: number) => t("pin-paused", { until: formatDateTimeWib(until, t) });

/** Too many wrong PINs: the admins hear whose purchases are paused, and till when. */
export async function tellAdminsPinPaused(deps: Pick<BotDeps, "notifyAdmins" | "users">, userId: number, until: number): Promise<void> {
  const user = labelById(deps.users, userId);
  await deps.notifyAdmins((t) => t("pin-paused-admin", { user, id: String(userId), until: formatDateTimeWib(until, t) }));
}
