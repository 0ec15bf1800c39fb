import type { Middleware } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import type { InFlight } from "../in-flight.js";

/** What kind of update it is: "message", "callback_query"... */
function kindOf(update: Update): string {
  // A loop rather than Object.keys(...).find(...): no array and closure per update.
  for (const key in update) if (key !== "update_id") return key;
  return "unknown";
}

/** Updates whose handling failed (marked by the error boundary, which swallows the error). */
const failed = new WeakSet<Update>();
export const markFailed = (update: Update) => failed.add(update);

/** Updates that got the rate limit's answer instead of being handled. */
const limited = new WeakSet<Update>();
export const markLimited = (update: Update) => limited.add(update);

/**
 * First in the stack: counts the update as in flight until its handling ends, and writes its one
 * log line (update id, chat, kind, duration, outcome) and metric.
 */
export function updateLog(deps: Pick<BotDeps, "channel" | "logger" | "metrics">, tracker: InFlight): Middleware<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    tracker.begin(ctx.update.update_id);
    let outcome: "handled" | "failed" | "limited" = "handled";
    try {
      await next();
    } catch (err) {
      outcome = "failed";
      throw err;
    } finally {
      tracker.end();
      if (failed.has(ctx.update)) outcome = "failed";
      else if (limited.has(ctx.update)) outcome = "limited";
      deps.metrics.update(deps.channel, outcome);
      deps.logger.info(
        {
          event: "update",
          channel: deps.channel,
          update: ctx.update.update_id,
          chat: ctx.chat?.id,
          kind: kindOf(ctx.update),
          ms: Math.round(performance.now() - started),
          outcome,
        },
        "update",
      );
    }
  };
}
