import type { Middleware } from "grammy";
import type { BotContext } from "./context.js";
import type { BotDeps } from "./deps.js";

/** What a checked PIN's message says from here on, in the flow's stored state and for anything after. */
export const PIN_MASK = "••••";

/** The digits a typed PIN answer is made of (spaces allowed); undefined for text that is no PIN at all. */
const pinDigits = (text: string): string | undefined => (/^[\d\s]+$/.test(text) ? text.replace(/\s/g, "") : undefined);

/**
 * Reads the transaction PIN before the flows do. A flow waiting for it (pin_waits, see
 * conversations/pin-step.ts) would otherwise keep the message, PIN and all, in its stored state
 * until it ends. Here the digits are checked, the outcome is recorded for the update, the message
 * is deleted where the channel allows (WhatsApp lets a bot delete only its own: the user is told),
 * and the flow gets the update with its text masked. Sits after the conversations plugin (to see
 * that the waiting flow is still active) and before the flows run.
 */
export function pinIntake(deps: Pick<BotDeps, "channel" | "pins">): Middleware<BotContext> {
  return async (ctx, next) => {
    const chatId = ctx.chat?.id;
    const flow = chatId === undefined ? undefined : deps.pins.waits.waiting(chatId);
    if (chatId === undefined || flow === undefined) return next();
    // A flow gone without closing its wait (a crash, expiry) waits for nothing: checked on any
    // update, before a press can start a new flow of the same name whose numbers are no PIN.
    if (ctx.conversation.active(flow) === 0) {
      deps.pins.waits.close(chatId);
      return next();
    }
    const text = ctx.message?.text;
    const digits = text === undefined || ctx.from === undefined ? undefined : pinDigits(text);
    if (digits === undefined) return next();
    await deps.pins.answer(ctx.from!.id, chatId, ctx.update.update_id, digits);
    ctx.message!.text = PIN_MASK;
    if (deps.channel === "whatsapp") await ctx.reply(ctx.t("pin-not-deleted"));
    else await ctx.deleteMessage().catch(() => {});
    return next();
  };
}
