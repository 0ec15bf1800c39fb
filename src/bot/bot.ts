import { conversations, type ConversationData } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotConfig } from "grammy";
import type { MessageEntity, Update } from "grammy/types";
import { buyingConversations, depositConversations } from "../../conversations/index.js";
import { sqliteConversationStorage } from "../db/conversation-store.js";
import type { BotContext, ConvContext } from "./context.js";
import type { BotDeps } from "./deps.js";
import { LeanComposer } from "./composer.js";
import { CALL_TIMEOUT_SECONDS, retryingFetch, type ApiRetryPolicy } from "./api-retry.js";
import { OutgoingQueue, type TelegramLimits } from "./outgoing.js";
import { realTimers, type Timers } from "./timers.js";
import { deliveryPlugin, deliveryTransformer, undelivered } from "./delivery.js";
import { inFlight } from "./in-flight.js";
import { rateLimitFeature } from "./features/rate-limit.js";
import { markFailed, updateLog } from "./features/update-log.js";
import { DEFAULT_LOCALE, flowTranslations } from "./i18n.js";
import { describeError } from "./external-errors.js";
import { adminBalanceFeature } from "./features/admin/balance.js";
import { auditRefused } from "./features/admin/guard.js";
import { adminDepositFeature } from "./features/admin/deposit.js";
import { adminPaymentsFeature } from "./features/admin/payments.js";
import { adminPrepaidPricesFeature } from "./features/admin/prepaid-prices.js";
import { adminPrepaidVisibilityFeature } from "./features/admin/prepaid-visibility.js";
import { adminPricesFeature } from "./features/admin/prices.js";
import { adminReloadFeature } from "./features/admin/reload.js";
import { adminMarkupFeature } from "./features/admin/markup.js";
import { priceListFeature } from "./features/price-list.js";
import { adminReportFeature } from "./features/admin/report.js";
import { adminExportFeature } from "./features/admin/export.js";
import { adminMoneyFeature } from "./features/admin/money.js";
import { adminRoutesFeature } from "./features/admin/routes.js";
import { adminUsersFeature } from "./features/admin/users.js";
import { buttonOwnerFeature } from "./features/button-owner.js";
import { cancelFeature } from "./features/cancel.js";
import { depositEntryFeature, depositFeature } from "./features/deposit.js";
import { commandCaseFeature, commandWordsFeature } from "./features/command-words.js";
import { fallbackFeature } from "./features/fallback.js";
import { unservedFeature } from "./features/unserved.js";
import { favoritesFeature } from "./features/favorites.js";
import { remindersFeature } from "./features/reminders.js";
import { historyFeature } from "./features/history.js";
import { statementFeature } from "./features/statement.js";
import { strukFeature } from "./features/struk.js";
import { languageFeature } from "./features/language.js";
import { billMenuFeature } from "./features/bill-menu.js";
import { menuFeature, payEntryFeature } from "./features/menu.js";
import { usersFeature } from "./features/users.js";
import { pinFeature } from "./features/pin.js";
import { oneLineFeature } from "./features/one-line.js";
import { linkFeature } from "./features/link.js";
import { broadcastFeature } from "./features/broadcast.js";
import { pinIntake } from "./pin-intake.js";

/**
 * Bump when a conversation changes shape: saved conversations of an older version are dropped
 * (their buttons then answer "menu expired") instead of being replayed into the wrong code.
 */
export const CONVERSATION_VERSION = 6;

const startsWithCommand = (e: MessageEntity) => e.type === "bot_command" && e.offset === 0;

/**
 * Whether a command or callbackQuery handler can match the update: a button press, or a message
 * (or a picture's caption: /broadcast) starting with a bot command (grammY matches commands exactly so). Features made only of such
 * handlers sit behind this one cheap check, so a plain text, such as an answer inside a flow,
 * skips their dozens of filters at once. Any other kind of handler must not go behind it.
 */
const commandOrPress = (ctx: BotContext) =>
  ctx.callbackQuery !== undefined || (ctx.message?.entities ?? ctx.message?.caption_entities)?.some(startsWithCommand) === true;

export interface BotApiOptions {
  /** How Bot API calls are tried again (tests shorten the pause after a 5xx). */
  apiRetry?: Partial<ApiRetryPolicy>;
  /** Telegram's flood limits, for a bot that talks to Telegram itself (not through the emulator). */
  limits?: TelegramLimits;
  /** The clock flood-waits and the queue run on. */
  timers?: Timers;
}

/**
 * Where a chat's flow is kept: its chat id. A WhatsApp user linked to a Telegram account writes
 * under the account's id, so their WhatsApp chat keeps its flow apart from the Telegram chat's.
 */
function conversationKey(deps: Pick<BotDeps, "channel" | "users">, chatId: number | undefined): string | undefined {
  if (chatId === undefined) return undefined;
  return deps.channel === "whatsapp" && deps.users.get(chatId)?.channel === "telegram" ? `whatsapp:${chatId}` : String(chatId);
}

/** The one middleware stack behind every channel. */
export function createBot(token: string, deps: BotDeps, config?: BotConfig<BotContext>, api: BotApiOptions = {}): Bot<BotContext> {
  // Every Bot API call, from any channel and inside conversations too, retries 429 and 5xx; to
  // Telegram, messages go through one queue that keeps them within its limits.
  const timers = api.timers ?? realTimers;
  const queue = api.limits && new OutgoingQueue(api.limits, timers, deps.log);
  if (queue) deps.metrics.outgoingQueue(deps.channel, () => queue.stats());
  const fetch = retryingFetch(config?.client?.fetch, { policy: api.apiRetry, timers, queue });
  const bot = new Bot<BotContext>(token, { ...config, client: { timeoutSeconds: CALL_TIMEOUT_SECONDS, ...config?.client, fetch } });
  const i18n = deps.i18n.middleware();

  const logFailure = (update: Update, error: unknown) => {
    // A reply the chat or Telegram would not take (blocked bot, Telegram busy after the retries)
    // is not a bug: one quiet line, and "update failed" stays for what is.
    const reason = undelivered(error);
    if (reason === undefined) markFailed(update);
    deps.log(reason ? `update ${update.update_id}: reply not delivered (${reason})` : `update ${update.update_id} failed: ${describeError(error)}`);
    return reason === undefined;
  };
  // Every call through bot.api and each update's copy of it: long texts split, callback answers never fatal.
  bot.api.config.use(deliveryTransformer);
  // Last resort for what escapes the boundary below (the runner calls this): log, never stop polling.
  bot.catch((err) => void logFailure(err.ctx.update, err.error));
  // The stack is lean composers (same semantics, far less allocated per update); Bot itself is
  // a plain grammY Composer, so it gets the whole stack as its one middleware.
  const stack = new LeanComposer<BotContext>();
  bot.use(stack);
  // Outermost: every update counts as in flight (for shutdown) and gets its log line.
  stack.use(updateLog(deps, inFlight(bot)));
  // Updates of one chat in order, different chats side by side (with the runner): before anything
  // that reads or writes a chat's state.
  stack.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  // Group chats are left unanswered (unservedFeature below), but an admin command tried in one
  // still goes on the audit log.
  stack.use((ctx, next) => {
    if (ctx.chat !== undefined && ctx.chat.type !== "private") auditRefused(deps, ctx, "group-chat");
    return next();
  });
  // One boundary for every channel: polling, webhooks and handleUpdate (terminal, WhatsApp, tests).
  const safe = new LeanComposer<BotContext>();
  stack.errorBoundary(async (err) => {
    // Only a real failure gets the apology, and only where there is a chat to say it in.
    if (!logFailure(err.ctx.update, err.error) || err.ctx.chat === undefined) return;
    // The translation itself may be what failed (its language comes from SQLite).
    const text = (() => {
      try {
        return err.ctx.t("error-generic");
      } catch {
        return deps.i18n.t(DEFAULT_LOCALE, "error-generic");
      }
    })();
    await err.ctx.reply(text).catch(() => {});
  }, safe);
  // The bot serves private chats only (in a group, one member could press another's Bayar), and
  // only people's messages and presses there.
  safe.use(unservedFeature());
  safe.use(i18n);
  safe.use(commandCaseFeature());
  safe.use(rateLimitFeature(deps, deps.rateLimit));
  safe.use(usersFeature(deps));
  safe.use(buttonOwnerFeature(deps));
  safe.use(
    conversations<BotContext, ConvContext>({
      storage: {
        type: "key",
        version: CONVERSATION_VERSION,
        getStorageKey: (ctx) => conversationKey(deps, ctx.chatId),
        adapter: sqliteConversationStorage<ConversationData>(deps.db, deps.now),
      },
      // A flow cancelled or halted while it waited for the PIN waits no more.
      onExit: (_name, ctx) => {
        if (ctx.chat) deps.pins.waits.close(ctx.chat.id);
      },
      // One middleware, not two: the plugin builds a grammY Composer of this list on every wait of every replay.
      plugins: [new LeanComposer<ConvContext>(deliveryPlugin, flowTranslations(deps.i18n, deps.users)).middleware()],
    }),
  );
  safe.use(pinIntake(deps));
  // Commands come before the conversations so /batal, /start and /saldo work mid-flow.
  const commands = new LeanComposer<BotContext>(
    cancelFeature(deps),
    adminBalanceFeature(deps),
    adminUsersFeature(deps),
    adminPaymentsFeature(deps),
    adminReportFeature(deps),
    adminExportFeature(deps),
    adminMoneyFeature(deps),
    priceListFeature(deps),
    adminRoutesFeature(deps),
    adminPricesFeature(deps),
    adminPrepaidPricesFeature(deps),
    adminPrepaidVisibilityFeature(deps),
    adminReloadFeature(deps),
    adminMarkupFeature(deps),
    adminDepositFeature(deps),
    depositFeature(deps),
    menuFeature(deps),
    billMenuFeature(deps),
    languageFeature(deps),
    historyFeature(deps),
    statementFeature(deps),
    strukFeature(deps),
    pinFeature(deps),
    linkFeature(deps),
    broadcastFeature(deps),
  );
  safe.filter(commandOrPress, commands);
  safe.use(buyingConversations(deps));
  const entries = new LeanComposer<BotContext>(payEntryFeature(deps), favoritesFeature(deps), remindersFeature(deps));
  safe.filter(commandOrPress, entries);
  safe.use(oneLineFeature(deps));
  safe.use(depositConversations(deps));
  // After every flow is registered (a word may enter one) and has had its chance to take the text.
  safe.use(commandWordsFeature(new LeanComposer(commands, entries)));
  safe.use(depositEntryFeature());
  safe.use(fallbackFeature());
  return bot;
}
