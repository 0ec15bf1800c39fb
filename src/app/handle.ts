import type { BotConfig } from "grammy";
import type { Translate } from "../billing/format.js";
import { reloadNews } from "../bot/features/admin/reload.js";
import { createBot, type BotApiOptions } from "../bot/bot.js";
import type { BillCalendar } from "../payments/bill-calendar.js";
import type { BotContext } from "../bot/context.js";
import type { BotDeps, Channel } from "../bot/deps.js";
import { scheduleFlowExpiry } from "../bot/flow-expiry.js";
import { telegramAdminNotice } from "../bot/notifier.js";
import type { Broadcaster } from "../bot/broadcaster.js";
import { MoneyWatch } from "../bot/money.js";
import type { Config } from "../config.js";
import { scheduleBackups } from "../db/backup.js";
import type { DepositService } from "../payments/deposits.js";
import { DepositPoller } from "../payments/deposit-poller.js";
import type { PaymentWorker } from "../payments/worker.js";
import type { PrepaidProduct, PriceListItem } from "../billing/price-list.js";
import type { PriceListRefresher, PriceListSchedule } from "../pricing/price-refresh.js";
import { callbackRoutes } from "../server/callbacks.js";
import { depositRoutes } from "../server/deposit-callbacks.js";
import { databaseWritable, Health } from "../server/health.js";
import { startHttpServer, type HttpServer } from "../server/http-server.js";
import type { Metrics } from "../server/metrics.js";
import type { Base } from "./base.js";
import type { Messages } from "./messages.js";
import type { AppOptions } from "./options.js";
import type { allPriceLists } from "./price-lists.js";

/** Everything wired together: database, provider, payments, worker and the bot. */
export interface App {
  deps: BotDeps;
  /** The bot of `AppOptions.channel`. */
  bot: ReturnType<typeof createBot>;
  /**
   * The same middleware stack for one more channel, on the same database, worker, notifier and
   * admins; its users are told through it.
   */
  addBot(channel: Channel, token: string, botConfig?: BotConfig<BotContext>, limits?: BotApiOptions["limits"]): ReturnType<typeof createBot>;
  /** A message (with a picture when given) to the Telegram admins, when Telegram runs: news about the WhatsApp link. */
  tellTelegramAdmins(text: (t: Translate) => string, picture?: Uint8Array): Promise<void>;
  worker: PaymentWorker;
  /** Bill reminders, asked on the bot's clock: main starts them, close() stops them. */
  calendar: BillCalendar;
  /** Sends admins' broadcasts: main resumes it once every channel's bot is made, close() stops it. */
  broadcaster: Broadcaster;
  /** Deposits through the payment gateway; undefined when none is configured (DEPOSIT_GATEWAY=none). */
  deposits: DepositService | undefined;
  /** Follows open deposits on a schedule: main starts it, close() stops it. */
  depositPoller: DepositPoller | undefined;
  /** Fetches the provider's price list (refresh() fetches it now). */
  prices: PriceListRefresher<PriceListItem>;
  /** The same for the provider's prepaid price list. */
  prepaidPrices: PriceListRefresher<PrepaidProduct>;
  /** When both lists (of every provider) are fetched, on the bot's clock: main starts it, close() stops it. */
  priceSchedule: Pick<PriceListSchedule, "start" | "tick" | "stop">;
  /** Reads the provider deposit on the bot's clock and alerts the admins when it runs short (runs from the start; close() stops it). */
  moneyWatch: MoneyWatch;
  /** Each provider's two price lists (several providers; the primary's are `prices` and `prepaidPrices`). */
  providerLists: Map<string, { prices: PriceListRefresher<PriceListItem>; prepaidPrices: PriceListRefresher<PrepaidProduct> }>;
  /**
   * Serves provider callbacks and /health on HTTP_PORT; undefined when it is 0 (off).
   * `ephemeral` listens on a free port of 127.0.0.1 whatever HTTP_PORT says (tests).
   */
  listen(opts?: { ephemeral?: boolean }): Promise<HttpServer | undefined>;
  /** The server listen() started, once it has. */
  readonly server: HttpServer | undefined;
  /**
   * Reads data/products.json again whenever it changes (main starts it, close() stops it): the admins
   * and the log are told what the new catalog holds, or why the file was refused.
   */
  watchCatalog(intervalMs?: number): void;
  /** What GET /health reports; each channel adds its own check when it starts. */
  health: Health;
  metrics: Metrics;
  close(): Promise<void>;
}

export interface Parts {
  base: Base;
  deps: BotDeps;
  bot: ReturnType<typeof createBot>;
  worker: PaymentWorker;
  broadcaster: Broadcaster;
  deposits: DepositService | undefined;
  lists: ReturnType<typeof allPriceLists>;
  messages: Messages;
}

/** The app's handle: its parts, the HTTP server it may start, more bots, and one close for everything. */
export function appOf(config: Config, opts: AppOptions, parts: Parts): App {
  const { base, deps, worker, broadcaster, deposits, lists, messages } = parts;
  const { calendar } = deps;
  const { db, log } = base;
  const depositPoller = deposits ? new DepositPoller(deposits, { log }) : undefined;
  const health = new Health();
  health.set("database", databaseWritable(db));
  health.set("worker", () => (worker.running ? undefined : "not running"));
  const stopFlowExpiry = scheduleFlowExpiry(db, config.flowExpiryHours * 3_600_000, base.now, log);
  const moneyWatch = new MoneyWatch({
    db,
    providers: deps.payments.providers.all,
    now: base.now,
    notifyAdmins: messages.notifyAdmins,
    hoursAlert: config.providerDeposit.hoursAlert,
    everyMs: config.providerDeposit.checkMinutes * 60_000,
    log,
  });
  moneyWatch.start();
  const stopBackups = config.backupEveryHours > 0 ? scheduleBackups(db, config.backupDir, config.backupKeep, config.backupEveryHours, log) : () => {};
  let server: HttpServer | undefined;
  let stopWatching = () => {};
  return {
    deps,
    bot: parts.bot,
    worker,
    calendar,
    broadcaster,
    deposits,
    depositPoller,
    ...lists,
    moneyWatch,
    health,
    metrics: base.metrics,
    get server() {
      return server;
    },
    addBot(channel, token, botConfig, limits) {
      const more = createBot(token, { ...deps, channel }, botConfig, { apiRetry: opts.apiRetry, limits, timers: opts.timers });
      messages.apis.set(channel, more.api);
      return more;
    },
    watchCatalog(intervalMs) {
      const file = deps.catalogFile;
      stopWatching();
      stopWatching = file.watch((result) => {
        log(result.ok ? `Catalog ${file.path} changed: reloaded.` : `Catalog ${file.path} changed but not reloaded: ${result.problem}`);
        void messages.notifyAdmins((t) => reloadNews(result, file.path, t));
      }, intervalMs);
    },
    tellTelegramAdmins: telegramAdminNotice(deps.users, messages.i18n, () => messages.apis.get("telegram"), config.adminIds, log),
    async listen({ ephemeral = false } = {}) {
      if (!ephemeral && config.httpPort === 0) return undefined;
      const routes = {
        ...(deposits && depositRoutes(deposits)),
        ...callbackRoutes(config, {
          db,
          txs: deps.payments.txs,
          attempts: deps.payments.attempts,
          checkNow: (txId) => worker.checkNow(txId),
          now: base.now,
          log,
        }),
        "GET /health": () => health.response(),
        "GET /metrics": async () => ({ status: 200, contentType: base.metrics.registry.contentType.split(";")[0], body: await base.metrics.text() }),
      };
      server = await startHttpServer(routes, ephemeral ? { port: 0, host: "127.0.0.1", log } : { port: config.httpPort, log });
      return server;
    },
    async close() {
      stopWatching();
      await broadcaster.stop();
      stopFlowExpiry();
      stopBackups();
      await server?.close();
      await lists.priceSchedule.stop();
      await moneyWatch.stop();
      await calendar.stop();
      await worker.stop();
      await depositPoller?.stop();
      await base.checkpointer?.stop();
      db.close();
    },
  };
}
