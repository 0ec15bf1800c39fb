import type { Composer } from "grammy";
import { isPinShaped } from "../../payments/pin.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { pinPausedText, tellAdminsPinPaused } from "../pin-paused.js";

/**
 * /pin <new> sets the transaction PIN, /pin <old> <new> changes it. The message carrying it is
 * deleted at once where the channel can; a wrong old PIN counts as a wrong try like one at checkout.
 */
export function pinFeature(deps: Pick<BotDeps, "channel" | "notifyAdmins" | "pins" | "users">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.command("pin", async (ctx) => {
    const userId = ctx.from!.id;
    const args = (typeof ctx.match === "string" ? ctx.match : "").trim().split(/\s+/).filter(Boolean);
    if (args.length > 0) {
      if (deps.channel === "whatsapp") await ctx.reply(ctx.t("pin-not-deleted"));
      else await ctx.deleteMessage().catch(() => {});
    }
    const has = deps.pins.has(userId);
    const [first, second] = args;
    if (first === undefined || args.length > 2 || (has && second === undefined)) {
      await ctx.reply(ctx.t(has ? "pin-usage-change" : "pin-usage-set"));
      return;
    }
    const next = has ? second! : first;
    if (!isPinShaped(next)) {
      await ctx.reply(ctx.t("pin-invalid"));
      return;
    }
    if (has) {
      const check = await deps.pins.check(userId, first, "change");
      if (check.kind === "wrong") return void (await ctx.reply(ctx.t("pin-wrong", { left: check.left })));
      if (check.kind === "paused") {
        await ctx.reply(pinPausedText((key, vars) => ctx.t(key, vars), check.until));
        if (check.justNow) await tellAdminsPinPaused(deps, userId, check.until);
        return;
      }
    }
    await deps.pins.set(userId, next, has ? "pin-change" : "pin-set");
    await ctx.reply(ctx.t(has ? "pin-changed" : "pin-set-done"));
  });
  return c;
}
