import { type Composer, InlineKeyboard } from "grammy";
import { LeanComposer } from "../composer.js";
import { formatRupiah } from "../../billing/format.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { CONVERSATION, type PayStart } from "../../../conversations/index.js";
import { billMenuHome } from "./bill-menu.js";

export function mainMenu(ctx: BotContext): InlineKeyboard {
  return (
    new InlineKeyboard()
      .text(ctx.t("menu-pay"), "menu:pay")
      .text(ctx.t("menu-prepaid"), "menu:prepaid")
      .row()
      .text(ctx.t("menu-balance"), "menu:balance")
      .text(ctx.t("menu-history"), "menu:history")
      .row()
      .text(ctx.t("menu-help"), "menu:help")
      // Last, so the numbers the terminal shows for the others stay the ones people learned.
      .text(ctx.t("menu-topup"), "menu:deposit")
      .row()
      .text(ctx.t("menu-statement"), "menu:statement")
  );
}

/**
 * /start, the main menu and the commands behind its buttons. Installed before the conversations
 * so it works mid-flow; "pay" only clears the chat here and is entered further down, where the
 * conversation is registered (see payEntryFeature).
 */
export function menuFeature(deps: Pick<BotDeps, "catalog" | "isAdmin" | "now" | "offer" | "payments" | "users" | "wallet">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();

  const showBalance = (ctx: BotContext) => {
    const held = deps.payments.txs.heldFor(ctx.from!.id);
    return ctx.reply(
      [
        ctx.t("balance-text", { balance: formatRupiah(deps.wallet.balance(ctx.from!.id)) }),
        // Money a payment in flight holds is out of the balance already; say where it is.
        ...(held > 0 ? [ctx.t("balance-held", { amount: formatRupiah(held) })] : []),
        ctx.t("balance-topup-hint"),
      ].join("\n"),
    );
  };
  const showHelp = (ctx: BotContext) => ctx.reply(deps.isAdmin(ctx.from!.id) ? `${ctx.t("help-text")}\n\n${ctx.t("help-admin")}` : ctx.t("help-text"));

  c.command("start", async (ctx) => {
    await ctx.conversation.exitAll();
    deps.payments.txs.cancelOpenQuotes(ctx.from!.id, deps.now());
    await ctx.reply(ctx.t("start-greeting", { name: ctx.from!.first_name }), { reply_markup: mainMenu(ctx) });
  });
  c.command(["bayar", "pay", "beli", "buy"], async (ctx, next) => {
    // A new flow replaces whatever was in progress in this chat.
    await ctx.conversation.exitAll();
    await next();
  });
  // "/saldo <user>" is the admins' look-up, handled further down.
  c.command(["saldo", "balance"], (ctx, next) => (ctx.match.trim() ? next() : showBalance(ctx)));
  c.command(["bantuan", "help"], showHelp);

  c.callbackQuery(/^menu:(pay|prepaid|balance|help)$/, async (ctx, next) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    const action = ctx.match[1];
    if (action === "balance") return showBalance(ctx);
    if (action === "help") return showHelp(ctx);
    await ctx.conversation.exitAll();
    await next();
  });
  return c;
}

/**
 * /bayar shows the bill menu (billMenuFeature turns its pages); a product pressed there starts the
 * pay flow, /beli the prepaid one. Installed after the conversations are registered, since it enters them.
 */
export function payEntryFeature(deps: Pick<BotDeps, "catalog" | "isAdmin" | "now" | "offer" | "payments" | "users" | "wallet">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const menu = (ctx: BotContext) => {
    const home = billMenuHome(deps, ctx);
    return ctx.reply(home.text, { reply_markup: home.reply_markup });
  };
  const buy = (ctx: BotContext) => ctx.conversation.enter(CONVERSATION.prepaid);
  c.command(["bayar", "pay"], menu);
  c.callbackQuery("menu:pay", menu);
  // billMenuFeature has answered the press, checked the product and ended any flow in the chat.
  c.callbackQuery(/^prod:(.+)$/, (ctx) => ctx.conversation.enter(CONVERSATION.pay, { productId: ctx.match[1]!, fromMenu: true } satisfies PayStart));
  c.command(["beli", "buy"], buy);
  c.callbackQuery("menu:prepaid", buy);
  return c;
}
