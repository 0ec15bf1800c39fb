import type { PrepaidProduct, PriceListItem } from "../billing/price-list.js";
import { formatDateTimeWib } from "../billing/format.js";
import type { BotDeps } from "../bot/deps.js";
import type { Config } from "../config.js";
import { PriceListRefresher, PriceListSchedule } from "../pricing/price-refresh.js";
import type { ProviderSet } from "../providers/index.js";
import type { Provider } from "../providers/provider.js";
import type { Base } from "./base.js";
import type { Stores } from "./stores.js";

/** Every provider's price lists, each provider on its own schedule (their limits are their own); the primary's named as before. */
export function allPriceLists(config: Config, providers: ProviderSet, stores: Stores, notifyAdmins: BotDeps["notifyAdmins"], base: Base) {
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
