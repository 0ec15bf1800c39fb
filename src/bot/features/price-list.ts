import type { Composer } from "grammy";
import { localName } from "../../billing/catalog.js";
import { formatRupiah } from "../../billing/format.js";
import { normalizeCode } from "../../billing/one-line.js";
import { operatorOfBrand } from "../../billing/operators.js";
import type { PrepaidProduct } from "../../billing/price-list.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { userLocale } from "../i18n.js";

/** Words people use for a category that are not its name. */
const CATEGORY_WORDS: Record<string, PrepaidProduct["category"]> = {
  PULSA: "pulsa",
  DATA: "data",
  PAKET: "data",
  KUOTA: "data",
  PLN: "pln",
  TOKEN: "pln",
  LISTRIK: "pln",
  EWALLET: "ewallet",
  EMONEY: "ewallet",
  GAME: "game",
  VOUCHER: "voucher",
};

/** Most lines one answer lists: a phone screen or two. */
const MAX_LINES = 40;

/**
 * /harga <brand|category> for users ("/harga tsel", "/harga pln"): the prepaid products of that
 * brand (an operator by any of its names) or category at the user's own price level, each with the
 * code a one-line order takes, and the bills whose short code matches. Admins go on to their own
 * /harga (every level's price and margin).
 */
export function priceListFeature(deps: Pick<BotDeps, "isAdmin" | "now" | "offer" | "prepaid" | "users">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();

  /** Every word must match ("tsel data": Telkomsel's data packages). */
  const matching = (query: string): ((p: PrepaidProduct) => boolean) => {
    const words = query.split(/\s+/).map(word);
    return (p) => words.every((w) => w(p));
  };

  const word = (text: string): ((p: PrepaidProduct) => boolean) => {
    const q = normalizeCode(text);
    const category = CATEGORY_WORDS[q];
    if (category) return (p) => p.category === category;
    const operator = operatorOfBrand(q);
    if (operator) return (p) => operatorOfBrand(p.brand) === operator;
    return (p) => normalizeCode(p.brand).includes(q);
  };

  c.command("harga", async (ctx, next) => {
    if (deps.isAdmin(ctx.from!.id)) return next();
    const query = (typeof ctx.match === "string" ? ctx.match : "").trim();
    if (!query) return void (await ctx.reply(ctx.t("price-list-usage")));
    const level = deps.users.priceLevel(ctx.from!.id) ?? deps.prepaid.levels.defaultLevel;
    const products = deps.prepaid.products(deps.now(), matching(query), level).filter((p) => !p.openAmount);
    const q = normalizeCode(query);
    const locale = userLocale(deps.users, ctx);
    const bills = [...deps.offer.shortCodes()].filter(([code]) => code.startsWith(q)).slice(0, 5);
    if (products.length === 0 && bills.length === 0) return void (await ctx.reply(ctx.t("price-list-none", { query })));
    const lines = [
      ctx.t("price-list-title", { query, level }),
      ...products
        .slice(0, MAX_LINES)
        .map((p) => ctx.t("price-list-line", { code: p.code, product: p.name, price: formatRupiah(deps.prepaid.price(p, p.cost, level)) })),
      ...(products.length > MAX_LINES ? [ctx.t("price-list-more", { count: products.length - MAX_LINES })] : []),
      ...bills.map(([code, bill]) => ctx.t("price-list-bill", { code, product: localName(bill.names, locale) })),
      "",
      ctx.t("price-list-how", {
        example: products[0] ? `${products[0].code}.${products[0].category === "pln" ? "12345678901" : "081234567890"}` : `${bills[0]![0]}.530000000001`,
      }),
    ];
    await ctx.reply(lines.join("\n"));
  });
  return c;
}
