import { activeFlows } from "../db/conversation-store.js";
import { Questions } from "../db/questions.js";
import type { BotDeps } from "./deps.js";
import { DEFAULT_LOCALE } from "./i18n.js";

/**
 * What a text channel says when a chat's flow, left waiting for typed text, is picked up after a
 * restart: the question itself again (product and what to type), or a plain "go on" without one.
 */
export function resumeText(deps: Pick<BotDeps, "db" | "i18n" | "users">, chatId: number): string {
  const locale = deps.users.language(chatId) ?? DEFAULT_LOCALE;
  const question = new Questions(deps.db).open(chatId, activeFlows(deps.db, chatId));
  return question ? deps.i18n.t(locale, "terminal-resume-question", { question }) : deps.i18n.t(locale, "terminal-resume");
}
