import type { Api, BotConfig } from "grammy";
import { loadCatalog } from "./billing/catalog.js";
import { formatDateTimeWib } from "./billing/format.js";
import { Offer } from "./billing/offer.js";
import { PrepaidOffer } from "./billing/prepaid-offer.js";
import { PriceListRefresher } from "./billing/price-refresh.js";
import type { Translate } from "./billing/format.js";
import { createBot, type BotApiOptions } from "./bot/bot.js";
import type { BotContext } from "./bot/context.js";
import type { BotDeps, Channel } from "./bot/deps.js";
import { scheduleFlowExpiry } from "./bot/flow-expiry.js";
import { createI18n } from "./bot/i18n.js";
import { operatorAlert, paymentNotifier, pendingAlert, telegramAdminNotice, userNotifier } from "./bot/notifier.js";
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
import type { PrepaidProduct } from "./providers/prepaid.js";
import type { PriceListItem, Provider } from "./providers/provider.js";
import { callbackRoutes } from "./server/callbacks.js";
import { databaseWritable, Health } from "./server/health.js";
import { startHttpServer, type HttpServer } from "./server/http-server.js";
import { Metrics } from "./server/metrics.js";
import { configLogger, messageLog, type Logger } from "./log/logger.js";
import { instrumentProvider } from "./providers/instrumented.js";

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
  apiRetry?: BotApiOptions["apiRetry"];
  /** Telegram's flood limits for the first channel's bot, when it talks to Telegram itself. */
  limits?: BotApiOptions["limits"];
  /** The clock the bots' flood-waits and outgoing queues run on (tests give the one they move by hand). */
  timers?: BotApiOptions["timers"];
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
  addBot(channel: Channel, token: string, botConfig?: BotConfig<BotContext>, limits?: BotApiOptions["limits"]): ReturnType<typeof createBot>;
  /** A message (with a picture when given) to the Telegram admins, when Telegram runs: news about the WhatsApp link. */
  tellTelegramAdmins(text: (t: Translate) => string, picture?: Uint8Array): Promise<void>;
  worker: PaymentWorker;
  /** Fetches the provider's price list at start() and on schedule; main starts it, close() stops it. */
  prices: PriceListRefresher<PriceListItem>;
  /** The same for the provider's prepaid price list. */
  prepaidPrices: PriceListRefresher<PrepaidProduct>;
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
  const checkpointer = startCheckpointer(db, log);
  const metrics = new Metrics(db, opts.now);
  const users = new Users(db);
  const wallet = new Wallet(db);
  const provider = instrumentProvider(opts.provider ?? createProvider(config, catalog.catalog), logger, metrics);
  const priceLists = new PriceLists(db);
  const prepaidProducts = new PrepaidProducts(db, priceLists);
  const prepaid = new PrepaidOffer(provider.name, prepaidProducts, catalog.catalog.prepaidMarkup);
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
    depositRequests: new DepositRequests(db, wallet),
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
    rateLimitPerMinute: config.rateLimitPerMinute,
  };
  worker = new PaymentWorker(payments, { user: paymentNotifier(deps), admins: pendingAlert(deps), operator: deps.alertOperator }, {
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
      await notifyAdmins((t) => t(messageKey, { reason, since: lastGood === undefined ? t("price-list-never") : formatDateTimeWib(lastGood, t) }));
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

  const bot = createBot(opts.token, deps, opts.botConfig, { apiRetry: opts.apiRetry, limits: opts.limits, timers: opts.timers });
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
      addBot(channel, token, botConfig, limits) {
        const more = createBot(token, { ...deps, channel }, botConfig, { apiRetry: opts.apiRetry, limits, timers: opts.timers });
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
        await prices.stop();
        await prepaidPrices.stop();
        await worker.stop();
        await checkpointer?.stop();
        db.close();
      },
    },
  };
}
