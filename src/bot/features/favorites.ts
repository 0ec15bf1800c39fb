import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { CONVERSATION } from "../../../conversations/index.js";
import { prepaidCode } from "../../billing/prepaid-id.js";

/**
 * /favorit: saved numbers. "Bayar lagi" starts the pay flow straight at the inquiry; a number can
 * be deleted. Installed after the conversations are registered, since it enters them.
 */
export function favoritesFeature(deps: Pick<BotDeps, "catalog" | "favorites" | "prepaid">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();

  const list = async (ctx: BotContext) => {
    const favorites = deps.favorites.list(ctx.from!.id);
    if (favorites.length === 0) return { text: ctx.t("favorite-empty"), reply_markup: new InlineKeyboard() };
    const locale = await ctx.i18n.getLocale();
    const kb = new InlineKeyboard();
    const lines = favorites.map((f, i) => {
      kb.text(ctx.t("favorite-pay-button", { n: i + 1, label: f.label }), `fav:pay:${f.id}`)
        .text(ctx.t("favorite-delete-button", { n: i + 1 }), `fav:del:${f.id}`)
        .row();
      return ctx.t("favorite-line", {
        n: i + 1,
        label: f.label,
        product: deps.prepaid.nameOf(f.productId) ?? deps.catalog.productName(f.productId, locale),
        number: f.input.customerNo,
      });
    });
    return { text: [ctx.t("favorite-title"), "", ...lines].join("\n"), reply_markup: kb };
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
  c.callbackQuery(/^fav:del:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery({ text: deps.favorites.remove(ctx.from.id, Number(ctx.match[1])) ? ctx.t("favorite-deleted") : undefined });
    const l = await list(ctx);
    await ctx.editMessageText(l.text, { reply_markup: l.reply_markup }).catch(() => {});
  });
  return c;
}
