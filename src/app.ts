import type { Api, BotConfig } from "grammy";
import { loadCatalog } from "./billing/catalog.js";
import { CatalogReloader } from "./billing/catalog-reload.js";
import { reloadNews } from "./bot/features/admin/reload.js";
import { formatDateTimeWib } from "./billing/format.js";
import { Offer } from "./pricing/offer.js";
import { PrepaidOffer } from "./pricing/prepaid-offer.js";
import { PriceLevels } from "./pricing/prepaid-pricing.js";
import { MarkupRules } from "./db/markup-rules.js";
import { PriceListRefresher, PriceListSchedule } from "./pricing/price-refresh.js";
import type { Translate } from "./billing/format.js";
import { createBot, type BotApiOptions } from "./bot/bot.js";
import type { BotContext } from "./bot/context.js";
import type { BotDeps, Channel } from "./bot/deps.js";
import { scheduleFlowExpiry } from "./bot/flow-expiry.js";
import { createI18n } from "./bot/i18n.js";
import { lossAlert, operatorAlert, paymentNotifier, pendingAlert, telegramAdminNotice, throttleAlert, userNotifier } from "./bot/notifier.js";
import { StrukPictures } from "./bot/struk-pictures.js";
import { routeNewsAlert } from "./bot/route-news.js";
import type { Config } from "./config.js";
import type { Catalog } from "./billing/catalog.js";
import type { Db } from "./db/database.js";
import { scheduleBackups } from "./db/backup.js";
import { startCheckpointer } from "./db/checkpointer.js";
import { openDatabase } from "./db/database.js";
import { DepositRequests } from "./db/deposit-requests.js";
import { PinGuard } from "./payments/pin.js";
import { Favorites } from "./db/favorites.js";
import { PrepaidProducts } from "./db/prepaid-products.js";
import { PriceLists } from "./db/price-lists.js";
import { Users } from "./db/users.js";
import { Deposits } from "./db/deposits.js";
import { createGateway } from "./gateways/index.js";
import type { Gateway } from "./gateways/gateway.js";
import { DepositPoller } from "./payments/deposit-poller.js";
import { DepositService } from "./payments/deposits.js";
import { depositTeller } from "./bot/deposit-news.js";
import { Payments } from "./payments/payments.js";
import { Wallet } from "./payments/wallet.js";
import { Broadcasts } from "./db/broadcasts.js";
import { Broadcaster } from "./bot/broadcaster.js";
import { telegramFileDownloader } from "./bot/telegram-files.js";
import { PaymentWorker } from "./payments/worker.js";
import { BillCalendar } from "./payments/bill-calendar.js";
import { reminderTeller } from "./bot/reminder-news.js";
import { createProviders, ProviderSet } from "./providers/index.js";
import { Attempts } from "./db/attempts.js";
import { RouteStore } from "./db/routes.js";
import { Router } from "./pricing/routing.js";
import { RouteHealth } from "./pricing/route-health.js";
import { Failover } from "./payments/failover.js";
import type { Provider } from "./providers/provider.js";
import { callbackRoutes } from "./server/callbacks.js";
import { depositRoutes } from "./server/deposit-callbacks.js";
import { databaseWritable, Health } from "./server/health.js";
import { startHttpServer, type HttpServer } from "./server/http-server.js";
import { Metrics } from "./server/metrics.js";
import { MoneyWatch } from "./bot/money.js";
import { configLogger, messageLog, type Logger } from "./log/logger.js";
import { instrumentProvider } from "./providers/instrumented.js";
import type { PrepaidProduct, PriceListItem } from "./billing/price-list.js";

export interface AppOptions {
  channel: Channel;
  token: string;
  botConfig?: BotConfig<BotContext>;
  /** Replaces the provider built from the configuration (tests). */
  provider?: Provider;
  /** Replaces the providers built from PROVIDERS, the primary first (tests). */
  providers?: Provider[];
  /** Replaces the deposit gateway built from the configuration (tests). */
  gateway?: Gateway;
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

/**
 * Builds the app in named steps, each from what the steps before it made: the base (logs, database,
 * metrics), the stores, what is sold and how it is paid, the admins and the messages to people,
 * deposits, the worker, the bot's dependencies, the price lists, the bot. Nothing refers forward.
 */
export function createApp(config: Config, opts: AppOptions): AppResult {
  const catalog = loadCatalog(config.catalogPath);
  if (!catalog.ok) return catalog;
  const gatewayChoice = opts.gateway
    ? { ok: true as const, gateway: opts.gateway, methods: config.gateway.methods }
    : createGateway(config, opts.now ?? Date.now);
  if (!gatewayChoice.ok) return gatewayChoice;
  const base = openBase(config, opts);
  const stores = openStores(base.db);
  const built = opts.providers ?? (opts.provider ? [opts.provider] : createProviders(config, catalog.catalog, opts.now));
  const providers = new ProviderSet(built.map((p) => instrumentProvider(p, base.logger, base.metrics)));
  const selling = sellingFrom(config, catalog.catalog, providers, stores, base);
  const admins = adminsOf(config, stores.users, opts.localAdminId);
  const messages = messagesOf(stores.users, admins, opts.channel, base.log);
  const deposits = gatewayChoice.gateway ? depositsOf(config, gatewayChoice.gateway, gatewayChoice.methods, stores, messages, base) : undefined;
  // One operator alert for the bot and the worker: it keeps the same problem from being told twice in a few minutes.
  const alertOperator = operatorAlert({ notifyAdmins: messages.notifyAdmins, catalog: catalog.catalog, now: base.now });
  const struk = new StrukPictures(base.db, config.struk, base.log);
  const routing = routingOf(config, selling.payments, messages, base);
  const worker = workerOf(
    config,
    opts,
    selling.payments,
    { catalog: catalog.catalog, db: base.db, ...stores, ...messages, struk, now: base.now },
    alertOperator,
    base.log,
    routing,
  );
  const calendar = new BillCalendar({
    db: base.db,
    favorites: stores.favorites,
    payments: selling.payments,
    catalog: catalog.catalog,
    isBlocked: (userId) => stores.users.get(userId)?.blocked === true,
    policy: config.reminders,
    now: base.now,
    tell: reminderTeller({ notifyUser: messages.notifyUser, catalog: catalog.catalog, wallet: stores.wallet }),
    alertOperator,
    log: base.log,
  });
  const broadcastStore = new Broadcasts(base.db, config.priceLevelDefault);
  const broadcaster = new Broadcaster({
    store: broadcastStore,
    users: stores.users,
    i18n: messages.i18n,
    apiFor: (c) => messages.apis.get(c),
    notifyUser: messages.notifyUser,
    now: base.now,
    log: base.log,
  });
  const deps: BotDeps = {
    channel: opts.channel,
    ...stores,
    ...selling,
    ...messages.forBot,
    db: base.db,
    catalog: catalog.catalog,
    catalogFile: new CatalogReloader(catalog.catalog, config.catalogPath),
    calendar,
    i18n: messages.i18n,
    isAdmin: admins.isAdmin,
    startPayment: (txId) => worker.enqueue(txId),
    checkPayment: (txId) => worker.checkNow(txId),
    depositInstructions: config.depositInstructions,
    depositLimits: config.deposit,
    link: config.link,
    broadcasts: { store: broadcastStore, kick: (id) => broadcaster.kick(id) },
    downloadFile: telegramFileDownloader(config.telegramApiRoot),
    pins: new PinGuard(base.db, config.pin, base.now),
    struk,
    oneLineBatchMax: config.oneLineBatchMax,
    deposits,
    now: base.now,
    alertOperator,
    log: base.log,
    logger: base.logger,
    metrics: base.metrics,
    rateLimit: config.rateLimit,
  };
  const lists = allPriceLists(config, providers, stores, messages.notifyAdmins, base);
  const bot = createBot(opts.token, deps, opts.botConfig, { apiRetry: opts.apiRetry, limits: opts.limits, timers: opts.timers });
  messages.apis.set(opts.channel, bot.api);
  return { ok: true, app: appOf(config, opts, { base, deps, bot, worker, broadcaster, deposits, lists, messages }) };
}

/** Logs, the database with its checkpoint thread, metrics and the clock. */
function openBase(config: Config, opts: AppOptions) {
  const logger = opts.logger ?? configLogger(config, opts.log ?? ((m: string) => console.error(m)));
  const log = opts.log ?? messageLog(logger);
  const db = openDatabase(config.databasePath);
  const checkpointer = opts.checkpointThread === false ? undefined : startCheckpointer(db, log);
  return { logger, log, db, checkpointer, metrics: new Metrics(db, opts.now), now: opts.now ?? Date.now };
}
type Base = ReturnType<typeof openBase>;

function openStores(db: Db) {
  const priceLists = new PriceLists(db);
  return {
    users: new Users(db),
    wallet: new Wallet(db),
    favorites: new Favorites(db),
    depositRequests: new DepositRequests(db),
    priceLists,
    prepaidProducts: new PrepaidProducts(db, priceLists),
    markupRules: new MarkupRules(db),
  };
}
type Stores = ReturnType<typeof openStores>;

/**
 * What is on sale and at what price, and the payments that buy it. The primary provider's lists
 * are the menu; with several providers each has its prepaid offer, a product is on sale while one
 * of them sells it, and the router picks the provider of each purchase.
 */
function sellingFrom(config: Config, catalog: Catalog, providers: ProviderSet, stores: Stores, base: Base) {
  const levels = new PriceLevels(config.priceLevelDefault, catalog.prepaidMarkup, catalog.prepaidLevels, stores.markupRules);
  const offers = new Map(
    providers.names.map((name) => [name, new PrepaidOffer(name, stores.prepaidProducts, levels, config.prepaidListMaxAgeMinutes * 60_000)]),
  );
  const prepaid = offers.get(providers.primary.name)!;
  prepaid.useAlternatives([...offers.values()]);
  const attempts = new Attempts(base.db);
  const router = new Router({ providers: providers.names, catalog, offers, priceLists: stores.priceLists, store: new RouteStore(base.db), attempts });
  const quoteMaxAgeMs = config.quoteMaxAgeMinutes * 60_000;
  return {
    prepaid,
    offer: new Offer(catalog, providers.primary.name, stores.priceLists),
    payments: new Payments({
      db: base.db,
      routing: { providers, router },
      catalog,
      prepaid,
      wallet: stores.wallet,
      now: base.now,
      quoteMaxAgeMs,
      logger: base.logger,
    }),
  };
}

/** Several providers: failover within FAILOVER_WINDOW_SECONDS, and failing providers out of routing (the admins told). */
function routingOf(config: Config, payments: Payments, messages: Messages, base: Base) {
  const failover = new Failover(payments, { windowMs: config.routing.failoverWindowMs, now: base.now, logger: base.logger });
  const health = new RouteHealth({
    store: new RouteStore(base.db),
    attempts: payments.attempts,
    providers: payments.providers,
    now: base.now,
    suspendAfter: config.routing.suspendAfter,
    suspendMs: config.routing.suspendMs,
    tell: routeNewsAlert(messages.notifyAdmins),
    log: base.log,
  });
  return { failover, health };
}

/** ADMIN_IDS, the terminal's operator, and WhatsApp admins named by phone (they count once they have written to the bot). */
function adminsOf(config: Config, users: Users, localAdminId: number | undefined) {
  const ids = new Set(config.adminIds);
  if (localAdminId !== undefined) ids.add(localAdminId);
  const phones = new Set(config.adminPhones);
  const isPhoneAdmin = (id: number) => {
    const user = users.get(id);
    return user?.channel === "whatsapp" && user.phone !== null && phones.has(user.phone);
  };
  return {
    isAdmin: (id: number) => ids.has(id) || isPhoneAdmin(id),
    all: () => [...ids, ...users.onChannelWithPhones("whatsapp", [...phones]).map((u) => u.id)],
  };
}

/** Messages to a user through their own channel's bot (registered as each bot is made), and to every admin. */
function messagesOf(users: Users, admins: ReturnType<typeof adminsOf>, channel: Channel, log: (m: string) => void) {
  const apis = new Map<string, Api>();
  const i18n = createI18n(users);
  const notifyUser = userNotifier(users, i18n, (c) => apis.get(c), channel, log);
  const notifyAdmins: BotDeps["notifyAdmins"] = async (render, exceptId, replaces) => {
    const sent = [];
    for (const id of admins.all()) if (id !== exceptId) sent.push(await notifyUser(id, render, replaces?.(id)));
    return sent.filter((m) => m !== undefined);
  };
  return { apis, i18n, notifyUser, notifyAdmins, forBot: { notifyUser, notifyAdmins } };
}
type Messages = ReturnType<typeof messagesOf>;

function depositsOf(config: Config, gateway: Gateway, methods: Config["gateway"]["methods"], stores: Stores, messages: Messages, base: Base) {
  const policy = { ...config.gateway, methods };
  const tell = depositTeller(messages.notifyUser);
  return new DepositService({ deposits: new Deposits(base.db), wallet: stores.wallet, gateway, policy, now: base.now, log: base.log, tell });
}

/** The payment worker and who it tells: the user of each change, the admins of what needs them. */
function workerOf(
  config: Config,
  opts: AppOptions,
  payments: Payments,
  tell: Pick<BotDeps, "catalog" | "db" | "favorites" | "notifyUser" | "notifyAdmins" | "struk" | "wallet" | "users" | "now">,
  operator: BotDeps["alertOperator"],
  log: (m: string) => void,
  routing: ReturnType<typeof routingOf>,
) {
  const notifiers = { user: paymentNotifier(tell), admins: pendingAlert(tell), operator, loss: lossAlert(tell), throttled: throttleAlert(tell) };
  const pendingAlertMs = config.pendingAlertMinutes * 60_000;
  return new PaymentWorker(payments, notifiers, {
    now: opts.now,
    pollIntervalMs: opts.pollIntervalMs,
    pendingAlertMs,
    concurrency: config.workerConcurrency,
    log,
    ...routing,
  });
}

/** Every provider's price lists, each provider on its own schedule (their limits are their own); the primary's named as before. */
function allPriceLists(config: Config, providers: ProviderSet, stores: Stores, notifyAdmins: BotDeps["notifyAdmins"], base: Base) {
  const each = new Map(providers.all.map((p) => [p.name as string, priceListsOf(config, p, stores, notifyAdmins, base)]));
  const schedules = [...each.values()].map((l) => l.priceSchedule);
  const primary = each.get(providers.primary.name)!;
  return {
    prices: primary.prices,
    prepaidPrices: primary.prepaidPrices,
    providerLists: each,
    priceSchedule: {
      start: () => schedules.forEach((s) => s.start()),
      // The primary's result (tests read it); the others' refreshes run alongside.
      tick: async () => (await Promise.all(schedules.map((s) => s.tick())))[0],
      stop: async () => void (await Promise.all(schedules.map((s) => s.stop()))),
    },
  };
}

/** The provider's two price lists, fetched on their schedule; a failing fetch is told to the admins. */
function priceListsOf(config: Config, provider: Provider, stores: Stores, notifyAdmins: BotDeps["notifyAdmins"], base: Base) {
  const prepaidMaxAgeMs = config.prepaidListMaxAgeMinutes * 60_000;
  const refreshOptions = (messageKey: "price-list-failed" | "prepaid-list-failed") => ({
    intervalMs: config.priceListRefreshMinutes * 60_000,
    now: base.now,
    alert: async (reason: string, lastGood: number | undefined) => {
      await notifyAdmins((t) => {
        const failed = t(messageKey, { reason, since: lastGood === undefined ? t("price-list-never") : formatDateTimeWib(lastGood, t) });
        // A prepaid list goes out of use at its maximum age: the admins learn when, now.
        const stops = messageKey === "prepaid-list-failed" && lastGood !== undefined;
        return stops ? `${failed}\n${t("prepaid-list-stops", { until: formatDateTimeWib(lastGood + prepaidMaxAgeMs, t) })}` : failed;
      });
    },
    log: base.log,
  });
  const { priceLists, prepaidProducts } = stores;
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
  return { prices, prepaidPrices, priceSchedule: new PriceListSchedule([prepaidPrices, prices], base.now) };
}

interface Parts {
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
function appOf(config: Config, opts: AppOptions, parts: Parts): App {
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
    provider: deps.payments.provider,
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
