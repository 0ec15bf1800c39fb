import { loadCatalog } from "./billing/catalog.js";
import { CatalogReloader } from "./billing/catalog-reload.js";
import { createBot } from "./bot/bot.js";
import { Broadcaster } from "./bot/broadcaster.js";
import type { BotDeps } from "./bot/deps.js";
import { operatorAlert } from "./bot/notifier.js";
import { reminderTeller } from "./bot/reminder-news.js";
import { StrukPictures } from "./bot/struk-pictures.js";
import { telegramFileDownloader } from "./bot/telegram-files.js";
import type { Config } from "./config.js";
import { Broadcasts } from "./db/broadcasts.js";
import { createGateway } from "./gateways/index.js";
import { BillCalendar } from "./payments/bill-calendar.js";
import { PinGuard } from "./payments/pin.js";
import { createProviders, ProviderSet } from "./providers/index.js";
import { instrumentProvider } from "./providers/instrumented.js";
import { openBase } from "./app/base.js";
import { depositsOf } from "./app/deposits.js";
import { type App, appOf } from "./app/handle.js";
import { adminsOf, messagesOf } from "./app/messages.js";
import type { AppOptions } from "./app/options.js";
import { allPriceLists } from "./app/price-lists.js";
import { routingOf, sellingFrom } from "./app/selling.js";
import { openStores } from "./app/stores.js";
import { workerOf } from "./app/worker.js";

export type { App } from "./app/handle.js";
export type { AppOptions } from "./app/options.js";

export type AppResult = { ok: true; app: App } | { ok: false; message: string };

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
