import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/billing/catalog.js";
import type { PrepaidProduct } from "../../src/billing/price-list.js";
import { Attempts } from "../../src/db/attempts.js";
import { openDatabase } from "../../src/db/database.js";
import { PrepaidProducts } from "../../src/db/prepaid-products.js";
import { PriceLists } from "../../src/db/price-lists.js";
import { RouteStore } from "../../src/db/routes.js";
import { PrepaidOffer } from "../../src/pricing/prepaid-offer.js";
import { PriceLevels } from "../../src/pricing/prepaid-pricing.js";
import { Router } from "../../src/pricing/routing.js";

/** The router's order: cost, then what recent failures and slowness add to it, pins and exclusions, providers out of routing. */

const NOW = Date.parse("2026-11-23T03:00:00Z");
const product = (cost: number, available = true): PrepaidProduct => ({
  code: "xld10",
  name: "XL 10.000",
  category: "pulsa",
  brand: "XL",
  type: "",
  cost,
  available,
  description: "",
  check: false,
  fields: [],
});

function world(costs: { digiflazz: number; iak: number; iakAvailable?: boolean }) {
  const db = openDatabase(":memory:");
  // Attempts without their payments: only their answers matter here.
  db.pragma("foreign_keys = OFF");
  const store = new PrepaidProducts(db, new PriceLists(db));
  store.save("digiflazz", [product(costs.digiflazz)], NOW);
  store.save("iak", [product(costs.iak, costs.iakAvailable ?? true)], NOW);
  const levels = new PriceLevels("umum", [], {});
  const offers = new Map([
    ["digiflazz" as const, new PrepaidOffer("digiflazz", store, levels, Infinity)],
    ["iak" as const, new PrepaidOffer("iak", store, levels, Infinity)],
  ]);
  const catalog = loadCatalog("data/products.json");
  if (!catalog.ok) throw new Error(catalog.message);
  const attempts = new Attempts(db);
  const routes = new RouteStore(db);
  const router = new Router({ providers: ["digiflazz", "iak"], catalog: catalog.catalog, offers, store: routes, attempts });
  let n = 0;
  /** `count` finished attempts of xld10 at `provider`, each answered `answer` after `ms`. */
  const history = (provider: string, answer: "success" | "refused", count: number, ms = 2_000) => {
    for (let i = 0; i < count; i++) {
      const ref = `R${n++}`;
      attempts.sent({ txId: `T${n}`, provider, ref, productCode: "xld10", cost: 0, now: NOW - 60_000 });
      attempts.answered(ref, answer, {}, NOW - 60_000 + ms);
    }
  };
  const order = () => router.routes("prepaid:xld10", NOW).map((r) => r.provider);
  return { db, router, routes, history, order };
}

describe("Router", () => {
  it("cheapest first; an unavailable provider is no route", () => {
    expect(world({ digiflazz: 10_250, iak: 10_100 }).order()).toEqual(["iak", "digiflazz"]);
    expect(world({ digiflazz: 10_250, iak: 10_400 }).order()).toEqual(["digiflazz", "iak"]);
    expect(world({ digiflazz: 10_250, iak: 10_100, iakAvailable: false }).order()).toEqual(["digiflazz"]);
  });

  it("recent failures and slowness make the cheaper one the second choice, and successes keep it first", () => {
    const failing = world({ digiflazz: 10_250, iak: 10_100 });
    failing.history("iak", "success", 2);
    failing.history("iak", "refused", 2);
    // Half failed: 10.100 + 5.050 is above 10.250.
    expect(failing.router.view("prepaid:xld10", NOW)[0]).toMatchObject({ provider: "digiflazz" });
    expect(failing.order()).toEqual(["digiflazz", "iak"]);

    const slow = world({ digiflazz: 10_250, iak: 10_100 });
    slow.history("iak", "success", 3, 30_000); // Rp 10 a second: + Rp 300
    expect(slow.order()).toEqual(["digiflazz", "iak"]);

    const healthy = world({ digiflazz: 10_250, iak: 10_100 });
    healthy.history("iak", "success", 5);
    expect(healthy.order()).toEqual(["iak", "digiflazz"]);
  });

  it("a pin goes first, an exclusion is no route, a provider out of routing goes last", () => {
    const w = world({ digiflazz: 10_250, iak: 10_100 });
    w.routes.set("prepaid:xld10", "digiflazz", "pin", 1, NOW);
    expect(w.order()).toEqual(["digiflazz", "iak"]);
    w.routes.clear("prepaid:xld10");
    w.routes.set("prepaid:xld10", "iak", "exclude", 1, NOW);
    expect(w.order()).toEqual(["digiflazz"]);
    w.routes.clear("prepaid:xld10");
    expect(w.routes.suspend("iak", NOW + 60_000, "test")).toBe(true);
    expect(w.order()).toEqual(["digiflazz", "iak"]);
    expect(w.routes.reinstate("iak", NOW)).toBe(true);
    expect(w.order()).toEqual(["iak", "digiflazz"]);
  });
});
