import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../../composer.js";
import { formatDateTimeWib, formatRupiah, type Translate } from "../../../billing/format.js";
import { lossesByProduct } from "../../../db/report.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { refuseNonAdmin } from "./guard.js";
import { routeLine } from "./routes.js";
import type { PrepaidProduct } from "../../../billing/price-list.js";
import { prepaidProductId } from "../../../billing/prepaid-id.js";

/** Sales at a loss are looked for this far back, as for bills. */
const LOSS_WINDOW_MS = 7 * 86_400_000;
/** Products per page: phone-sized. */
const PER_PAGE = 10;

/**
 * /harga's prepaid pages (the "Prabayar" button on its overview): every product of the provider's
 * prepaid list with its cost, the user's price and the margin, flagging what the menu does not
 * show (unavailable at the provider, hidden by an admin, in its daily cut-off window) and sales at
 * a loss.
 */
export function adminPrepaidPricesFeature(
  deps: Pick<BotDeps, "db" | "isAdmin" | "log" | "logger" | "now" | "payments" | "prepaid" | "prepaidProducts" | "priceLists">,
): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const provider = deps.payments.provider.name;

  const productLines = (p: PrepaidProduct, losses: ReturnType<typeof lossesByProduct>, t: Translate): string[] => {
    const price = deps.prepaid.price(p);
    const availability = deps.prepaid.check(p.code, deps.now());
    const lost = losses.get(prepaidProductId(p.code));
    const flags = [
      ...(availability.kind === "unavailable"
        ? [t(deps.prepaidProducts.hiddenCodes(provider).has(p.code) ? "admin-prepaid-flag-hidden" : "admin-prepaid-flag-unavailable")]
        : []),
      ...(availability.kind === "cut-off" ? [t("admin-prepaid-flag-cut-off", { until: availability.until })] : []),
      ...(lost ? [t("admin-prices-flag-loss", { count: lost.count, amount: formatRupiah(lost.amount) })] : []),
    ];
    const money = p.openAmount
      ? t("admin-prepaid-open", { fee: formatRupiah(p.cost), min: formatRupiah(p.openAmount.min), max: formatRupiah(p.openAmount.max) })
      : t("admin-prepaid-price", { cost: formatRupiah(p.cost), price: formatRupiah(price), margin: formatRupiah(price - p.cost) });
    // The line above is the default level's price, each other level's follows; an open amount's depends on the amount.
    const levels = p.openAmount ? [] : deps.prepaid.levels.names().slice(1);
    const perLevel = levels.map((level) => {
      const at = deps.prepaid.price(p, p.cost, level);
      return t("admin-prepaid-level", { level, price: formatRupiah(at), margin: formatRupiah(at - p.cost) });
    });
    const routes = routeLine(deps, prepaidProductId(p.code), t);
    return [t("admin-prices-product", { product: p.name, code: p.code }), `   ${money}`, ...[...perLevel, ...flags, ...routes].map((f) => `   ${f}`)];
  };

  const page = (n: number, t: Translate) => {
    const products = deps.prepaidProducts
      .list(provider)
      .sort((a, b) => a.category.localeCompare(b.category) || a.brand.localeCompare(b.brand) || a.cost - b.cost);
    const pages = Math.max(1, Math.ceil(products.length / PER_PAGE));
    const current = Math.min(Math.max(n, 0), pages - 1);
    const state = deps.priceLists.state(`${provider}:prepaid`);
    const losses = lossesByProduct(deps.db, provider, deps.now() - LOSS_WINDOW_MS);
    const lines = [
      t("admin-prepaid-title", { page: current + 1, pages, count: products.length }),
      state.fetchedAt === undefined ? t("admin-prices-no-list") : t("admin-prices-fetched", { time: formatDateTimeWib(state.fetchedAt, t) }),
      ...(state.failingSince === undefined
        ? []
        : [t("admin-prices-failing", { since: formatDateTimeWib(state.failingSince, t), reason: state.failure ?? "" })]),
      ...(deps.prepaid.staleSince(deps.now()) === undefined ? [] : [t("admin-prepaid-stale")]),
      ...products.slice(current * PER_PAGE, (current + 1) * PER_PAGE).flatMap((p) => ["", ...productLines(p, losses, t)]),
      "",
      t("admin-prepaid-hide-hint"),
    ];
    const kb = new InlineKeyboard();
    if (current > 0) kb.text(t("menu-previous"), `harga:pp:${current - 1}`);
    if (current < pages - 1) kb.text(t("menu-next"), `harga:pp:${current + 1}`);
    kb.row().text(t("admin-prices-overview"), "harga:0");
    return { text: lines.join("\n"), keyboard: kb };
  };

  c.callbackQuery(/^harga:pp:(\d+)$/, async (ctx) => {
    if (await refuseNonAdmin(ctx, deps, "harga")) return ctx.answerCallbackQuery().catch(() => {});
    await ctx.answerCallbackQuery().catch(() => {});
    const p = page(Number(ctx.match[1]), (key, vars) => ctx.t(key, vars));
    await ctx.editMessageText(p.text, { reply_markup: p.keyboard }).catch(() => {});
  });
  return c;
}
