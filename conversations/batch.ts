import { InlineKeyboard } from "grammy";
import { formatRupiah, splitCustomerNo } from "../src/billing/format.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";
import type { ResolvedOrder } from "../src/bot/one-line-orders.js";
import { userLocale } from "../src/bot/i18n.js";
import { OrderLines } from "../src/db/order-lines.js";
import { prepaidCode } from "../src/billing/prepaid-id.js";
import type { ConfirmFreshResult, QuoteResult } from "../src/payments/payments.js";
import { noBillText, repeatCount, typedAnswer } from "./checkout.js";
import { CONVERSATION } from "./ids.js";
import { pinCleared } from "./pin-step.js";
import { isButton, waitFor } from "./wait.js";

/** Several one-line orders typed in one message (see oneLineFeature). */
export interface BatchStart {
  /** Each line as typed (any PIN masked), with what it resolved to or why it cannot be ordered. */
  lines: ({ line: string } & (ResolvedOrder | { error: string }))[];
  /** The PIN came with the order and was right: it is not asked again. */
  pinChecked: boolean;
}

/** One line of the summary: quoted (its payment's id and price) or refused (why). */
type Row = { n: number; text: string } & ({ txId: string; price: number } | { error: string });

/**
 * A batch of one-line orders: every line is quoted (a line that cannot be is listed with its
 * reason), one summary gives each line's product, number and price and the total, one confirm (and
 * the PIN once, for the total) pays them all. Each order is then its own payment: confirmed by
 * its own guarded state change, sent by the worker, refunded alone should it fail, and told in
 * one receipt line as it finishes (see paymentNotifier).
 */
export function createBatchConversation(deps: BotDeps) {
  const ownButtons = /^(pay|cancel):batch:/;
  const orderLines = new OrderLines(deps.db);

  return async function batch(conversation: BotConversation, ctx: ConvContext, start: BatchStart): Promise<void> {
    const userId = ctx.from!.id;
    const chatId = ctx.chat!.id;
    const rows: Row[] = [];
    for (const [i, l] of start.lines.entries()) {
      const n = i + 1;
      if ("error" in l) {
        rows.push({ n, text: l.line, error: l.error });
        continue;
      }
      const name = await conversation.external(() => {
        const code = prepaidCode(l.productId);
        if (code === undefined) return deps.catalog.productName(l.productId, userLocale(deps.users, ctx));
        const found = deps.prepaid.check(code, deps.now());
        return found.kind === "offered" ? found.product.name : null;
      });
      const label = `${name ?? l.line} · ${splitCustomerNo(l.input.customerNo).number}`;
      if (name === null) {
        rows.push({ n, text: l.line, error: ctx.t("batch-line-unavailable") });
        continue;
      }
      const quote = await conversation.external(
        (): Promise<QuoteResult> => deps.payments.quote(userId, chatId, l.productId, l.input, { alongside: rows.some((r) => "txId" in r) }),
      );
      if (quote.kind !== "quoted") {
        rows.push({ n, text: label, error: noBillText(deps, ctx, l.productId, quote) });
        continue;
      }
      const before = await repeatCount(deps, conversation, ctx, l.productId, l.input.customerNo);
      const repeat = before > 0 ? ` ${ctx.t("batch-line-repeat", { n: before + 1 })}` : "";
      rows.push({ n, text: `${label} · ${formatRupiah(quote.price)}${repeat}`, txId: quote.txId, price: quote.price });
    }
    const payable = rows.filter((r): r is Extract<Row, { txId: string }> => "txId" in r);
    const total = payable.reduce((sum, r) => sum + r.price, 0);
    const balance = await conversation.external(() => deps.wallet.balance(userId));
    const summary = [
      ctx.t("batch-title", { count: rows.length }),
      ...rows.map((r) => ("error" in r ? `${r.n}. ❌ ${r.text}: ${r.error}` : `${r.n}. ${r.text}`)),
      "",
      ctx.t("batch-total", { count: payable.length, total: formatRupiah(total) }),
      ctx.t("batch-balance", { balance: formatRupiah(balance) }),
    ].join("\n");
    const cancelAll = () => conversation.external(() => payable.map((r) => deps.payments.cancel(r.txId, userId)));
    if (payable.length === 0) return void (await ctx.reply(summary));
    if (balance < total) {
      await cancelAll();
      await ctx.reply(`${summary}\n\n${ctx.t("batch-short", { missing: formatRupiah(total - balance) })}`);
      return;
    }

    const key = payable[0]!.txId;
    const sent = await ctx.reply(`${summary}\n\n${ctx.t("batch-confirm")}`, {
      reply_markup: new InlineKeyboard().text(ctx.t("batch-button-pay"), `pay:batch:${key}`).text(ctx.t("pay-button-cancel"), `cancel:batch:${key}`),
    });
    const typed = (c: ConvContext) => typedAnswer(c.message?.text, `pay:batch:${key}`, `cancel:batch:${key}`);
    const isPress = isButton(new RegExp(`^(pay|cancel):batch:${key}$`));
    const press = await waitFor(conversation, (c): c is ConvContext => isPress(c) || typed(c) !== undefined, {
      hintKey: "pay-use-buttons",
      ownButtons,
      wordsAnswer: true,
    });
    const choice = press.callbackQuery?.data ?? typed(press)!;
    if (press.callbackQuery) await press.answerCallbackQuery().catch(() => {});
    const removeButtons = () => press.api.editMessageReplyMarkup(chatId, sent.message_id).catch(() => {});
    if (choice.startsWith("cancel:")) {
      await removeButtons();
      await cancelAll();
      await press.reply(ctx.t("pay-cancelled"));
      return;
    }
    const cleared =
      start.pinChecked ||
      (await pinCleared(deps, conversation, press, { price: total, oneLine: true, flow: CONVERSATION.batch, ownButtons, beforeAsk: removeButtons }));
    if (!cleared) {
      await removeButtons();
      await cancelAll();
      return;
    }
    // Each order is its own guarded confirm: one the balance no longer covers is told, the others go on.
    const refused: string[] = [];
    const confirmed: string[] = [];
    for (const r of payable) {
      const result = await conversation.external((): Promise<ConfirmFreshResult> => deps.payments.confirmFresh(r.txId, userId, { alongside: true }));
      if (result.kind === "confirmed") {
        await conversation.external(() => orderLines.mark(result.txId, { line: r.n, of: rows.length }));
        confirmed.push(result.txId);
      } else {
        await conversation.external(() => deps.payments.cancel(r.txId, userId));
        refused.push(`${r.n}. ❌ ${ctx.t(result.kind === "insufficient" ? "batch-line-short" : "batch-line-not-paid")}`);
      }
    }
    const status = [confirmed.length > 0 ? ctx.t("batch-paying", { count: confirmed.length }) : ctx.t("batch-none-paid"), ...refused].join("\n");
    // On WhatsApp an edit is a message of its own: only what went wrong is worth one there.
    if (deps.channel !== "whatsapp") await press.api.editMessageText(chatId, sent.message_id, `${summary}\n\n${status}`).catch(() => {});
    else if (refused.length > 0 || confirmed.length === 0) await press.reply(status);
    else await removeButtons();
    // Only now, so no receipt line overtakes the summary that announces them.
    for (const txId of confirmed) await conversation.external(() => deps.startPayment(txId));
  };
}
