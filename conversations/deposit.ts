import { InlineKeyboard } from "grammy";
import { parseAmount } from "../src/billing/amount.js";
import { formatRupiah } from "../src/billing/format.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";
import type { Translate } from "../src/billing/format.js";
import { creditRequestAndTell, requestDeposit } from "../src/bot/deposit-requests.js";
import { replyDone } from "../src/bot/reply-done.js";
import { labelById } from "../src/bot/user-label.js";
import { isButton, isText, spendTry, tries, waitFor } from "./wait.js";

const isSkip = isButton(/^deposit:skip$/);

/**
 * How to top up, with the button that tells the admins (/deposit, the menu, and where a short
 * balance at a bill leads); with a payment gateway, its automatic QRIS / virtual account first.
 */
export function depositScreen(deps: Pick<BotDeps, "depositInstructions" | "deposits">, t: Translate): { text: string; reply_markup: InlineKeyboard } {
  const manual = `${deps.depositInstructions ?? t("deposit-instructions-default")}\n\n${t("deposit-request-hint")}`;
  const keyboard = new InlineKeyboard();
  if (deps.deposits) keyboard.text(t("deposit-button-auto"), "deposit:auto").row();
  return {
    text: deps.deposits ? `${t("deposit-auto-hint")}\n\n${manual}` : manual,
    reply_markup: keyboard.text(t("deposit-button-request"), "deposit:request"),
  };
}

/**
 * A user tells the admins they transferred money: optionally how much (DEPOSIT_MIN_AMOUNT to
 * DEPOSIT_MAX_AMOUNT, so a "1" meant for "Lewati" is never a request for Rp 1),
 * then a request with a one-tap top-up goes to every admin, or the open one is updated. At most
 * DEPOSIT_REQUESTS_PER_HOUR are sent an hour. Other buttons go on to their features (an old one
 * expires in the fallback); a sticker or the like gets a nudge.
 */
export function createDepositRequestConversation(deps: BotDeps) {
  const { minAmount, maxAmount, requestsPerHour } = deps.depositLimits;
  const limits = { min: formatRupiah(minAmount), max: formatRupiah(maxAmount) };
  const tooMany = (ctx: ConvContext) => ctx.t("deposit-too-many", { count: requestsPerHour });

  return async function depositRequest(conversation: BotConversation, ctx: ConvContext): Promise<void> {
    const userId = ctx.from!.id;
    // Told before typing an amount that will not be sent (submit checks again, under its lock).
    const sent = await conversation.external(() => deps.depositRequests.sentInLastHour(userId, deps.now()));
    if (sent >= requestsPerHour) {
      await ctx.reply(tooMany(ctx));
      return;
    }
    const prompt = await ctx.reply(ctx.t("deposit-ask-amount", limits), {
      reply_markup: new InlineKeyboard().text(ctx.t("deposit-button-skip"), "deposit:skip"),
    });
    let amount: number | undefined;
    const budget = tries();
    for (;;) {
      const answer = await waitFor(conversation, (c) => isText(c) || isSkip(c), { hintKey: "deposit-type-amount" }, budget);
      if (isSkip(answer)) {
        await answer.answerCallbackQuery().catch(() => {});
        break;
      }
      const text = answer.message?.text ?? "";
      amount = parseAmount(text);
      if (amount !== undefined && amount >= minAmount && amount <= maxAmount) break;
      await spendTry(conversation, answer, budget);
      const error = amount === undefined ? "deposit-amount-invalid" : amount < minAmount ? "deposit-amount-too-low" : "deposit-amount-too-high";
      await answer.reply(ctx.t(error, { input: text.trim(), ...limits }));
    }
    await ctx.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id).catch(() => {});
    const result = await conversation.external(async () => (await requestDeposit(deps, userId, amount)).kind);
    if (result === "too-many") {
      await ctx.reply(tooMany(ctx));
      return;
    }
    const key = `deposit-${result === "updated" ? "updated" : "requested"}`;
    await ctx.reply(amount === undefined ? ctx.t(key) : ctx.t(`${key}-amount`, { amount: formatRupiah(amount) }));
  };
}

/** An admin tapped the top-up on a request without an amount: ask for it, then credit once. */
export function createDepositCreditConversation(deps: BotDeps) {
  return async function depositCredit(conversation: BotConversation, ctx: ConvContext, requestId: number): Promise<void> {
    const user = await conversation.external(() => {
      const request = deps.depositRequests.get(requestId);
      return request ? labelById(deps.users, request.userId) : null;
    });
    if (user === null) {
      await ctx.reply(ctx.t("admin-deposit-missing", { id: String(requestId) }));
      return;
    }
    await ctx.reply(ctx.t("admin-deposit-ask-amount", { id: String(requestId), user }));
    const budget = tries();
    for (;;) {
      const answer = await waitFor(conversation, isText, { hintKey: "admin-deposit-type-amount" }, budget);
      const amount = parseAmount(answer.message.text);
      if (amount === undefined) {
        await spendTry(conversation, answer, budget);
        await answer.reply(ctx.t("admin-amount-invalid", { input: answer.message.text.trim() }));
        continue;
      }
      const adminId = ctx.from!.id;
      // The button had no amount: a request the user has given one since is not credited from here.
      await replyDone(answer, deps, await conversation.external(() => creditRequestAndTell(deps, ctx.t, adminId, requestId, null, amount)));
      return;
    }
  };
}
