import { InlineKeyboard } from "grammy";
import { localName, type Category, type Product } from "../billing/catalog.js";
import type { Translate } from "../billing/format.js";

/** Products per page inside a category: short enough for a phone screen or a WhatsApp list. */
export const PAGE_SIZE = 6;

/**
 * The first screen: the categories, then the user's last used products. Recent products come after
 * the categories so a category keeps its number (on a text channel) after a payment: `1`, `1` still
 * reaches PLN Pascabayar the second time.
 */
export function categoriesKeyboard(categories: readonly Category[], recent: Product[], locale: string, t: Translate): InlineKeyboard {
  const kb = new InlineKeyboard();
  categories.forEach((c, i) => {
    kb.text(localName(c.names, locale), `cat:${c.id}`);
    if (i % 2 === 1) kb.row();
  });
  if (categories.length % 2 === 1) kb.row();
  for (const p of recent) kb.text(`🕘 ${localName(p.names, locale)}`, `prod:${p.id}`).row();
  return kb.text(t("pay-button-cancel"), "prod:cancel");
}

/** One page of a category's products, with paging and a way back. */
export function productsKeyboard(category: Category, page: number, locale: string, t: Translate): InlineKeyboard {
  const pages = Math.max(1, Math.ceil(category.products.length / PAGE_SIZE));
  const current = Math.min(Math.max(page, 0), pages - 1);
  const kb = new InlineKeyboard();
  for (const p of category.products.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE)) {
    kb.text(localName(p.names, locale), `prod:${p.id}`).row();
  }
  if (current > 0) kb.text(t("menu-previous"), `page:${category.id}:${current - 1}`);
  if (current < pages - 1) kb.text(t("menu-next"), `page:${category.id}:${current + 1}`);
  if (pages > 1) kb.row();
  return kb.text(t("menu-back"), "nav:back").text(t("pay-button-cancel"), "prod:cancel");
}
