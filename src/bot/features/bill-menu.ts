import type { Composer, InlineKeyboard } from "grammy";
import { localName } from "../../billing/catalog.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { userLocale } from "../i18n.js";
import { categoriesKeyboard, productsKeyboard } from "../product-menu.js";

/**
 * The bill menu (categories, then a category's products page by page) lives in its message, not in
 * a flow: each press redraws the message from the catalog and the price list, so browsing stores
 * nothing and costs no flow replay. The pay flow starts when a product is pressed (see
 * payEntryFeature); an old menu stays usable.
 */

/** Whether a button's callback data is the bill menu's (a text channel brings an open menu back after a restart). */
export const isBillMenuButton = (data: string): boolean => /^(cat|page|prod|nav):/.test(data);

/** The first screen: the categories, then the user's last used products that are still offered. */
export function billMenuHome(deps: Pick<BotDeps, "catalog" | "offer" | "payments" | "users">, ctx: BotContext) {
  const locale = userLocale(deps.users, ctx);
  const { categories, offered } = deps.offer.menu(deps.offer.hiddenIds());
  const recent = deps.payments.txs
    .recentProducts(ctx.from!.id, 3)
    .filter((id) => offered.has(id))
    .map((id) => deps.catalog.product(id)!);
  return { text: ctx.t("pay-choose-product"), reply_markup: categoriesKeyboard(categories, recent, locale, (key, vars) => ctx.t(key, vars)) };
}

/**
 * Presses on the menu's buttons. Installed before the conversations, so a press on a menu works
 * while a flow waits; a product press ends whatever flow the chat is in and goes on down to
 * payEntryFeature, which starts the pay flow with it.
 */
export function billMenuFeature(deps: Pick<BotDeps, "catalog" | "offer" | "payments" | "users">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const redraw = async (ctx: BotContext, screen: { text: string; reply_markup: InlineKeyboard }) => {
    await ctx.answerCallbackQuery().catch(() => {});
    await ctx.editMessageText(screen.text, { reply_markup: screen.reply_markup }).catch(() => {});
  };

  c.callbackQuery(/^(?:cat:([^:]+)|page:([^:]+):(\d+))$/, async (ctx) => {
    const locale = userLocale(deps.users, ctx);
    const id = ctx.match[1] ?? ctx.match[2];
    const category = deps.offer.menu(deps.offer.hiddenIds()).categories.find((k) => k.id === id);
    // A category the price list has emptied since the menu was drawn: back to the first screen.
    if (!category) return redraw(ctx, billMenuHome(deps, ctx));
    const text = ctx.t("pay-choose-in-category", { category: localName(category.names, locale) });
    await redraw(ctx, { text, reply_markup: productsKeyboard(category, Number(ctx.match[3] ?? 0), locale, (key, vars) => ctx.t(key, vars)) });
  });
  c.callbackQuery("nav:back", (ctx) => redraw(ctx, billMenuHome(deps, ctx)));
  c.callbackQuery("prod:cancel", async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => {});
    await ctx.editMessageText(ctx.t("pay-cancelled")).catch(() => {});
  });
  c.callbackQuery(/^prod:(.+)$/, async (ctx, next) => {
    // A "query is too old" after downtime must not stop the product from being taken.
    await ctx.answerCallbackQuery().catch(() => {});
    if (!deps.catalog.product(ctx.match[1]!)) {
      // A button from before the catalog changed.
      await ctx.editMessageText(ctx.t("menu-expired")).catch(() => {});
      return;
    }
    await ctx.conversation.exitAll();
    await next();
  });
  return c;
}
