import type { Composer } from "grammy";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { markLimited } from "./update-log.js";

const WINDOW_MS = 60_000;

/**
 * A flood from one user (a script, a stuck key) is dropped: past `perMinute` updates in a minute
 * the user is told once to slow down, then nothing more is answered until the minute is over.
 * Admins are never limited. The window runs on the wall clock, not the bot's (tests fix that one).
 */
export function rateLimitFeature(deps: BotDeps, perMinute: number, clock: () => number = Date.now): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  if (perMinute === 0) return composer;
  const windows = new Map<number, { start: number; count: number }>();
  composer.use(async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || deps.isAdmin(userId)) return next();
    const now = clock();
    // Old windows are dropped as they pass, so the map holds only this minute's senders.
    if (windows.size > 10_000) for (const [id, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(id);
    let w = windows.get(userId);
    if (!w || now - w.start >= WINDOW_MS) windows.set(userId, (w = { start: now, count: 0 }));
    w.count++;
    if (w.count <= perMinute) return next();
    markLimited(ctx.update);
    // A pressed button keeps spinning until it is answered, even one that does nothing.
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => {});
    if (w.count === perMinute + 1) {
      deps.logger.warn({ event: "rate-limited", user: userId, perMinute }, "rate limit reached");
      await ctx.reply(ctx.t("rate-limited")).catch(() => {});
    }
  });
  return composer;
}
