import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../../composer.js";
import { localName, type Product } from "../../../billing/catalog.js";
import { formatDateTimeWib, formatRupiah, type Translate } from "../../../billing/format.js";
import { priceSheet, type PriceRow, type PriceSheet } from "../../../pricing/margins.js";
import { lossesByProduct } from "../../../db/report.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { adminOnly, refuseNonAdmin } from "./guard.js";
import { routeLine } from "./routes.js";

/** Sales at a loss are looked for this far back. */
const LOSS_WINDOW_MS = 7 * 86_400_000;
/** Flagged products listed on the overview; the rest are on their category's page. */
const FLAGGED_SHOWN = 25;

/**
 * /harga: for each catalog product, the provider's admin fee and commission from its price list,
 * the markup and the margin, flagging products unavailable at the provider or sold at a loss.
 * Page 0 is an overview with what needs looking at; then one page per category (phone-sized).
 */
export function adminPricesFeature(
  deps: Pick<BotDeps, "catalog" | "db" | "isAdmin" | "log" | "logger" | "now" | "payments" | "prepaid" | "priceLists">,
): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const provider = deps.payments.provider.name;
  // Bills' margins as users at the default level pay them: a /markup ... tagihan rule counts.
  const markupOf = (product: Product) => deps.prepaid.levels.billMarkup(product, deps.catalog.categoryOf(product.id));

  const sheet = (): PriceSheet =>
    priceSheet(deps.catalog, provider, deps.priceLists.items(provider), lossesByProduct(deps.db, provider, deps.now() - LOSS_WINDOW_MS), markupOf);

  const flags = (r: PriceRow, t: Translate): string[] => [
    ...(r.listing === "inactive" ? [t("admin-prices-flag-inactive")] : []),
    ...(r.listing === "missing" ? [t("admin-prices-flag-missing", { code: r.code })] : []),
    ...(r.losses ? [t("admin-prices-flag-loss", { count: r.losses.count, amount: formatRupiah(r.losses.amount) })] : []),
  ];

  /** A product in four short lines at most: name, the provider's fee, markup and margin, flags. */
  const productLines = (r: PriceRow, locale: string, t: Translate): string[] => {
    const m = r.markup;
    const markup = "flat" in m ? formatRupiah(m.flat) : t("admin-prices-percent", { percent: m.percent });
    const details = [
      r.providerFee === undefined
        ? t("admin-prices-cost-unknown")
        : t("admin-prices-cost", { admin: formatRupiah(r.adminFee!), commission: formatRupiah(r.commission ?? 0), fee: formatRupiah(r.providerFee) }),
      r.margin === undefined
        ? t("admin-prices-markup-percent", { markup })
        : r.providerFee === undefined
          ? t("admin-prices-markup", { markup, margin: formatRupiah(r.margin) })
          : t("admin-prices-markup-user", { markup, user: formatRupiah(r.providerFee + r.margin), margin: formatRupiah(r.margin) }),
      ...flags(r, t),
      ...routeLine(deps, r.product.id, t),
    ];
    return [t("admin-prices-product", { product: localName(r.product.names, locale), code: r.code }), ...details.map((d) => `   ${d}`)];
  };

  /** Page 0: where the list stands and what needs looking at; the categories as buttons. */
  const overview = (s: PriceSheet, locale: string, t: Translate) => {
    const state = deps.priceLists.state(provider);
    const lines = [
      t("admin-prices-title", { provider }),
      state.fetchedAt === undefined ? t("admin-prices-no-list") : t("admin-prices-fetched", { time: formatDateTimeWib(state.fetchedAt, t) }),
      ...(state.failingSince === undefined
        ? []
        : [t("admin-prices-failing", { since: formatDateTimeWib(state.failingSince, t), reason: state.failure ?? "" })]),
      "",
      s.flagged.length === 0
        ? t("admin-prices-all-good", { count: s.categories.reduce((n, c) => n + c.rows.length, 0) })
        : t("admin-prices-flagged", { count: s.flagged.length }),
      ...s.flagged.slice(0, FLAGGED_SHOWN).map((r) => `• ${localName(r.product.names, locale)}: ${flags(r, t).join(", ")}`),
      ...(s.flagged.length > FLAGGED_SHOWN ? [t("admin-prices-more", { count: s.flagged.length - FLAGGED_SHOWN })] : []),
      "",
      t("admin-prices-pick-category"),
    ];
    const kb = new InlineKeyboard();
    s.categories.forEach((cat, i) => {
      const flagged = cat.rows.some((r) => s.flagged.includes(r));
      kb.text(`${flagged ? "⚠️ " : ""}${localName(cat.category.names, locale)}`, `harga:${i + 1}`);
      if (i % 2 === 1) kb.row();
    });
    // Prepaid products have pages of their own (prepaid-prices.ts).
    if (s.categories.length % 2 === 1) kb.row();
    kb.text(t("admin-prices-prepaid"), "harga:pp:0");
    return { text: lines.join("\n"), keyboard: kb };
  };

  /** Page n >= 1: one category, every product, with paging and a way back. */
  const categoryPage = (s: PriceSheet, page: number, locale: string, t: Translate) => {
    const { category, rows } = s.categories[page - 1]!;
    const lines = [
      t("admin-prices-category", { category: localName(category.names, locale), page, pages: s.categories.length }),
      ...rows.flatMap((r) => ["", ...productLines(r, locale, t)]),
    ];
    const kb = new InlineKeyboard();
    if (page > 1) kb.text(t("menu-previous"), `harga:${page - 1}`);
    if (page < s.categories.length) kb.text(t("menu-next"), `harga:${page + 1}`);
    kb.row().text(t("admin-prices-overview"), "harga:0");
    return { text: lines.join("\n"), keyboard: kb };
  };

  const render = async (ctx: BotContext, page: number) => {
    const s = sheet();
    const locale = await ctx.i18n.getLocale();
    const t: Translate = (key, vars) => ctx.t(key, vars);
    return page >= 1 && page <= s.categories.length ? categoryPage(s, page, locale, t) : overview(s, locale, t);
  };

  c.command(
    "harga",
    adminOnly(deps, "harga", async (ctx) => {
      const page = await render(ctx, 0);
      return { reply: page.text, keyboard: page.keyboard, outcome: "done" };
    }),
  );
  c.callbackQuery(/^harga:(\d+)$/, async (ctx) => {
    if (await refuseNonAdmin(ctx, deps, "harga")) return ctx.answerCallbackQuery().catch(() => {});
    await ctx.answerCallbackQuery().catch(() => {});
    const page = await render(ctx, Number(ctx.match[1]));
    await ctx.editMessageText(page.text, { reply_markup: page.keyboard }).catch(() => {});
  });
  return c;
}
