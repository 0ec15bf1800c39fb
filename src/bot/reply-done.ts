import type { Context } from "grammy";
import type { BotDeps } from "./deps.js";
import { describeError } from "./external-errors.js";

/**
 * The reply to a command that is done and audited (money may have moved). One that Telegram
 * refuses even after the retries is logged, never turned into an error message: "something went
 * wrong, try again" after a committed top-up is how a top-up got credited twice.
 */
export async function replyDone(ctx: Context, deps: Pick<BotDeps, "log">, text: string, extra?: Parameters<Context["reply"]>[1]): Promise<void> {
  await ctx.reply(text, extra).catch((err: unknown) => deps.log(`could not deliver a reply to ${ctx.from?.id}: ${describeError(err)}`));
}
