import type { Composer } from "grammy";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { TokenBuckets, type FloodPolicy } from "../token-buckets.js";
import { markLimited } from "./update-log.js";

/** The chat is told to slow down at most this often: a script limited every second gets no notice a second. */
const NOTICE_GAP_MS = 10_000;

/**
 * A flood from one user (a script, a stuck key) is held to `perMinute` updates a minute after a
 * burst of `burst`, on the bot's clock; a person pressing as fast as the bot answers stays within
 * it. A held update is not handled: a message gets a notice saying in how many seconds to send it
 * again, a button press gets an alert saying when to press again (its flow still waits for it, the
 * button stays). Admins are never limited. perMinute 0: no limit.
 */
export function rateLimitFeature(deps: Pick<BotDeps, "isAdmin" | "logger" | "now">, policy: FloodPolicy): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  if (policy.perMinute === 0) return composer;
  const buckets = new TokenBuckets(policy, NOTICE_GAP_MS);
  composer.use(async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || deps.isAdmin(userId)) return next();
    const now = deps.now();
    const waitMs = buckets.take(userId, now);
    if (waitMs === 0) return next();
    markLimited(ctx.update);
    const seconds = Math.ceil(waitMs / 1000);
    // A press unanswered keeps spinning and looks taken; every one is answered, in a way that is seen.
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: ctx.t("rate-limited-press", { seconds }), show_alert: true }).catch(() => {});
      return;
    }
    if (!buckets.tell(userId, now)) return;
    deps.logger.warn({ event: "rate-limited", user: userId, ...policy }, "rate limit reached");
    await ctx.reply(ctx.t("rate-limited", { seconds })).catch(() => {});
  });
  return composer;
}
