import type { Catalog } from "../billing/catalog.js";
import type { Config } from "../config.js";
import { Attempts } from "../db/attempts.js";
import { RouteStore } from "../db/routes.js";
import { Failover } from "../payments/failover.js";
import { Payments } from "../payments/payments.js";
import { Offer } from "../pricing/offer.js";
import { PrepaidOffer } from "../pricing/prepaid-offer.js";
import { PriceLevels } from "../pricing/prepaid-pricing.js";
import { RouteHealth } from "../pricing/route-health.js";
import { Router } from "../pricing/routing.js";
import type { ProviderSet } from "../providers/index.js";
import { routeNewsAlert } from "../bot/route-news.js";
import type { Base } from "./base.js";
import type { Messages } from "./messages.js";
import type { Stores } from "./stores.js";

/**
 * What is on sale and at what price, and the payments that buy it. The primary provider's lists
 * are the menu; with several providers each has its prepaid offer, a product is on sale while one
 * of them sells it, and the router picks the provider of each purchase.
 */
export function sellingFrom(config: Config, catalog: Catalog, providers: ProviderSet, stores: Stores, base: Base) {
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
export function routingOf(config: Config, payments: Payments, messages: Messages, base: Base) {
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
