import type { Composer } from "grammy";
import { LeanComposer } from "../../composer.js";
import { formatRupiah } from "../../../billing/format.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { Deposits } from "../../../db/deposits.js";
import { gatewayDepositLine } from "./gateway-deposits.js";
import { adminOnly, type AdminResult } from "./guard.js";
import { userLabel } from "../../user-label.js";
import { findUser, isRefusal, splitUserRef } from "./lookup.js";
import { txLine } from "./render.js";

const RECENT_TXS = 5;
const RECENT_DEPOSITS = 5;

/**
 * /user shows who someone is and what they paid last; /blokir and /buka stop and restart them;
 * /resetpin forgets their PIN; /level shows or sets their price level.
 */
export function adminUsersFeature(
  deps: Pick<BotDeps, "catalog" | "db" | "isAdmin" | "log" | "logger" | "notifyUser" | "now" | "payments" | "pins" | "prepaid" | "users">,
): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const deposits = new Deposits(deps.db);

  c.command(
    "user",
    adminOnly(deps, "user", async (ctx, args) => {
      if (!args) return { reply: ctx.t("admin-user-usage"), outcome: "usage" };
      const user = findUser(deps, ctx, args);
      if (isRefusal(user)) return user;
      const locale = await ctx.i18n.getLocale();
      const none = ctx.t("admin-none");
      const txs = deps.payments.txs.byUser(user.id, RECENT_TXS);
      const own = deposits.ofUser(user.id, RECENT_DEPOSITS);
      const lines = [
        ctx.t("admin-profile", {
          name: user.firstName || none,
          // An id is a name, not an amount: no thousands dots.
          id: String(user.id),
          username: user.username ? `@${user.username}` : none,
          channel: user.channel,
          language: user.language ?? none,
          phone: user.phone ?? none,
          status: ctx.t(user.blocked ? "admin-status-blocked" : "admin-status-active"),
          balance: formatRupiah(user.balance),
        }),
        "",
        txs.length ? ctx.t("admin-profile-txs", { count: txs.length }) : ctx.t("admin-profile-no-txs"),
        ...txs.map((tx) => txLine(deps, tx, locale, ctx.t)),
        // Gateway deposits only for someone who ever made one.
        ...(own.length ? ["", ctx.t("admin-profile-deposits", { count: own.length }), ...own.map((d) => gatewayDepositLine(deps.users, d, ctx.t))] : []),
      ];
      return { reply: lines.join("\n"), outcome: "done", targetUserId: user.id };
    }),
  );

  const setBlocked =
    (blocked: boolean) =>
    (ctx: BotContext, args: string): AdminResult => {
      const prefix = blocked ? "admin-block" : "admin-unblock";
      if (!args) return { reply: ctx.t(`${prefix}-usage`), outcome: "usage" };
      const user = findUser(deps, ctx, args);
      if (isRefusal(user)) return user;
      const label = userLabel(user);
      // An admin is never stopped by the block (users.ts), so blocking one would only mislead.
      if (blocked && deps.isAdmin(user.id)) return { reply: ctx.t("admin-block-admin", { user: label }), outcome: "is-admin", targetUserId: user.id };
      const changed = deps.users.setBlocked(user.id, blocked);
      return {
        reply: ctx.t(changed ? `${prefix}-done` : `${prefix}-already`, { user: label }),
        outcome: changed ? "done" : "unchanged",
        targetUserId: user.id,
      };
    };
  c.command("blokir", adminOnly(deps, "blokir", setBlocked(true)));
  c.command("buka", adminOnly(deps, "buka", setBlocked(false)));

  // /resetpin: a user who forgot the PIN sets a new one with /pin; a pause after wrong tries ends too.
  c.command(
    "resetpin",
    adminOnly(deps, "resetpin", (ctx, args) => {
      if (!args) return { reply: ctx.t("admin-resetpin-usage"), outcome: "usage" };
      const user = findUser(deps, ctx, args);
      if (isRefusal(user)) return user;
      const label = userLabel(user);
      if (!deps.pins.reset(user.id)) return { reply: ctx.t("admin-resetpin-none", { user: label }), outcome: "unchanged", targetUserId: user.id };
      return {
        reply: ctx.t("admin-resetpin-done", { user: label }),
        outcome: "done",
        targetUserId: user.id,
        after: () => deps.notifyUser(user.id, (t) => t("pin-reset-by-admin")),
      };
    }),
  );
  // /level <user> [level]: the next quote is priced at the new level; one already quoted keeps its price.
  c.command(
    "level",
    adminOnly(deps, "level", (ctx, args) => {
      const { who, rest } = splitUserRef(deps.users, args.split(/\s+/).filter(Boolean));
      if (!who || rest.length > 1) return { reply: ctx.t("admin-level-usage"), outcome: "usage" };
      const user = findUser(deps, ctx, who);
      if (isRefusal(user)) return user;
      const label = userLabel(user);
      const levels = deps.prepaid.levels;
      const current = deps.users.priceLevel(user.id) ?? levels.defaultLevel;
      const names = levels.names().join(", ");
      const wanted = rest[0]?.toLowerCase();
      if (wanted === undefined)
        return { reply: ctx.t("admin-level-show", { user: label, level: current, levels: names }), outcome: "shown", targetUserId: user.id };
      if (!levels.knows(wanted))
        return { reply: ctx.t("admin-level-unknown", { level: wanted, levels: names }), outcome: "unknown-level", targetUserId: user.id };
      if (wanted === current) {
        return { reply: ctx.t("admin-level-already", { user: label, level: wanted }), outcome: "unchanged", targetUserId: user.id };
      }
      deps.users.setPriceLevel(user.id, wanted);
      return {
        reply: ctx.t("admin-level-done", { user: label, level: wanted, from: current }),
        outcome: "done",
        targetUserId: user.id,
        detail: { from: current, to: wanted },
        after: () => deps.notifyUser(user.id, (t) => t("level-changed", { level: wanted })),
      };
    }),
  );
  return c;
}
