import type { Api } from "grammy";
import { InlineKeyboard, InputFile } from "grammy";
import { formatDateTimeWib, formatRupiah, splitCustomerNo, type Translate } from "../billing/format.js";
import { renderReceipt } from "../billing/receipt.js";
import { renderReceiptLine } from "../billing/receipt-line.js";
import { OrderLines } from "../db/order-lines.js";
import type { Users } from "../db/users.js";
import type { LossAlert, PaymentNotifier, PendingAlert, ThrottleAlert } from "../payments/worker-notifiers.js";
import type { BotDeps, SentMessage } from "./deps.js";
import { DEFAULT_LOCALE, translator } from "./i18n.js";
import { type Picture, sendWithPicture } from "./struk-pictures.js";

/**
 * Messages that start outside a chat update: receipts from the worker, top-up notes, admin
 * alerts. Each goes through the Bot API of the recipient's channel (Telegram, WhatsApp or the
 * terminal), in the recipient's language.
 */
export function userNotifier(
  users: Users,
  i18n: BotDeps["i18n"],
  apiFor: (channel: string) => Api | undefined,
  fallbackChannel: string,
  log: (message: string) => void,
): BotDeps["notifyUser"] {
  return async (to, render, replaces) => {
    // A linked account is told once, on the channel it last wrote on, or the other one when that fails.
    const userId = users.accountOf(to);
    const user = users.get(userId);
    const routes = user ? users.routes(userId, user) : [fallbackChannel];
    const locale = user?.language ?? DEFAULT_LOCALE;
    const rendered = render(translator(i18n, locale), locale);
    const { text, buttons, picture } = typeof rendered === "string" ? { text: rendered, buttons: [], picture: undefined } : rendered;
    const reply_markup = buttons.length ? InlineKeyboard.from(buttons.map((row) => row.map((b) => InlineKeyboard.text(b.text, b.data)))) : undefined;
    const extra = reply_markup ? { reply_markup } : {};
    const drawn = await picture;
    for (const channel of routes) {
      const api = apiFor(channel);
      if (!api) {
        // The user's channel is not running in this process (a Telegram user while the bot runs in the terminal).
        log(`no ${channel} channel running: message for user ${userId} not sent`);
        continue;
      }
      // A message to edit is one on the user's own channel (an admin's request note).
      const edit = replaces !== undefined && channel === user?.channel ? replaces : undefined;
      const sent = await sendOrEdit(api, userId, { text, extra, picture: drawn }, edit, log);
      if (sent) return sent;
    }
    return undefined;
  };
}

async function sendOrEdit(
  api: Api,
  userId: number,
  message: { text: string; extra: { reply_markup?: InlineKeyboard }; picture: Picture | undefined },
  replaces: number | undefined,
  log: (message: string) => void,
): Promise<SentMessage | undefined> {
  const { text, extra, picture } = message;
  if (replaces !== undefined) {
    const edited = await api.editMessageText(userId, replaces, text, extra).then(
      () => true,
      // Telegram refuses an edit that changes nothing: the message already says this.
      (err: Error) => err.message.includes("message is not modified"),
    );
    if (edited) return { userId, messageId: replaces };
  }
  // A private chat's id is the user's id on every channel.
  return (picture ? sendWithPicture(api, userId, text, extra, picture, log) : api.sendMessage(userId, text, extra)).then(
    (m) => ({ userId, messageId: m.message_id }),
    (err: Error) => {
      log(`could not message user ${userId}: ${err.message}`);
      return undefined;
    },
  );
}

/**
 * A message for the Telegram admins (ADMIN_IDS) in each one's language, with a picture when given:
 * news about the WhatsApp link (the login QR to scan from another screen, a pairing code, a
 * logout), which cannot go out through WhatsApp itself.
 */
export function telegramAdminNotice(
  users: Users,
  i18n: BotDeps["i18n"],
  telegram: () => Api | undefined,
  adminIds: number[],
  log: (message: string) => void,
): (text: (t: Translate) => string, picture?: Uint8Array) => Promise<void> {
  return async (text, picture) => {
    const api = telegram();
    if (!api) return;
    for (const id of adminIds) {
      const caption = text(translator(i18n, users.language(id) ?? DEFAULT_LOCALE));
      await (picture ? api.sendPhoto(id, new InputFile(picture, "whatsapp-login.png"), { caption }) : api.sendMessage(id, caption)).catch((err: Error) =>
        log(`could not tell admin ${id}: ${err.message}`),
      );
    }
  };
}

/**
 * The receipt, the refund, or that a payment is still being processed. After a success the user
 * is offered to save the number, unless it is saved already. A batch's order gets one line.
 */
export function paymentNotifier(deps: Pick<BotDeps, "catalog" | "db" | "favorites" | "notifyUser" | "struk" | "wallet">): PaymentNotifier {
  const orderLines = new OrderLines(deps.db);
  return async (tx) => {
    // An order of a batch typed in one message: one short line each, as each finishes.
    const inBatch = orderLines.of(tx.id);
    if (inBatch)
      return void (await deps.notifyUser(tx.userId, (t, locale) =>
        renderReceiptLine({ tx, productName: deps.catalog.purchaseName(tx, locale), ...inBatch }, t),
      ));
    await deps.notifyUser(tx.userId, (t, locale) => {
      const product = deps.catalog.product(tx.productId);
      // The balance now, as /saldo shows it: another payment may have been charged since this one.
      const balance = deps.wallet.balanceAfter(tx.id) === undefined ? undefined : { now: deps.wallet.balance(tx.userId) };
      const receipt = { tx, productName: deps.catalog.purchaseName(tx, locale), balance, kind: product?.kind };
      const text = renderReceipt(receipt, t);
      const offerSave = tx.state === "success" && tx.input && !deps.favorites.has(tx.userId, tx.productId, tx.input.customerNo);
      // A paid receipt comes as a struk picture too (none for a failure or while pending).
      return { text, buttons: offerSave ? [[{ text: t("favorite-save-button"), data: `fav:save:${tx.id}` }]] : [], picture: deps.struk.forReceipt(receipt, t) };
    });
  };
}

/**
 * Tells every admin that a payment is still waiting for the provider (pending), that a PLN token
 * purchase came back done without its token (with the sn the provider did give), or that the
 * provider has not taken it yet (confirmed or sending), with what to do about it.
 */
export function pendingAlert(deps: Pick<BotDeps, "catalog" | "notifyAdmins" | "users">): PendingAlert {
  return async (tx) => {
    const pending = tx.state === "pending";
    await deps.notifyAdmins((t, locale) => {
      const user = deps.users.get(tx.userId);
      const key = !pending ? "stuck-alert" : tx.awaiting === "token" ? "pending-alert-token" : "pending-alert";
      return t(key, {
        ref: tx.id,
        since: formatDateTimeWib((pending ? tx.sentAt : tx.confirmedAt) ?? tx.createdAt, t),
        sn: tx.sn?.trim() || t("pending-alert-sn-empty"),
        user: user?.username ? `@${user.username}` : String(tx.userId),
        product: deps.catalog.purchaseName(tx, locale),
        number: splitCustomerNo(tx.bill.customerNo).number,
        amount: formatRupiah(tx.price),
      });
    });
  };
}

/** Tells every admin that a payment cost the provider more than the user paid: the product, its provider code and the amount lost. */
export function lossAlert(deps: Pick<BotDeps, "catalog" | "notifyAdmins">): LossAlert {
  return async (tx) => {
    await deps.notifyAdmins((t, locale) =>
      t("loss-alert", {
        ref: tx.id,
        product: `${deps.catalog.purchaseName(tx, locale)} [${tx.bill.productCode}]`,
        cost: formatRupiah(tx.cost),
        price: formatRupiah(tx.price),
        loss: formatRupiah(tx.cost - tx.price),
      }),
    );
  };
}

/** How long the same operator problem stays quiet after the admins were told about it. */
const OPERATOR_ALERT_QUIET_MS = 10 * 60_000;

/** Tells the admins the provider's limit paused every payment; repeats stay quiet a while. */
export function throttleAlert(deps: Pick<BotDeps, "notifyAdmins" | "now">): ThrottleAlert {
  let lastTold = -Infinity;
  return async (pause) => {
    const now = deps.now();
    if (now - lastTold < OPERATOR_ALERT_QUIET_MS) return;
    lastTold = now;
    await deps.notifyAdmins((t) => t("throttle-alert", { reason: pause.reason, seconds: Math.round(pause.ms / 1000) }));
  };
}

/** Tells the admins about a provider refusal only they can fix; repeats of it stay quiet a while. */
export function operatorAlert(deps: Pick<BotDeps, "catalog" | "notifyAdmins" | "now">): BotDeps["alertOperator"] {
  const lastTold = new Map<string, number>();
  return async (problem) => {
    const now = deps.now();
    const key = `${problem.code}:${problem.message}`;
    if (now - (lastTold.get(key) ?? -Infinity) < OPERATOR_ALERT_QUIET_MS) return;
    lastTold.set(key, now);
    await deps.notifyAdmins((t, locale) =>
      t("operator-alert", { code: problem.code, message: problem.message, product: deps.catalog.productName(problem.productId, locale) }),
    );
  };
}
