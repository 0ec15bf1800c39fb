import type { ProviderName } from "../billing/bill.js";
import type { Catalog } from "../billing/catalog.js";
import { prepaidCode } from "../billing/prepaid-id.js";
import type { PrepaidProduct } from "../billing/price-list.js";
import type { Attempts, RouteStats } from "../db/attempts.js";
import type { PriceLists } from "../db/price-lists.js";
import type { RouteStore } from "../db/routes.js";
import type { PrepaidOffer } from "./prepaid-offer.js";

/** How far back a route's health is read, and how many of its latest attempts. */
const HEALTH_WINDOW_MS = 7 * 24 * 3_600_000;
/** Fewer attempts than this say nothing about a route's health. */
const HEALTH_MIN_ATTEMPTS = 3;
/** What a second of mean time to a final answer adds to a route's score (rupiah). */
const RUPIAH_PER_SECOND = 10;
/** The score of an unknown cost (a bill before its inquiry): routes then differ by health only. */
const POSTPAID_BASE = 100_000;

/** Why a provider is not a route for a product now, or `ok`. */
export type RouteState = "ok" | "not-sold" | "unavailable" | "cut-off" | "stale" | "excluded" | "suspended" | "inactive";

/** One provider's view of a product: its code, cost (prepaid, from its list), health and where it stands. */
export interface RouteView {
  provider: ProviderName;
  code?: string;
  cost?: number;
  /** The prepaid product as this provider lists it (its inquiry's order). */
  product?: PrepaidProduct;
  state: RouteState;
  pinned: boolean;
  stats?: RouteStats;
  /** Lower is better: cost, plus the share of failures of it, plus Rp 10 per second to a final answer. */
  score?: number;
}

/** A provider a purchase may go to, best first. */
export type Route = RouteView & { code: string };

export interface RouterDeps {
  /** Every provider in use, the primary first: the tie-break between equal scores. */
  providers: ProviderName[];
  catalog: Catalog;
  /** Each provider's prepaid list and its availability. */
  offers: ReadonlyMap<ProviderName, PrepaidOffer>;
  /** Postpaid codes a provider's list marks inactive; without it none are. */
  priceLists?: PriceLists;
  store: RouteStore;
  attempts: Attempts;
}

/**
 * Which provider a product is bought from. Every provider that sells it is a route (a prepaid
 * product by the same code in its list, a bill by its catalog code for that provider); the
 * cheapest by score comes first, where the score adds to the cost what its recent failures and
 * slowness cost. An admin's pin puts a provider first, an exclusion takes it out. A provider out
 * of routing (a run of failures), a bill its list marks inactive and a product unavailable there
 * come after every other, so one provider alone keeps serving as it always did.
 */
export class Router {
  constructor(private readonly deps: RouterDeps) {}

  get providers(): ProviderName[] {
    return this.deps.providers;
  }

  /** The provider's prepaid offer (its list and availability). */
  offerOf(provider: string): PrepaidOffer | undefined {
    return this.deps.offers.get(provider as ProviderName);
  }

  /** The routes a purchase may take now, best first (none when no provider can sell it). */
  routes(productId: string, now: number): Route[] {
    const usable = this.view(productId, now).filter((r): r is Route => r.code !== undefined && r.state !== "excluded" && r.state !== "not-sold");
    // Unavailable or cut-off prepaid products are off the route: the provider says it would refuse.
    return usable.filter((r) => r.state !== "unavailable" && r.state !== "cut-off" && r.state !== "stale");
  }

  /** Every provider's view of the product, routes in the order they would be tried first (/harga). */
  view(productId: string, now: number): RouteView[] {
    const overrides = this.deps.store.overrides(productId);
    const pinned = new Set(overrides.filter((o) => o.mode === "pin").map((o) => o.provider));
    const excluded = new Set(overrides.filter((o) => o.mode === "exclude").map((o) => o.provider));
    const views = this.deps.providers.map((provider) => {
      const view = this.place(provider, productId, now);
      const state: RouteState = view.state === "ok" && excluded.has(provider) ? "excluded" : view.state;
      const suspended = state === "ok" && this.deps.store.health(provider).suspendedUntil !== null;
      return { ...view, state: suspended ? ("suspended" as const) : state, pinned: pinned.has(provider) };
    });
    const rank = (v: RouteView) => (v.state === "ok" ? (v.pinned ? 0 : 1) : v.state === "suspended" || v.state === "inactive" ? 2 : 3);
    return views
      .map((v, i) => ({ v, i }))
      .sort((a, b) => rank(a.v) - rank(b.v) || (a.v.score ?? Infinity) - (b.v.score ?? Infinity) || a.i - b.i)
      .map(({ v }) => v);
  }

  /** One provider's code, cost, availability and score for the product. */
  private place(provider: ProviderName, productId: string, now: number): Omit<RouteView, "pinned"> {
    const code = prepaidCode(productId);
    if (code !== undefined) {
      const availability = this.deps.offers.get(provider)?.checkHere(code, now) ?? { kind: "not-offered" as const };
      if (availability.kind === "not-offered") return { provider, state: "not-sold" };
      const p = availability.product;
      const state: RouteState = availability.kind === "offered" ? "ok" : availability.kind;
      return { provider, code, cost: p.cost, product: p, state, ...this.health(provider, code, p.cost, now) };
    }
    const product = this.deps.catalog.product(productId);
    const catalogCode = product?.codes[provider];
    if (!catalogCode) return { provider, state: "not-sold" };
    const inactive = this.deps.priceLists?.inactiveCodes(provider).has(catalogCode) ?? false;
    return { provider, code: catalogCode, state: inactive ? "inactive" : "ok", ...this.health(provider, catalogCode, undefined, now) };
  }

  private health(provider: ProviderName, code: string, cost: number | undefined, now: number): { stats: RouteStats; score: number } {
    const stats = this.deps.attempts.stats(provider, code, now - HEALTH_WINDOW_MS);
    const base = cost ?? POSTPAID_BASE;
    const failShare = stats.attempts >= HEALTH_MIN_ATTEMPTS ? 1 - stats.successes / stats.attempts : 0;
    const slowness = stats.meanFinalMs === undefined ? 0 : Math.round(Math.min(stats.meanFinalMs, 600_000) / 1000) * RUPIAH_PER_SECOND;
    return { stats, score: base + Math.round(base * failShare) + slowness };
  }
}
