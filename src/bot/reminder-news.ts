import type { Catalog } from "../billing/catalog.js";
import { formatDate, formatPeriod, formatRupiah, wibDate, type Translate } from "../billing/format.js";
import type { Favorite } from "../db/favorites.js";
import type { ReminderNews } from "../payments/bill-calendar.js";
import type { Wallet } from "../payments/wallet.js";
import type { BotDeps } from "./deps.js";

/** A WIB calendar day as people say it: "5 Januari 2027". */
export const dayText = (ms: number, t: Translate) => formatDate(wibDate(ms), t);

/** The button that stops one saved bill's reminders, on every reminder message. */
export const stopButton = (t: Translate, favorite: Favorite) => ({ text: t("reminder-stop-button"), data: `rem:stop:${favorite.id}` });

/** What a saved bill is called in a message: its label, product and number. */
const named = (catalog: Catalog, favorite: Favorite, locale: string) => ({
  label: favorite.label,
  product: catalog.productName(favorite.productId, locale),
  number: favorite.input.customerNo,
});

/**
 * Tells a user what their bill reminder found, through their own channel (notifyUser: Telegram
 * through the outgoing queue, WhatsApp through the outbox). A bill comes with a one-tap Bayar
 * (the press asks the biller again and pays through the usual checkout) and the comparison with
 * the last bill of the number paid here.
 */
export function reminderTeller(deps: { notifyUser: BotDeps["notifyUser"]; catalog: Catalog; wallet: Wallet }) {
  return async (userId: number, news: ReminderNews): Promise<void> => {
    await deps.notifyUser(userId, (t, locale) => {
      const name = named(deps.catalog, news.favorite, locale);
      const stop = [stopButton(t, news.favorite)];
      if (news.kind === "paid") return { text: t("reminder-paid", { ...name, date: dayText(news.nextRunAt, t) }), buttons: [stop] };
      if (news.kind === "not-published") {
        return { text: t("reminder-not-published", { ...name, tries: news.tries, date: dayText(news.nextRunAt, t) }), buttons: [stop] };
      }
      const { bill, last, price } = news;
      const balance = deps.wallet.balance(userId);
      const lines = [
        t("reminder-due-title", { label: name.label }),
        t("reminder-due-customer", { product: name.product, number: name.number, name: bill.customerName || "-" }),
        t("reminder-due-period", { period: bill.periods.map((p) => formatPeriod(p.period, t)).join(", ") || "-" }),
        t("reminder-due-bill", { amount: formatRupiah(bill.billAmount) }),
        t("reminder-due-total", { price: formatRupiah(price) }),
        ...(last ? [t("reminder-last", { amount: formatRupiah(last.billAmount), date: dayText(last.paidAt, t) })] : []),
        ...(last?.jump ? ["", t("reminder-jump", { percent: last.rise })] : []),
        "",
        t(balance < price ? "reminder-short" : "reminder-pay-hint", { balance: formatRupiah(balance) }),
      ];
      const pay = { text: t("reminder-pay-button", { price: formatRupiah(price) }), data: `rem:pay:${news.favorite.id}:${news.cycle}` };
      return { text: lines.join("\n"), buttons: [[pay], stop] };
    });
  };
}
