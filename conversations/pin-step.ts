import type { Translate } from "../src/billing/format.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";
import { pinPausedText, tellAdminsPinPaused } from "../src/bot/pin-paused.js";
import type { PinCheck, PinGate } from "../src/payments/pin.js";
import { isText, tries, waitFor } from "./wait.js";

const tr =
  (ctx: ConvContext): Translate =>
  (key, vars) =>
    ctx.t(key, vars);

/**
 * The transaction PIN before money moves, as the operator's policy asks (PIN_POLICY). True when
 * the purchase may go on; otherwise the user has been told why not (no PIN yet, purchases paused).
 * The typed PIN is deleted from the chat where the channel can; it reaches only PinGuard.check,
 * whose stored result says right or wrong, never the PIN.
 */
export async function pinCleared(
  deps: BotDeps,
  conversation: BotConversation,
  ctx: ConvContext,
  a: { price: number; oneLine: boolean; ownButtons: RegExp; beforeAsk: () => Promise<unknown> },
): Promise<boolean> {
  const userId = ctx.from!.id;
  const gate = await conversation.external((): PinGate => deps.pins.gate(userId, a.price, a.oneLine));
  if (gate.kind === "open") return true;
  if (gate.kind === "unset") {
    await ctx.reply(ctx.t("pin-required-unset"));
    return false;
  }
  if (gate.kind === "paused") {
    await ctx.reply(pinPausedText(tr(ctx), gate.until));
    return false;
  }
  // The summary's buttons go first: a second Bayar while the PIN is awaited means nothing.
  await a.beforeAsk();
  await ctx.reply(ctx.t("pin-ask"));
  const budget = tries();
  for (;;) {
    const answer = await waitFor(conversation, isText, { hintKey: "pin-ask", ownButtons: a.ownButtons }, budget);
    const typed = answer.message.text.trim();
    // Out of the chat history at once; WhatsApp lets a bot delete only its own messages.
    if (deps.channel === "whatsapp") await answer.reply(answer.t("pin-not-deleted"));
    else await answer.deleteMessage().catch(() => {});
    const check = await conversation.external((): Promise<PinCheck> => deps.pins.check(userId, typed, "purchase"));
    if (check.kind === "right") return true;
    if (check.kind === "wrong") {
      await answer.reply(answer.t("pin-wrong", { left: check.left }));
      continue;
    }
    if (check.kind === "paused") {
      await answer.reply(pinPausedText(tr(answer), check.until));
      if (check.justNow) await conversation.external(() => tellAdminsPinPaused(deps, userId, check.until));
    }
    return false;
  }
}
