import type { Composer } from "grammy";
import { CLOSE_BUTTONS } from "../close-buttons.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/** /batal leaves whatever flow the chat is in; an open quote is closed, no money moves. */
export function cancelFeature(deps: Pick<BotDeps, "now" | "payments">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.command(["batal", "cancel"], async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    const closed = deps.payments.txs.cancelOpenQuotes(ctx.from!.id, deps.now());
    await ctx.reply(ctx.t(active || closed > 0 ? "cancel-done" : "cancel-nothing"), { reply_markup: CLOSE_BUTTONS });
  });
  return c;
}
