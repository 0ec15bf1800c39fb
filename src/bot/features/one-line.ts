import type { Composer } from "grammy";
import { maskPin, parseBatch, parseOneLine, type OneLine } from "../../billing/one-line.js";
import { type BatchStart, CONVERSATION } from "../../../conversations/index.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { userLocale } from "../i18n.js";
import { resolveOrder } from "../one-line-orders.js";
import { pinPausedText, tellAdminsPinPaused } from "../pin-paused.js";
import { PIN_MASK } from "../pin-intake.js";

/**
 * One-line orders ("XL10.087800001230", "PLN.530000000001", with the PIN after it:
 * "XL10.087800001230.1234"): the order is checked here, then goes through the same flow as from
 * the menus, straight to the quote and summary. Several lines in one message are a batch (one
 * summary, one confirm). A message not shaped like an order goes on to the fallback.
 */
export function oneLineFeature(deps: BotDeps): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const t = (ctx: BotContext) => (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);

  /**
   * A PIN written after an order line, checked before any flow starts and masked in the message,
   * so it lands in no flow's stored state. True when it was right; otherwise the user was told.
   */
  async function pinRight(ctx: BotContext, pin: string): Promise<boolean> {
    const userId = ctx.from!.id;
    ctx.message!.text = ctx
      .message!.text!.split("\n")
      .map((line) => maskPin(line, PIN_MASK))
      .join("\n");
    if (deps.channel === "whatsapp") await ctx.reply(ctx.t("pin-not-deleted"));
    else await ctx.deleteMessage().catch(() => {});
    const check = await deps.pins.check(userId, pin, "one-line");
    if (check.kind === "right") return true;
    if (check.kind === "wrong") await ctx.reply(ctx.t("pin-wrong", { left: check.left }));
    else if (check.kind === "unset") await ctx.reply(ctx.t("pin-required-unset"));
    else {
      await ctx.reply(pinPausedText(t(ctx), check.until));
      if (check.justNow) await tellAdminsPinPaused(deps, userId, check.until);
    }
    return false;
  }

  async function batch(ctx: BotContext, texts: string[], orders: OneLine[], pinChecked: boolean): Promise<void> {
    if (orders.length > deps.oneLineBatchMax) return void (await ctx.reply(ctx.t("batch-too-many", { max: deps.oneLineBatchMax })));
    const locale = userLocale(deps.users, ctx);
    const lines = orders.map((o, i) => ({ line: texts[i]!, ...resolveOrder(deps, t(ctx), locale, o) }));
    await ctx.conversation.enter(CONVERSATION.batch, { lines, pinChecked } satisfies BatchStart);
  }

  c.on("message:text", async (ctx, next) => {
    const single = parseOneLine(ctx.message.text);
    const orders = single ? [single] : parseBatch(ctx.message.text);
    if (!orders) return next();
    const pin = orders.find((o) => o.pin !== undefined)?.pin;
    if (pin !== undefined && !(await pinRight(ctx, pin))) return;
    const pinChecked = pin !== undefined;
    if (!single) {
      const texts = ctx.message.text
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
      return batch(ctx, texts, orders, pinChecked);
    }
    const start = resolveOrder(deps, t(ctx), userLocale(deps.users, ctx), single);
    if ("error" in start) return void (await ctx.reply(start.error));
    const args = { productId: start.productId, input: start.input, oneLine: true, pinChecked };
    await ctx.conversation.enter(start.kind === "prepaid" ? CONVERSATION.prepaid : CONVERSATION.pay, args);
  });
  return c;
}
