import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context, MiddlewareFn } from "grammy";
import type { Translate } from "../billing/format.js";
import type { Users } from "../db/users.js";
import type { ConvContext } from "./context.js";

export const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));
export const DEFAULT_LOCALE = "id";

/** The language a user chose (/bahasa), Indonesian until they choose. */
export const userLocale = (users: Users, ctx: Context): string => (ctx.from ? users.language(ctx.from.id) : undefined) ?? DEFAULT_LOCALE;

/**
 * Translations from locales/*.ftl. The language is read from SQLite on every update, not from a
 * session: sessions are not available inside conversations, and a switch must apply mid-flow.
 */
export function createI18n(users: Users): I18n<Context> {
  const i18n = new I18n<Context>({
    defaultLocale: DEFAULT_LOCALE,
    // Bidi isolation marks would show up as junk on WhatsApp and in the terminal.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => userLocale(users, ctx),
  });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  negotiateOnce(i18n);
  return i18n;
}

/** The part of @grammyjs/i18n's Fluent that picks the bundles for the locale(s) asked for. */
type Bundles = unknown;
interface Matching {
  matchBundles(locales: string[]): Bundles;
}

/**
 * Every `t` call negotiates its locale against the loaded ones (@fluent/langneg) and builds the
 * list of bundles afresh: about a tenth of what the bot allocated per update. The bundles are
 * loaded once, before this, so the answer for a locale never changes: it is kept per locale the
 * bot has files for (bounded by the locales directory); any other locale is negotiated as before.
 */
export function negotiateOnce(i18n: I18n<Context>): void {
  const fluent = i18n.fluent as unknown as Matching;
  const negotiate = fluent.matchBundles.bind(fluent);
  const known = new Map(i18n.locales.map((locale) => [locale, negotiate([locale])]));
  fluent.matchBundles = (locales) => (locales.length === 1 && known.get(locales[0]!)) || negotiate(locales);
}

/**
 * `t` inside conversations. A flow's contexts are made afresh on every replay, one per update it
 * waited for; i18n's own middleware would set up its helpers and negotiate on each, while flows
 * only ever call `t`. The language is looked up when a text is made, so a switch applies at once.
 */
export function flowTranslations(i18n: I18n<Context>, users: Users): MiddlewareFn<ConvContext> {
  return (ctx, next) => {
    ctx.t = ctx.translate = (key, vars) => i18n.t(userLocale(users, ctx), key, vars);
    return next();
  };
}

/** A translate function for one locale, for text made outside an update (notifications). */
export function translator(i18n: I18n<Context>, locale: string): Translate {
  return (key, vars) => i18n.t(locale, key, vars);
}
