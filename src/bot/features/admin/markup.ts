import type { Composer } from "grammy";
import { parseAmount } from "../../../billing/amount.js";
import { PrepaidCategorySchema } from "../../../billing/bill.js";
import { formatRupiah, type Translate } from "../../../billing/format.js";
import { normalizeCode } from "../../../billing/one-line.js";
import type { Markup, MarkupChange, MarkupTargetKind } from "../../../db/markup-rules.js";
import { LeanComposer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { type AdminResult, adminWrite } from "./guard.js";

/** The words a target kind is typed as, Indonesian and English. */
const KINDS: Record<string, MarkupTargetKind> = {
  kode: "code",
  code: "code",
  brand: "brand",
  merek: "brand",
  kategori: "category",
  category: "category",
  tagihan: "bill",
  bill: "bill",
};
const REMOVE = new Set(["hapus", "delete", "remove"]);

/** "500", "1.500", "1rb" (flat rupiah) or "2%", "1,5%" (percent of the cost). */
function readMarkup(text: string): Markup | undefined {
  const percent = /^(\d+(?:[.,]\d+)?)%$/.exec(text);
  if (percent) {
    const value = Number(percent[1]!.replace(",", "."));
    return value <= 100 ? { percent: value } : undefined;
  }
  // Zero is a markup too (sold at cost), which parseAmount refuses as money.
  const flat = text === "0" ? 0 : parseAmount(text);
  return flat === undefined ? undefined : { flat };
}

export const markupText = (t: Translate, m: Markup | undefined) =>
  m === undefined ? t("admin-markup-none") : "flat" in m ? formatRupiah(m.flat) : `${String(m.percent).replace(".", ",")}%`;

/**
 * /markup <level> <kode|brand|kategori|tagihan> <target> <500|2%|hapus>: a markup rule of the chat,
 * over data/products.json's (tagihan: a bill's, on a catalog product, category or short code);
 * prices (menus, quotes, /harga) follow at once. /markup undo puts back what
 * the last change replaced; /markup alone lists the chat's rules. Each change is one audit row,
 * written with the rule in one SQLite transaction.
 */
export function adminMarkupFeature(
  deps: Pick<BotDeps, "catalog" | "db" | "isAdmin" | "log" | "logger" | "markupRules" | "now" | "offer" | "prepaid">,
): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const levels = deps.prepaid.levels;

  /** A product the rule prices, and its price at the level now: the effect, shown right away. */
  const example = (t: Translate, level: string, kind: MarkupTargetKind, target: string): string => {
    // A bill's price depends on the bill: its summary shows it.
    if (kind === "bill") return "";
    const p = deps.prepaid
      .products(deps.now(), (x) => (kind === "code" ? x.code === target : kind === "brand" ? x.brand.toUpperCase() === target : x.category === target), level)
      .find((x) => !x.openAmount);
    return p
      ? `\n${t("admin-markup-example", { product: p.name, code: p.code, cost: formatRupiah(p.cost), price: formatRupiah(deps.prepaid.price(p, p.cost, level)) })}`
      : "";
  };

  /**
   * The target as rules keep it: a brand in capitals, a known prepaid category, the provider's own
   * spelling of a code; a bill's catalog product or category id, or the product a one-line short
   * code ("PLN") names. Undefined for a category or bill that does not exist.
   */
  const targetOf = (kind: MarkupTargetKind, typed: string): string | undefined => {
    if (kind === "brand") return typed.toUpperCase();
    if (kind === "code") return deps.prepaid.findCode(normalizeCode(typed)) ?? typed;
    const id = typed.toLowerCase();
    if (kind === "category") return PrepaidCategorySchema.safeParse(id).success ? id : undefined;
    if (deps.catalog.product(id) || deps.catalog.categories.some((c) => c.id === id)) return id;
    return deps.offer.shortCodes().get(normalizeCode(typed))?.id;
  };

  const changed = (t: Translate, change: MarkupChange, key: string): AdminResult => ({
    reply:
      t(key, {
        level: change.level,
        kind: t(`admin-markup-kind-${change.kind}`),
        target: change.target,
        before: markupText(t, change.before),
        after: markupText(t, change.after),
      }) + example(t, change.level, change.kind, change.target),
    outcome: "done",
    detail: {
      level: change.level,
      kind: change.kind,
      target: change.target,
      before: change.before ? JSON.stringify(change.before) : null,
      after: change.after ? JSON.stringify(change.after) : null,
    },
  });

  const list = (t: Translate): AdminResult => {
    const rules = deps.markupRules.list();
    const lines = rules.map((r) =>
      t("admin-markup-rule", { level: r.level, kind: t(`admin-markup-kind-${r.kind}`), target: r.target, markup: markupText(t, r.markup) }),
    );
    return {
      reply: [
        t("admin-markup-title", { levels: levels.names().join(", ") }),
        ...(lines.length ? lines : [t("admin-markup-empty")]),
        "",
        t("admin-markup-usage"),
      ].join("\n"),
      outcome: "shown",
    };
  };

  c.command(
    "markup",
    adminWrite(deps, "markup", (ctx, args) => {
      const t: Translate = (key, vars) => ctx.t(key, vars);
      const words = args.split(/\s+/).filter(Boolean);
      if (words.length === 0) return list(t);
      if (words.length === 1 && ["undo", "urungkan"].includes(words[0]!.toLowerCase())) {
        const undone = deps.markupRules.undo(deps.now());
        return undone
          ? { ...changed(t, { ...undone, before: undone.after, after: undone.before }, "admin-markup-undone"), outcome: "undone" }
          : { reply: t("admin-markup-nothing-to-undo"), outcome: "nothing" };
      }
      const [level = "", kindWord = "", ...rest] = words;
      const value = rest.pop()?.toLowerCase() ?? "";
      const kind = KINDS[kindWord.toLowerCase()];
      if (!kind || rest.length === 0) return { reply: t("admin-markup-usage"), outcome: "usage" };
      if (!levels.knows(level.toLowerCase()))
        return { reply: t("admin-level-unknown", { level, levels: levels.names().join(", ") }), outcome: "unknown-level" };
      const typed = rest.join(" ");
      const target = targetOf(kind, typed);
      if (target === undefined && kind === "bill") return { reply: t("admin-markup-bad-bill", { bill: typed }), outcome: "bad-bill" };
      if (target === undefined)
        return { reply: t("admin-markup-bad-category", { category: typed, categories: PrepaidCategorySchema.options.join(", ") }), outcome: "bad-category" };
      const markup = REMOVE.has(value) ? undefined : readMarkup(value);
      if (markup === undefined && !REMOVE.has(value)) return { reply: t("admin-markup-bad-value", { value }), outcome: "bad-value" };
      const change = deps.markupRules.set({ level: level.toLowerCase(), kind, target, markup }, ctx.from!.id, deps.now());
      return changed(t, change, markup ? "admin-markup-set" : "admin-markup-removed");
    }),
  );
  return c;
}
