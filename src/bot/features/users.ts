import type { Composer } from "grammy";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { auditRefused } from "./admin/guard.js";

/** Keeps the users table current and stops blocked users before anything else runs. */
export function usersFeature(deps: Pick<BotDeps, "channel" | "db" | "isAdmin" | "log" | "now" | "users">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.use(async (ctx, next) => {
    if (!ctx.from || ctx.from.is_bot) return next();
    const user = deps.users.upsert({
      id: ctx.from.id,
      channel: deps.channel,
      username: ctx.from.username,
      firstName: ctx.from.first_name,
    });
    // Notices go to the channel the user last wrote on; broadcasts pick recently active users.
    deps.users.seen(user, deps.channel, deps.now());
    if (user.blocked && !deps.isAdmin(user.id)) {
      auditRefused(deps, ctx, "blocked");
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("blocked"));
      return;
    }
    await next();
  });
  return c;
}
