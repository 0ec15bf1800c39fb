import type { Api } from "grammy";
import { renderReceipt } from "../billing/receipt.js";
import type { PaymentNotifier } from "../payments/worker.js";
import type { BotDeps } from "./deps.js";
import { DEFAULT_LOCALE, translator } from "./i18n.js";

/**
 * Tells the user what became of a payment: the receipt, the refund, or that it is still being
 * processed. Sent through the Bot API of the user's channel, so Telegram, WhatsApp and the
 * terminal all get it the same way.
 */
export function paymentNotifier(deps: BotDeps, apiFor: (channel: string) => Api | undefined): PaymentNotifier {
  return async (tx) => {
    const user = deps.users.get(tx.userId);
    const api = apiFor(user?.channel ?? deps.channel);
    if (!user || !api) return;
    const locale = user.language ?? DEFAULT_LOCALE;
    const product = deps.catalog.product(tx.productId);
    const productName = product ? (locale === "en" ? product.names.en : product.names.id) : tx.productId;
    const text = renderReceipt({ tx, productName, balance: deps.wallet.balance(tx.userId) }, translator(deps.i18n, locale));
    await api.sendMessage(tx.chatId, text).catch((err: Error) => deps.log(`could not send the result of ${tx.id}: ${err.message}`));
  };
}
