import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { CONVERSATION } from "../../../conversations/index.js";
import { prepaidCode } from "../../billing/prepaid-id.js";
import type { Favorite } from "../../db/favorites.js";

/**
 * /favorit: saved numbers. Each "Bayar lagi" button is in the order of the list, so on a text
 * channel its number is the saved number's (typing `2` pays the second one); it starts the pay
 * flow straight at the inquiry. Deleting is a separate choice that asks before it deletes. All
 * screens redraw the one message. Installed after the conversations are registered, since it enters them.
 */
export function favoritesFeature(deps: Pick<BotDeps, "catalog" | "favorites" | "prepaid">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();

  const lines = async (ctx: BotContext, favorites: Favorite[]) => {
    const locale = await ctx.i18n.getLocale();
    return favorites.map((f, i) => ctx.t("favorite-line", { n: i + 1, label: f.label, product: productOf(f, locale), number: f.input.customerNo }));
  };
  const productOf = (f: Favorite, locale: string) => deps.prepaid.nameOf(f.productId) ?? deps.catalog.productName(f.productId, locale);

  /** The list with a "Bayar lagi" per number and one "Hapus nomor"; `notice` goes on top (e.g. what was deleted). */
  const list = async (ctx: BotContext, notice?: string) => {
    const favorites = deps.favorites.list(ctx.from!.id);
    const head = notice ? [notice, ""] : [];
    if (favorites.length === 0) return { text: [...head, ctx.t("favorite-empty")].join("\n"), reply_markup: new InlineKeyboard() };
    const kb = new InlineKeyboard();
    for (const f of favorites) kb.text(ctx.t("favorite-pay-button", { label: f.label }), `fav:pay:${f.id}`).row();
    kb.text(ctx.t("favorite-delete-button"), "fav:delete");
    return { text: [...head, ctx.t("favorite-title"), "", ...(await lines(ctx, favorites))].join("\n"), reply_markup: kb };
  };

  /** Which number to delete: the same list, the same order, and a way back. */
  const pickToDelete = async (ctx: BotContext) => {
    const favorites = deps.favorites.list(ctx.from!.id);
    if (favorites.length === 0) return list(ctx);
    const kb = new InlineKeyboard();
    for (const f of favorites) kb.text(ctx.t("favorite-delete-pick-button", { label: f.label }), `fav:del:${f.id}`).row();
    kb.text(ctx.t("menu-back"), "fav:list");
    return { text: [ctx.t("favorite-delete-which"), "", ...(await lines(ctx, favorites))].join("\n"), reply_markup: kb };
  };

  const redraw = async (ctx: BotContext, screen: { text: string; reply_markup: InlineKeyboard }) => {
    await ctx.editMessageText(screen.text, { reply_markup: screen.reply_markup }).catch(() => {});
  };

  c.command(["favorit", "favorites"], async (ctx) => {
    const l = await list(ctx);
    await ctx.reply(l.text, { reply_markup: l.reply_markup });
  });
  c.callbackQuery(/^fav:save:(\w+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(CONVERSATION.saveFavorite, ctx.match[1]);
  });
  c.callbackQuery(/^fav:pay:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    const favorite = deps.favorites.get(ctx.from.id, Number(ctx.match[1]));
    // A prepaid product is bought again through its own flow, which explains one no longer sold.
    const prepaid = favorite && prepaidCode(favorite.productId) !== undefined;
    // A product no longer on offer is explained by the pay flow, with its name.
    if (!favorite || (!prepaid && !deps.catalog.product(favorite.productId))) return ctx.reply(ctx.t("favorite-unavailable"));
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(prepaid ? CONVERSATION.prepaid : CONVERSATION.pay, { productId: favorite.productId, input: favorite.input });
  });
  c.callbackQuery("fav:list", async (ctx) => {
    await ctx.answerCallbackQuery();
    await redraw(ctx, await list(ctx));
  });
  c.callbackQuery("fav:delete", async (ctx) => {
    await ctx.answerCallbackQuery();
    await redraw(ctx, await pickToDelete(ctx));
  });
  c.callbackQuery(/^fav:del:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const favorite = deps.favorites.get(ctx.from.id, Number(ctx.match[1]));
    // Already gone (deleted from another screen): the list as it is now.
    if (!favorite) return redraw(ctx, await list(ctx));
    const locale = await ctx.i18n.getLocale();
    const text = ctx.t("favorite-delete-confirm", { label: favorite.label, product: productOf(favorite, locale), number: favorite.input.customerNo });
    const kb = new InlineKeyboard().text(ctx.t("favorite-delete-yes"), `fav:delok:${favorite.id}`).text(ctx.t("menu-back"), "fav:list");
    await redraw(ctx, { text, reply_markup: kb });
  });
  c.callbackQuery(/^fav:delok:(\d+)$/, async (ctx) => {
    const favorite = deps.favorites.get(ctx.from.id, Number(ctx.match[1]));
    const removed = favorite !== undefined && deps.favorites.remove(ctx.from.id, favorite.id);
    await ctx.answerCallbackQuery();
    await redraw(ctx, await list(ctx, removed ? ctx.t("favorite-deleted", { label: favorite.label }) : undefined));
  });
  return c;
}
