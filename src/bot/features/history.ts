import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../composer.js";
import { formatDateTimeWib, formatRupiah, splitCustomerNo, type Translate } from "../../billing/format.js";
import { renderReceipt } from "../../billing/receipt.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { sendWithPicture } from "../struk-pictures.js";

export const HISTORY_PAGE_SIZE = 5;

/** /riwayat: the user's payments, newest first, a page at a time; each one's receipt on request. */
export function historyFeature(deps: Pick<BotDeps, "catalog" | "log" | "payments" | "struk" | "users" | "wallet">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();

  const page = (userId: number, n: number, locale: string, t: Translate) => {
    const total = deps.payments.txs.countByUser(userId);
    const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
    const current = Math.min(Math.max(n, 0), pages - 1);
    const txs = deps.payments.txs.byUser(userId, HISTORY_PAGE_SIZE, current * HISTORY_PAGE_SIZE);
    if (txs.length === 0) return { text: t("history-empty"), reply_markup: new InlineKeyboard() };
    // Numbered across pages: the first entry of page 2 is 6, its button "Struk 6".
    const first = current * HISTORY_PAGE_SIZE + 1;
    const lines = txs.map((tx, i) =>
      t("history-line", {
        n: first + i,
        state: t(`history-state-${tx.state}`),
        time: formatDateTimeWib(tx.confirmedAt ?? tx.createdAt, t),
        product: deps.catalog.purchaseName(tx, locale),
        number: splitCustomerNo(tx.bill.customerNo).number,
        amount: formatRupiah(tx.price),
      }),
    );
    const kb = new InlineKeyboard();
    txs.forEach((tx, i) => kb.text(t("history-receipt-button", { n: first + i }), `rcpt:${tx.id}`));
    kb.row();
    if (current > 0) kb.text(t("menu-previous"), `hist:${current - 1}`);
    if (current < pages - 1) kb.text(t("menu-next"), `hist:${current + 1}`);
    return { text: [t("history-title", { page: current + 1, pages }), "", ...lines].join("\n"), reply_markup: kb };
  };

  const show = async (ctx: BotContext) => {
    const p = page(ctx.from!.id, 0, await ctx.i18n.getLocale(), ctx.t);
    await ctx.reply(p.text, { reply_markup: p.reply_markup });
  };

  c.command(["riwayat", "history"], show);
  c.callbackQuery("menu:history", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    await show(ctx);
  });
  c.callbackQuery(/^hist:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const p = page(ctx.from.id, Number(ctx.match[1]), await ctx.i18n.getLocale(), ctx.t);
    await ctx.editMessageText(p.text, { reply_markup: p.reply_markup }).catch(() => {});
  });
  c.callbackQuery(/^rcpt:(\w+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const tx = deps.payments.txs.get(ctx.match[1]!);
    // Only the payer may see a receipt, whatever callback data a client sends.
    if (!tx || deps.users.accountOf(tx.userId) !== ctx.from.id) return ctx.reply(ctx.t("menu-expired"));
    const locale = await ctx.i18n.getLocale();
    const kind = deps.catalog.product(tx.productId)?.kind;
    // Opened again later: the balance right after this payment, labelled so.
    const after = deps.wallet.balanceAfter(tx.id);
    const receipt = { tx, kind, productName: deps.catalog.purchaseName(tx, locale), balance: after === undefined ? undefined : { after } };
    const text = renderReceipt(receipt, ctx.t);
    const picture = await deps.struk.forReceipt(receipt, ctx.t);
    await (picture ? sendWithPicture(ctx.api, ctx.chat!.id, text, {}, picture, deps.log) : ctx.reply(text));
  });
  return c;
}
