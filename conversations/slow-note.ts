import type { BotContext } from "../src/bot/context.js";

/** How long a look-up at the provider may take before the user is told it is under way. */
export const SLOW_NOTE_MS = 1_000;

/**
 * Runs `lookUp` (an inquiry at the provider, inside `conversation.external`) and sends `note`
 * ("⏳ checking…") only when it takes longer than `SLOW_NOTE_MS`: a fast biller's answer comes
 * before anyone would wonder, without a message (and a Bot API call) in front of it. The note,
 * once started, is sent before the answer is returned, so it never follows the summary.
 */
export async function noteIfSlow<T>(ctx: BotContext, note: string, lookUp: () => Promise<T>): Promise<T> {
  let sent: Promise<unknown> | undefined;
  const timer = setTimeout(() => (sent = ctx.reply(note).catch(() => {})), SLOW_NOTE_MS);
  try {
    return await lookUp();
  } finally {
    clearTimeout(timer);
    await sent;
  }
}
