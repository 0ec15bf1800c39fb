import { expect } from "vitest";
import type { Catalog } from "../../src/billing/catalog.js";
import type { PrepaidProduct } from "../../src/billing/price-list.js";
import { Attempts } from "../../src/db/attempts.js";
import type { Db } from "../../src/db/database.js";
import type { PrepaidProducts } from "../../src/db/prepaid-products.js";
import { RouteStore } from "../../src/db/routes.js";
import { Failover } from "../../src/payments/failover.js";
import type { Payments } from "../../src/payments/payments.js";
import { PrepaidOffer } from "../../src/pricing/prepaid-offer.js";
import type { PriceLevels } from "../../src/pricing/prepaid-pricing.js";
import { RouteHealth, type RouteNews } from "../../src/pricing/route-health.js";
import { Router } from "../../src/pricing/routing.js";
import { ProviderSet } from "../../src/providers/index.js";
import type { ScriptedProvider } from "./scripted-provider.js";

/**
 * The random money test with two providers side by side: both sell the prepaid products (IAK a
 * little cheaper on some, dearer on others) and the bill, both refuse some pays as "not processed"
 * (which fail over), and a run of failures takes one out of routing. What must hold after every
 * step: a purchase is never paid at two providers (every attempt before the last was refused
 * unprocessed), each is sent at most once per reference, and a payment settled by itself agrees
 * with what happened at its current attempt.
 */
export function severalProviders(o: {
  db: Db;
  catalog: Catalog;
  store: PrepaidProducts;
  primary: PrepaidOffer;
  levels: PriceLevels;
  providers: ScriptedProvider[];
  products: PrepaidProduct[];
  rnd: () => number;
  now: () => number;
}) {
  const [dg, iak] = o.providers as [ScriptedProvider, ScriptedProvider];
  const iakList = (shift: number) => o.products.map((p, i) => ({ ...p, cost: p.cost + (i % 2 === 0 ? -150 : 300) + shift }));
  o.store.save(iak.name, iakList(0), o.now());
  const iakOffer = new PrepaidOffer(iak.name, o.store, o.levels, Infinity);
  o.primary.useAlternatives([iakOffer]);
  const providers = new ProviderSet(o.providers);
  const attempts = new Attempts(o.db);
  const routeStore = new RouteStore(o.db);
  const offers = new Map([
    [dg.name, o.primary],
    [iak.name, iakOffer],
  ]);
  const router = new Router({ providers: providers.names, catalog: o.catalog, offers, store: routeStore, attempts });
  const news: RouteNews[] = [];
  const byName = new Map(o.providers.map((p) => [p.name as string, p]));
  const stats = { failedOver: 0, paidAfterFailover: 0, refusedRefunds: 0 };

  return {
    routing: { providers, router },
    /** The failover and the providers' health, for each worker. */
    workerOptions: (payments: Payments) => ({
      failover: new Failover(payments, { windowMs: 60_000, now: o.now }),
      health: new RouteHealth({
        store: routeStore,
        attempts,
        providers,
        now: o.now,
        suspendAfter: 3,
        suspendMs: 15 * 60_000,
        tell: async (n) => void news.push(n),
      }),
    }),
    /** IAK's list changes too when Digiflazz's does. */
    changePrices: (pick: <T>(xs: T[]) => T | undefined) => o.store.save(iak.name, iakList(pick([-300, 0, 1_800])!), o.now()),
    /** The truth at the payment's current attempt (its provider and reference). */
    truthOf: (tx: { provider: string; ref: string }) => byName.get(tx.provider)?.truth.get(tx.ref),
    check(where: string) {
      for (const p of o.providers) for (const [ref, n] of p.payCalls) expect(n, `${where}: ${p.name} pay calls for ${ref}`).toBeLessThanOrEqual(1);
      const rows = o.db.prepare("SELECT tx_id AS txId, provider, ref FROM payment_attempts ORDER BY id").all() as {
        txId: string;
        provider: string;
        ref: string;
      }[];
      const byTx = new Map<string, typeof rows>();
      for (const r of rows) byTx.set(r.txId, [...(byTx.get(r.txId) ?? []), r]);
      for (const [txId, tries] of byTx) {
        // Every attempt before the last was refused unprocessed: never two that may have paid.
        for (const a of tries.slice(0, -1)) expect(byName.get(a.provider)!.truth.get(a.ref)?.state, `${where}: ${txId} left ${a.ref}`).toBe("refused");
        expect(new Set(tries.map((a) => a.provider)).size, `${where}: ${txId} tried a provider twice`).toBe(tries.length);
      }
      const moved = [...byTx.values()].filter((t) => t.length > 1);
      const states = (ids: string[]) =>
        ids.length ? (o.db.prepare(`SELECT state FROM transactions WHERE id IN (${ids.map(() => "?").join(",")})`).all(...ids) as { state: string }[]) : [];
      stats.failedOver = moved.length;
      stats.paidAfterFailover = states(moved.map((t) => t[0]!.txId)).filter((r) => r.state === "success").length;
      stats.refusedRefunds = (
        o.db.prepare("SELECT COUNT(*) AS n FROM transactions WHERE state = 'failed' AND failure_code IN ('62','68','44')").get() as { n: number }
      ).n;
    },
    /** The run reached failovers that paid, refusals with nowhere to go, and a provider out of routing and back. */
    coverage(seed: number) {
      expect(stats.failedOver, `seed ${seed}: failovers`).toBeGreaterThan(0);
      expect(stats.paidAfterFailover, `seed ${seed}: paid after a failover`).toBeGreaterThan(0);
      expect(stats.refusedRefunds, `seed ${seed}: refused with nowhere to go`).toBeGreaterThan(0);
      expect(new Set(news.map((n) => n.kind)), `seed ${seed}: out of routing and back`).toEqual(new Set(["out", "back"]));
    },
  };
}
