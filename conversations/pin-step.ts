import type { Translate } from "../src/billing/format.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";
import { pinPausedText, tellAdminsPinPaused } from "../src/bot/pin-paused.js";
import type { PinGate } from "../src/payments/pin.js";
import type { PinOutcome } from "../src/db/pin-waits.js";
import { PIN_MASK } from "../src/bot/pin-intake.js";
import { spendTry, tries, waitFor } from "./wait.js";

const isMasked = (c: ConvContext): c is ConvContext & { message: { text: string } } => c.message?.text === PIN_MASK;

const tr =
  (ctx: ConvContext): Translate =>
  (key, vars) =>
    ctx.t(key, vars);

/**
 * The transaction PIN before money moves, as the operator's policy asks (PIN_POLICY). True when
 * the purchase may go on; otherwise the user has been told why not (no PIN yet, purchases paused).
 * The typed PIN never reaches this flow: pinIntake reads it first (and deletes it from the chat
 * where the channel can), and the flow reads back only the outcome. `flow` is this conversation's name.
 */
export async function pinCleared(
  deps: BotDeps,
  conversation: BotConversation,
  ctx: ConvContext,
  a: { price: number; oneLine: boolean; flow: string; ownButtons: RegExp; beforeAsk: () => Promise<unknown> },
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
  const chatId = ctx.chat!.id;
  await conversation.external(() => deps.pins.waits.open(chatId, a.flow, deps.now()));
  await ctx.reply(ctx.t("pin-ask"));
  const budget = tries();
  try {
    for (;;) {
      // pinIntake checked the digits before this flow saw them; the update carries only PIN_MASK.
      const answer = await waitFor(conversation, isMasked, { hintKey: "pin-ask", ownButtons: a.ownButtons }, budget);
      const updateId = answer.update.update_id;
      const check = await conversation.external((): PinOutcome | null => deps.pins.waits.outcome(chatId, updateId) ?? null);
      if (check?.kind === "right") return true;
      if (check === null || check.kind === "malformed") {
        await spendTry(conversation, answer, budget);
        await answer.reply(answer.t(check === null ? "pin-ask" : "pin-invalid"));
        continue;
      }
      if (check.kind === "wrong") {
        await answer.reply(answer.t("pin-wrong", { left: check.left }));
        continue;
      }
      if (check.kind === "paused") {
        await answer.reply(pinPausedText(tr(answer), check.until));
        if (check.justNow) await conversation.external(() => tellAdminsPinPaused(deps, userId, check.until));
      } else await answer.reply(answer.t("pin-required-unset"));
      return false;
    }
  } finally {
    await conversation.external(() => deps.pins.waits.close(chatId));
  }
}
