import type { Composer, Middleware } from "grammy";
import { commandWord, lowerCommand } from "../command-words.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";

/** Makes the message the command `text`, as Telegram would have sent it typed so. */
function rewrite(ctx: BotContext, text: string): void {
  const message = ctx.update.message!;
  message.text = text;
  message.entities = [{ type: "bot_command", offset: 0, length: /^\/\w+/.exec(text)![0].length }];
}

/**
 * A command typed in capitals ("/Bayar") is the command: grammY matches commands exactly. Early in
 * the stack, since such a text means nothing else anywhere.
 */
export function commandCaseFeature(): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.on("message:text", (ctx, next) => {
    const lowered = lowerCommand(ctx.message.text);
    if (lowered !== undefined) rewrite(ctx, lowered);
    return next();
  });
  return c;
}

/**
 * A word that names a command ("saldo", "bantuan", "pay") does what the command does. Late in the
 * stack, after the flows: a flow waiting for typed text that can take the word (a label, a player
 * name) has it first, and one that cannot passes it on (see waitFor), so the word reaches here
 * only when it answers nothing. `commands` are the command handlers, run again on the rewritten message.
 */
export function commandWordsFeature(commands: Middleware<BotContext>): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const run = new LeanComposer<BotContext>(commands).middleware();
  c.on("message:text", (ctx, next) => {
    const command = commandWord(ctx.message.text);
    if (command === undefined) return next();
    rewrite(ctx, command);
    return run(ctx, next);
  });
  return c;
}
