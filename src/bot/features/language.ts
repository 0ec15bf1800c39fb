import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { publishChatCommands } from "../commands.js";

const LANGUAGES = ["id", "en"] as const;

/** /bahasa: the user's language, stored in SQLite so it holds inside conversations and after restarts. */
export function languageFeature(deps: Pick<BotDeps, "channel" | "i18n" | "isAdmin" | "log" | "users">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.command(["bahasa", "language"], (ctx) =>
    ctx.reply(ctx.t("language-choose"), {
      reply_markup: new InlineKeyboard().text(ctx.t("language-name-id"), "lang:id").text(ctx.t("language-name-en"), "lang:en"),
    }),
  );
  c.callbackQuery(/^lang:(\w+)$/, async (ctx) => {
    const locale = LANGUAGES.find((l) => l === ctx.match[1]);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    if (!locale) return;
    deps.users.setLanguage(ctx.from.id, locale);
    await ctx.i18n.renegotiateLocale();
    await ctx.reply(ctx.t("language-set"));
    if (deps.channel === "telegram") await publishChatCommands(ctx.api, deps, ctx.from.id);
  });
  return c;
}
