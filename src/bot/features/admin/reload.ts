import type { Composer } from "grammy";
import type { AuditDetail } from "../../../db/audit.js";
import type { ReloadResult } from "../../../billing/catalog-reload.js";
import type { Translate } from "../../../billing/format.js";
import { LeanComposer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { adminOnly } from "./guard.js";

/** What a reload did, for admins: the new catalog's size, or why the old one stays. */
export const reloadNews = (result: ReloadResult, file: string, t: Translate): string =>
  result.ok
    ? t("catalog-reloaded", { file, products: result.products, rules: result.prepaidRules })
    : t("catalog-reload-refused", { file, problem: result.problem });

/**
 * /reload reads data/products.json (CATALOG_PATH) again: products, markups, prepaid markup rules
 * and price levels take effect from the next menu or quote, without a restart; a file that does
 * not load is refused and the prices stay as they were. Audited like every admin command.
 */
export function adminReloadFeature(deps: Pick<BotDeps, "catalogFile" | "db" | "isAdmin" | "log" | "logger" | "now">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.command(
    "reload",
    adminOnly(deps, "reload", (ctx) => {
      const result = deps.catalogFile.reload();
      const file = deps.catalogFile.path;
      deps.log(result.ok ? `Catalog ${file} reloaded by ${ctx.from!.id}.` : `Catalog ${file} not reloaded: ${result.problem}`);
      const detail: AuditDetail = result.ok ? { products: result.products, prepaidRules: result.prepaidRules } : { problem: result.problem };
      return { reply: reloadNews(result, file, ctx.t), outcome: result.ok ? "done" : "refused", detail };
    }),
  );
  return c;
}
