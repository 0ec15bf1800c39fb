import type { Api } from "grammy";
import type { BotDeps, Channel } from "../bot/deps.js";
import { createI18n } from "../bot/i18n.js";
import { userNotifier } from "../bot/notifier.js";
import type { Config } from "../config.js";
import type { Users } from "../db/users.js";

/** ADMIN_IDS, the terminal's operator, and WhatsApp admins named by phone (they count once they have written to the bot). */
export function adminsOf(config: Config, users: Users, localAdminId: number | undefined) {
  const ids = new Set(config.adminIds);
  if (localAdminId !== undefined) ids.add(localAdminId);
  const phones = new Set(config.adminPhones);
  const isPhoneAdmin = (id: number) => {
    const user = users.get(id);
    return user?.channel === "whatsapp" && user.phone !== null && phones.has(user.phone);
  };
  return {
    isAdmin: (id: number) => ids.has(id) || isPhoneAdmin(id),
    all: () => [...ids, ...users.onChannelWithPhones("whatsapp", [...phones]).map((u) => u.id)],
  };
}

/** Messages to a user through their own channel's bot (registered as each bot is made), and to every admin. */
export function messagesOf(users: Users, admins: ReturnType<typeof adminsOf>, channel: Channel, log: (m: string) => void) {
  const apis = new Map<string, Api>();
  const i18n = createI18n(users);
  const notifyUser = userNotifier(users, i18n, (c) => apis.get(c), channel, log);
  const notifyAdmins: BotDeps["notifyAdmins"] = async (render, exceptId, replaces) => {
    const sent = [];
    for (const id of admins.all()) if (id !== exceptId) sent.push(await notifyUser(id, render, replaces?.(id)));
    return sent.filter((m) => m !== undefined);
  };
  return { apis, i18n, notifyUser, notifyAdmins, forBot: { notifyUser, notifyAdmins } };
}
export type Messages = ReturnType<typeof messagesOf>;
