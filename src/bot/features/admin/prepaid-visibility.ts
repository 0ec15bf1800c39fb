import type { Composer } from "grammy";
import { LeanComposer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { adminWrite } from "./guard.js";

/**
 * /sembunyikan <code> takes a prepaid product off the menu (a product that misbehaves, or one the
 * operator does not want to sell) until /tampilkan <code> puts it back; both audited like every
 * admin command, the change and its audit row in one SQLite transaction.
 */
export function adminPrepaidVisibilityFeature(
  deps: Pick<BotDeps, "db" | "isAdmin" | "log" | "logger" | "now" | "payments" | "prepaidProducts">,
): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const provider = deps.payments.provider.name;

  const toggle = (action: "hide" | "show") => (ctx: BotContext, args: string) => {
    const typed = args.split(/\s+/)[0] ?? "";
    if (!typed) return { reply: ctx.t(`admin-${action}-usage`), outcome: "usage" };
    const product = deps.prepaidProducts.find(provider, typed);
    if (!product) return { reply: ctx.t("admin-prepaid-unknown", { code: typed }), outcome: "unknown-product", detail: { code: typed } };
    const { code } = product;
    const changed = action === "hide" ? deps.prepaidProducts.hide(provider, code, ctx.from!.id, deps.now()) : deps.prepaidProducts.show(provider, code);
    const key = changed ? `admin-${action}-done` : `admin-${action}-already`;
    return { reply: ctx.t(key, { product: product.name, code }), outcome: changed ? "done" : "unchanged", detail: { code } };
  };

  c.command("sembunyikan", adminWrite(deps, "sembunyikan", toggle("hide")));
  c.command("tampilkan", adminWrite(deps, "tampilkan", toggle("show")));
  return c;
}
