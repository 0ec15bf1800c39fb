import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { Questions } from "../src/db/questions.js";
import type { InlineKeyboard } from "grammy";
import { CLOSE_BUTTONS } from "../src/bot/close-buttons.js";
import { commandWord } from "../src/bot/command-words.js";

/** What a flow does with the updates it is not waiting for. */
export interface StrayHandling {
  /** The nudge for a message the flow cannot take (a sticker, or text while it shows buttons). */
  hintKey: string;
  /**
   * Callback data of the flow's own buttons. An old one expires here; a flow whose old buttons
   * mean nothing further down can leave this out and let the fallback expire them.
   */
  ownButtons?: RegExp;
  /**
   * Whether a word that names a command ("saldo", "batal") is an answer when `accept` takes it (a
   * label, a typed "batal" at a one-line order). Otherwise it goes on down the middleware, where
   * it does what the command does (see commandWordsFeature), and the flow keeps waiting.
   */
  wordsAnswer?: boolean;
  /**
   * The buttons the flow waits on. The nudge for a stray message carries them again: on a text
   * channel another menu may have taken the numbers since (/riwayat typed in between), and in any
   * chat they may have scrolled far up.
   */
  buttons?: InlineKeyboard;
}

/** How many answers one prompt takes that it cannot use (wrong ones, stray messages) before the flow ends. */
export const MAX_TRIES = 5;

/** The tries a prompt has left. Flows replay, so this is counted afresh on each replay, never stored. */
export interface Tries {
  left: number;
}
export const tries = (): Tries => ({ left: MAX_TRIES });

/**
 * Counts an answer the prompt could not use. After the last one the flow ends with a hint: every
 * answer a flow waits on is kept in its state until it ends, so one chat must not keep it growing.
 */
export async function spendTry(conversation: BotConversation, ctx: ConvContext, budget: Tries): Promise<void> {
  if (--budget.left > 0) return;
  // The flow's buttons die with it: a text channel must not keep numbering them.
  await ctx.reply(ctx.t("flow-too-many-tries"), { reply_markup: CLOSE_BUTTONS });
  return conversation.halt();
}

/**
 * Waits for an update that `accept` takes. Meanwhile: the flow's own old buttons expire, other
 * buttons (other features', a forgotten flow's) go on down the middleware, which answers them, and
 * stray messages get `hintKey` as a nudge. Answering a button Telegram no longer knows ("query is
 * too old" after downtime) does not end the flow. Stray messages and old own buttons spend `budget`.
 */
export async function waitFor<T extends ConvContext>(
  conversation: BotConversation,
  accept: (ctx: ConvContext) => ctx is T,
  { hintKey, ownButtons, wordsAnswer, buttons }: StrayHandling,
  budget = tries(),
): Promise<T> {
  for (;;) {
    const next = await conversation.wait();
    const word = commandWord(next.message?.text) !== undefined;
    if (accept(next) && (wordsAnswer || !word)) return next;
    const data = next.callbackQuery?.data;
    if (data !== undefined && ownButtons?.test(data)) {
      await spendTry(conversation, next, budget);
      await next.answerCallbackQuery({ text: next.t("menu-expired") }).catch(() => {});
      await next.editMessageReplyMarkup().catch(() => {});
    } else if (data !== undefined || !next.message || word) {
      await conversation.skip({ next: true });
    } else {
      await spendTry(conversation, next, budget);
      await next.reply(next.t(hintKey), buttons && { reply_markup: buttons });
    }
  }
}

export const isText = (c: ConvContext): c is ConvContext & { message: { text: string } } => typeof c.message?.text === "string";

export const isButton =
  (pattern: RegExp) =>
  (c: ConvContext): c is ConvContext & { callbackQuery: { data: string } } =>
    pattern.test(c.callbackQuery?.data ?? "");

/**
 * Asks until the answer passes `read`; `read` returns the value or the message to show. With
 * `remember`, the question is kept while it waits, to be asked again should the bot restart; its
 * `show` puts it (in place of the menu that led to it) instead of a message of its own.
 */
export async function ask<T>(
  conversation: BotConversation,
  ctx: ConvContext,
  stray: StrayHandling,
  prompt: string,
  read: (text: string, ctx: ConvContext) => { ok: true; value: T } | { ok: false; error: string },
  remember?: { questions: Questions; flow: string; question: string; now: () => number; show?: () => Promise<unknown> },
): Promise<T> {
  const chatId = ctx.chat!.id;
  if (remember) await conversation.external(() => remember.questions.asked(chatId, remember.flow, remember.question, remember.now()));
  await (remember?.show ? remember.show() : ctx.reply(prompt));
  const budget = tries();
  for (;;) {
    const answer = await waitFor(conversation, isText, { ...stray, wordsAnswer: true }, budget);
    const result = read(answer.message.text, answer);
    if (result.ok) {
      if (remember) await conversation.external(() => remember.questions.answered(chatId));
      return result.value;
    }
    // A word that cannot be the answer ("saldo" for a meter number) is the command it names.
    if (commandWord(answer.message.text) !== undefined) await conversation.skip({ next: true });
    await spendTry(conversation, answer, budget);
    await answer.reply(result.error);
  }
}
