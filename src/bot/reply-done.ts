import type { Context } from "grammy";
import type { BotDeps } from "./deps.js";
import { describeError } from "./external-errors.js";
import { type Picture, sendWithPicture } from "./struk-pictures.js";

/**
 * The reply to a command that is done and audited (money may have moved). One that Telegram
 * refuses even after the retries is logged, never turned into an error message: "something went
 * wrong, try again" after a committed top-up is how a top-up got credited twice.
 */
export async function replyDone(
  ctx: Context,
  deps: Pick<BotDeps, "log">,
  text: string,
  extra?: Parameters<Context["reply"]>[1],
  /** A picture (a chart) the text goes with as its caption. */
  picture?: Picture,
): Promise<void> {
  const sent = picture ? sendWithPicture(ctx.api, ctx.chat!.id, text, { reply_markup: extra?.reply_markup }, picture, deps.log) : ctx.reply(text, extra);
  await sent.catch((err: unknown) => deps.log(`could not deliver a reply to ${ctx.from?.id}: ${describeError(err)}`));
}
