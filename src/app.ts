import type { Api, BotConfig } from "grammy";
import type { ApiRetryPolicy } from "./bot/api-retry.js";
import { loadCatalog } from "./billing/catalog.js";
import { formatDateTimeWib } from "./billing/format.js";
import { Offer } from "./pricing/offer.js";
import { PrepaidOffer } from "./pricing/prepaid-offer.js";
import { PriceListRefresher, PriceListSchedule } from "./pricing/price-refresh.js";
import type { Translate } from "./billing/format.js";
import { createBot } from "./bot/bot.js";
import type { BotContext } from "./bot/context.js";
import type { BotDeps, Channel } from "./bot/deps.js";
import { scheduleFlowExpiry } from "./bot/flow-expiry.js";
import { createI18n } from "./bot/i18n.js";
import { lossAlert, operatorAlert, paymentNotifier, pendingAlert, telegramAdminNotice, throttleAlert, userNotifier } from "./bot/notifier.js";
import type { Config } from "./config.js";
import { scheduleBackups } from "./db/backup.js";
import { startCheckpointer } from "./db/checkpointer.js";
import { openDatabase } from "./db/database.js";
import { DepositRequests } from "./db/deposit-requests.js";
import { Favorites } from "./db/favorites.js";
import { PrepaidProducts } from "./db/prepaid-products.js";
import { PriceLists } from "./db/price-lists.js";
import { Users } from "./db/users.js";
import { Payments } from "./payments/payments.js";
import { Wallet } from "./payments/wallet.js";
import { PaymentWorker } from "./payments/worker.js";
import { createProvider } from "./providers/index.js";
import type { Provider } from "./providers/provider.js";
import { callbackRoutes } from "./server/callbacks.js";
import { databaseWritable, Health } from "./server/health.js";
import { startHttpServer, type HttpServer } from "./server/http-server.js";
import { Metrics } from "./server/metrics.js";
import { configLogger, messageLog, type Logger } from "./log/logger.js";
import { instrumentProvider } from "./providers/instrumented.js";
import type { PrepaidProduct, PriceListItem } from "./billing/price-list.js";

export interface AppOptions {
  channel: Channel;
  token: string;
  botConfig?: BotConfig<BotContext>;
  /** Replaces the provider built from the configuration (tests). */
  provider?: Provider;
  /** A user who counts as an admin besides ADMIN_IDS (the operator at the terminal). */
  localAdminId?: number;
  now?: () => number;
  pollIntervalMs?: number;
  /** The structured log (main's, on stderr); without it, one that writes its lines to `log`. */
  logger?: Logger;
  /** Where the app's messages go; default: `logger`. */
  log?: (message: string) => void;
  /** How Bot API calls are retried (tests shorten the pause after a 5xx). */
  apiRetry?: Partial<ApiRetryPolicy>;
  /**
   * false: no WAL checkpoint thread, SQLite checkpoints on commit (as when the thread fails). For
   * tests that start a bot per test: the thread costs ~70 ms of CPU to start and stop each time.
   */
  checkpointThread?: boolean;
}

export type AppResult = { ok: true; app: App } | { ok: false; message: string };

/** Everything wired together: database, provider, payments, worker and the bot. */
export interface App {
  deps: BotDeps;
  /** The bot of `AppOptions.channel`. */
  bot: ReturnType<typeof createBot>;
  /**
   * The same middleware stack for one more channel, on the same database, worker, notifier and
   * admins; its users are told through it.
   */
  addBot(channel: Channel, token: string, botConfig?: BotConfig<BotContext>): ReturnType<typeof createBot>;
  /** A message (with a picture when given) to the Telegram admins, when Telegram runs: news about the WhatsApp link. */
  tellTelegramAdmins(text: (t: Translate) => string, picture?: Uint8Array): Promise<void>;
  worker: PaymentWorker;
  /** Fetches the provider's price list (refresh() fetches it now). */
  prices: PriceListRefresher<PriceListItem>;
  /** The same for the provider's prepaid price list. */
  prepaidPrices: PriceListRefresher<PrepaidProduct>;
  /** When both lists are fetched, on the bot's clock: main starts it, close() stops it. */
  priceSchedule: PriceListSchedule;
  /**
   * Serves provider callbacks and /health on HTTP_PORT; undefined when it is 0 (off).
   * `ephemeral` listens on a free port of 127.0.0.1 whatever HTTP_PORT says (tests).
   */
  listen(opts?: { ephemeral?: boolean }): Promise<HttpServer | undefined>;
  /** The server listen() started, once it has. */
  readonly server: HttpServer | undefined;
  /** What GET /health reports; each channel adds its own check when it starts. */
  health: Health;
  metrics: Metrics;
  close(): Promise<void>;
}

export function createApp(config: Config, opts: AppOptions): AppResult {
  const catalog = loadCatalog(config.catalogPath);
  if (!catalog.ok) return catalog;
  const logger = opts.logger ?? configLogger(config, opts.log ?? ((m: string) => console.error(m)));
  const log = opts.log ?? messageLog(logger);
  const db = openDatabase(config.databasePath);
  const checkpointer = opts.checkpointThread === false ? undefined : startCheckpointer(db, log);
  const metrics = new Metrics(db, opts.now);
  const users = new Users(db);
  const wallet = new Wallet(db);
  const provider = instrumentProvider(opts.provider ?? createProvider(config, catalog.catalog, opts.now), logger, metrics);
  const priceLists = new PriceLists(db);
  const prepaidProducts = new PrepaidProducts(db, priceLists);
  const prepaidMaxAgeMs = config.prepaidListMaxAgeMinutes * 60_000;
  const prepaid = new PrepaidOffer(provider.name, prepaidProducts, catalog.catalog.prepaidMarkup, prepaidMaxAgeMs);
  const payments = new Payments({ db, provider, catalog: catalog.catalog, prepaid, wallet, now: opts.now, quoteMaxAgeMs: config.quoteMaxAgeMinutes * 60_000, logger });
  const admins = new Set(config.adminIds);
  if (opts.localAdminId !== undefined) admins.add(opts.localAdminId);
  // WhatsApp admins are named by phone number: they count once they have written to the bot.
  const adminPhones = new Set(config.adminPhones);
  const isPhoneAdmin = (id: number) => {
    const user = users.get(id);
    return user?.channel === "whatsapp" && user.phone !== null && adminPhones.has(user.phone);
  };
  const allAdmins = () => [...admins, ...users.onChannelWithPhones("whatsapp", [...adminPhones]).map((u) => u.id)];

  const apis = new Map<string, Api>();
  let worker: PaymentWorker | undefined;
  const i18n = createI18n(users);
  const notifyUser = userNotifier(users, i18n, (channel) => apis.get(channel), opts.channel, log);
  const notifyAdmins: BotDeps["notifyAdmins"] = async (render, exceptId, replaces) => {
    const sent = [];
    for (const id of allAdmins()) if (id !== exceptId) sent.push(await notifyUser(id, render, replaces?.(id)));
    return sent.filter((m) => m !== undefined);
  };
  const now = opts.now ?? Date.now;
  const deps: BotDeps = {
    channel: opts.channel,
    db,
    users,
    wallet,
    favorites: new Favorites(db),
    depositRequests: new DepositRequests(db),
    payments,
    catalog: catalog.catalog,
    offer: new Offer(catalog.catalog, provider.name, priceLists),
    priceLists,
    prepaid,
    prepaidProducts,
    i18n,
    isAdmin: (id) => admins.has(id) || isPhoneAdmin(id),
    startPayment: (txId) => worker?.enqueue(txId),
    checkPayment: (txId) => worker!.checkNow(txId),
    depositInstructions: config.depositInstructions,
    depositLimits: config.deposit,
    now,
    notifyUser,
    notifyAdmins,
    alertOperator: operatorAlert({ notifyAdmins, catalog: catalog.catalog, now }),
    log,
    logger,
    metrics,
    rateLimit: config.rateLimit,
  };
  const notifiers = { user: paymentNotifier(deps), admins: pendingAlert(deps), operator: deps.alertOperator, loss: lossAlert(deps), throttled: throttleAlert(deps) };
  worker = new PaymentWorker(payments, notifiers, {
    now: opts.now,
    pollIntervalMs: opts.pollIntervalMs,
    pendingAlertMs: config.pendingAlertMinutes * 60_000,
    concurrency: config.workerConcurrency,
    log,
  });
  const refreshOptions = (messageKey: "price-list-failed" | "prepaid-list-failed") => ({
    intervalMs: config.priceListRefreshMinutes * 60_000,
    now,
    alert: async (reason: string, lastGood: number | undefined) => {
      await notifyAdmins((t) => {
        const failed = t(messageKey, { reason, since: lastGood === undefined ? t("price-list-never") : formatDateTimeWib(lastGood, t) });
        // A prepaid list goes out of use at its maximum age: the admins learn when, now.
        const stops = messageKey === "prepaid-list-failed" && lastGood !== undefined;
        return stops ? `${failed}\n${t("prepaid-list-stops", { until: formatDateTimeWib(lastGood + prepaidMaxAgeMs, t) })}` : failed;
      });
    },
    log,
  });
  const prices = new PriceListRefresher<PriceListItem>(
    { key: provider.name, fetch: provider.priceList?.bind(provider), save: (items, at) => priceLists.save(provider.name, items, at) },
    priceLists,
    refreshOptions("price-list-failed"),
  );
  const prepaidPrices = new PriceListRefresher<PrepaidProduct>(
    { key: `${provider.name}:prepaid`, fetch: provider.prepaidPriceList?.bind(provider), save: (items, at) => prepaidProducts.save(provider.name, items, at) },
    priceLists,
    refreshOptions("prepaid-list-failed"),
  );
  // The prepaid list first: without a fresh one nothing prepaid is sold, while the postpaid list only takes inactive bills off the menu.
  const priceSchedule = new PriceListSchedule([prepaidPrices, prices], now);

  const bot = createBot(opts.token, deps, opts.botConfig, opts.apiRetry);
  apis.set(opts.channel, bot.api);

  let server: HttpServer | undefined;
  const health = new Health();
  health.set("database", databaseWritable(db));
  health.set("worker", () => (worker.running ? undefined : "not running"));
  const stopFlowExpiry = scheduleFlowExpiry(db, config.flowExpiryHours * 3_600_000, now, log);
  const stopBackups = config.backupEveryHours > 0 ? scheduleBackups(db, config.backupDir, config.backupKeep, config.backupEveryHours, log) : () => {};
  return {
    ok: true,
    app: {
      deps,
      bot,
      worker,
      prices,
      health,
      metrics,
      get server() {
        return server;
      },
      prepaidPrices,
      priceSchedule,
      addBot(channel, token, botConfig) {
        const more = createBot(token, { ...deps, channel }, botConfig, opts.apiRetry);
        apis.set(channel, more.api);
        return more;
      },
      tellTelegramAdmins: telegramAdminNotice(users, i18n, () => apis.get("telegram"), config.adminIds, log),
      async listen({ ephemeral = false } = {}) {
        if (!ephemeral && config.httpPort === 0) return undefined;
        const routes = {
          ...callbackRoutes(config, { db, txs: payments.txs, checkNow: (txId) => worker.checkNow(txId), now: opts.now ?? Date.now, log }),
          "GET /health": () => health.response(),
          "GET /metrics": async () => ({ status: 200, contentType: metrics.registry.contentType.split(";")[0], body: await metrics.text() }),
        };
        server = await startHttpServer(routes, ephemeral ? { port: 0, host: "127.0.0.1", log } : { port: config.httpPort, log });
        return server;
      },
      async close() {
        stopFlowExpiry();
        stopBackups();
        await server?.close();
        await priceSchedule.stop();
        await worker.stop();
        await checkpointer?.stop();
        db.close();
      },
    },
  };
}
