import type { Api } from "grammy";
import type { BotDeps } from "./deps.js";
import { DEFAULT_LOCALE, translator } from "./i18n.js";

/** The commands Telegram lists in its menu; descriptions come from the locales (cmd-<name>). */
const USER_COMMANDS = [
  "start",
  "bayar",
  "beli",
  "saldo",
  "riwayat",
  "mutasi",
  "favorit",
  "tagihanku",
  "pengingat",
  "deposit",
  "pin",
  "tautkan",
  "struk",
  "bahasa",
  "batal",
  "bantuan",
];
export const ADMIN_COMMANDS = [
  "topup",
  "potong",
  "user",
  "pending",
  "cek",
  "selesaikan",
  "saldoprovider",
  "laporan",
  "ringkasan",
  "export",
  "harga",
  "rute",
  "sembunyikan",
  "tampilkan",
  "blokir",
  "buka",
  "deposits",
  "resetpin",
  "level",
  "reload",
  "lepas",
  "broadcast",
  "markup",
];

function commandList(deps: Pick<BotDeps, "i18n" | "isAdmin" | "log" | "users">, locale: string, admin: boolean) {
  const t = translator(deps.i18n, locale);
  return [...USER_COMMANDS, ...(admin ? ADMIN_COMMANDS : [])].map((command) => ({ command, description: t(`cmd-${command}`) }));
}

/**
 * Publishes the localised command menu at start-up: Indonesian by default, English for English
 * clients, and the admin commands only in the admins' own chats.
 */
export async function publishCommands(api: Api, deps: Pick<BotDeps, "i18n" | "isAdmin" | "log" | "users">, adminIds: number[]): Promise<void> {
  await api.setMyCommands(commandList(deps, DEFAULT_LOCALE, false));
  await api.setMyCommands(commandList(deps, "en", false), { language_code: "en" });
  for (const id of adminIds) await publishChatCommands(api, deps, id);
}

/** One chat's menu in that user's chosen language (after /bahasa, and for each admin). */
export async function publishChatCommands(api: Api, deps: Pick<BotDeps, "i18n" | "isAdmin" | "log" | "users">, userId: number): Promise<void> {
  const locale = deps.users.language(userId) ?? DEFAULT_LOCALE;
  await api
    .setMyCommands(commandList(deps, locale, deps.isAdmin(userId)), { scope: { type: "chat", chat_id: userId } })
    .catch((err: Error) => deps.log(`could not set the command menu for ${userId}: ${err.message}`));
}
