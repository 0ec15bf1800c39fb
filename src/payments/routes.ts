import { randomBytes } from "node:crypto";
import type { BillInput, Bill } from "../billing/bill.js";
import { userPrice, type Catalog } from "../billing/catalog.js";
import { prepaidCode } from "../billing/prepaid-id.js";
import type { PrepaidProduct } from "../billing/price-list.js";
import type { Attempts } from "../db/attempts.js";
import type { Db } from "../db/database.js";
import { RouteStore } from "../db/routes.js";
import type { PrepaidOffer } from "../pricing/prepaid-offer.js";
import { Router, type Route } from "../pricing/routing.js";
import type { ProviderSet } from "../providers/index.js";
import { retryUnknown } from "../providers/http.js";
import type { Provider } from "../providers/provider.js";
import type { Blame, FailureReason } from "../providers/provider.js";

/** Why no bill was quoted. */
export type InquiryProblem =
  /** The provider answered with a final "no": wrong number, already paid, biller down... */
  | { kind: "rejected"; blame: Blame; reason?: FailureReason; code: string; message: string }
  /** No usable answer (timeout, unreadable reply): nothing was created, the user may try again. */
  | { kind: "unavailable" };

/** A reference unique enough to be every provider's idempotency key (ref_id / order id). */
export function newRef(now: number): string {
  return `TX${now.toString(36).toUpperCase()}${randomBytes(4).toString("hex").toUpperCase()}`;
}

/** The clock references are dated by, and the pause before an unanswered inquiry is asked again. */
export interface InquiryTiming {
  now: () => number;
  retryDelayMs?: number;
}

/** A bill a provider just gave, not recorded yet. */
export interface Inquired {
  kind: "bill";
  /** The route's provider, which quoted it and will be paid. */
  provider: string;
  ref: string;
  bill: Bill;
  price: number;
  raw: string;
}

/** One provider alone (PROVIDER): its prepaid offer is its only route. */
export function soleRouter(db: Db, catalog: Catalog, name: Provider["name"], prepaid: PrepaidOffer | undefined, attempts: Attempts): Router {
  const offers = new Map(prepaid ? [[name, prepaid]] : []);
  return new Router({ providers: [name], catalog, offers, store: new RouteStore(db), attempts });
}

/**
 * The pricing of a product (a prepaid one at `level`, from the primary's list), or why it is not
 * sold: the menu's checks again, since a quote may come from a stale button or a typed order.
 */
export function saleOf(
  productId: string,
  now: number,
  level: string | undefined,
  deps: { catalog: Catalog; prepaid: PrepaidOffer | undefined; providers: ProviderSet },
): Omit<Sale, "productId" | "input" | "now"> | InquiryProblem {
  const notOffered: InquiryProblem = { kind: "rejected", blame: "operator", code: "catalog", message: `product ${productId} is not offered` };
  const code = prepaidCode(productId);
  if (code !== undefined) {
    const offer = deps.prepaid;
    const availability = offer?.check(code, now) ?? { kind: "not-offered" };
    // Off the menu for now (cut-off window, out of stock, hidden, a list too old to trust): the
    // provider's side. The flows check first and explain; this only guards the money.
    if (availability.kind === "cut-off" || availability.kind === "unavailable" || availability.kind === "stale") {
      const reason = availability.kind === "cut-off" ? "cut-off" : "biller-down";
      return { kind: "rejected", blame: "provider", reason, code: availability.kind, message: `${availability.product.name} is not sold now` };
    }
    if (!offer || availability.kind !== "offered") return notOffered;
    const p = availability.product;
    return { prepaid: p, price: (cost: number) => offer.price(p, cost, level) };
  }
  const product = deps.catalog.product(productId);
  const served = product && deps.providers.names.some((name) => product.codes[name]);
  if (!served) return notOffered;
  // A bill's markup at the user's level (/markup ... tagihan), else the catalog's.
  const levels = deps.prepaid?.levels;
  const category = deps.catalog.categoryOf(productId);
  return { price: (cost: number) => (levels ? levels.billPrice(product, category, cost, level) : userPrice(product, cost)) };
}

/** What inquiring along the routes needs of the payments. */
interface RoutedDeps {
  router: Router;
  providers: ProviderSet;
}

/** A purchase to quote: the product, what the user typed, and its pricing (the primary's product for a prepaid one). */
interface Sale {
  productId: string;
  input: BillInput;
  now: number;
  prepaid?: PrepaidProduct;
  price: (cost: number) => number;
}

/**
 * Asks the routes in order (see Router) until one quotes the bill: a provider that is down or
 * refuses for its own reasons passes the question to the next, a "no" about the customer's
 * number is the answer. A prepaid price is the primary provider's, whichever route quotes it (so
 * the route changes the margin, never the price), and a route that would cost more is passed over.
 */
export async function inquireOnRoutes(deps: RoutedDeps, sale: Sale, timing: InquiryTiming): Promise<Inquired | InquiryProblem> {
  const { productId } = sale;
  let problem: InquiryProblem = { kind: "rejected", blame: "provider", reason: "biller-down", code: "no-route", message: `no provider sells ${productId} now` };
  for (const route of deps.router.routes(productId, sale.now)) {
    const provider = deps.providers.get(route.provider);
    if (!provider) continue;
    const got = await inquireAt(provider, route, deps.router, sale.input, timing);
    if (got.kind !== "bill") {
      if (got.kind === "rejected" && got.blame === "customer") return got;
      problem = got;
      continue;
    }
    // The primary's cost for this purchase (an open amount's fee differs by provider, its amount does not).
    const price = sale.price(got.bill.cost + (sale.prepaid && route.cost !== undefined ? sale.prepaid.cost - route.cost : 0));
    if (got.bill.cost > price) {
      problem = {
        kind: "rejected",
        blame: "provider",
        reason: "biller-down",
        code: "cost",
        message: `${route.provider} asks ${got.bill.cost}, above ${price}`,
      };
      continue;
    }
    return { ...got, price, provider: route.provider };
  }
  return problem;
}

/** One route's quote: a bill, or why it gave none. */
export async function inquireAt(
  provider: Provider,
  route: Route,
  router: Router,
  input: BillInput,
  timing: InquiryTiming,
): Promise<Omit<Inquired, "price" | "provider"> | InquiryProblem> {
  const prepaid = route.product && router.offerOf(route.provider)?.order(route.product);
  // A fresh ref_id for each attempt: when the first got through but its answer was lost, the
  // provider refuses a reused ref_id (Digiflazz rc 49, IAK rc 11). The bill is recorded under the
  // ref of the attempt that answered, since Digiflazz pays with the ref_id of the inquiry.
  let ref = "";
  const outcome = await retryUnknown(
    () => {
      ref = newRef(timing.now());
      return provider.inquiry({ ref, productCode: route.code, ...input, ...(prepaid && { prepaid }) });
    },
    { delayMs: timing.retryDelayMs },
  );
  if (outcome.kind === "failed") {
    return { kind: "rejected", blame: outcome.blame, ...(outcome.reason && { reason: outcome.reason }), code: outcome.code, message: outcome.message };
  }
  if (outcome.kind !== "success") return { kind: "unavailable" };
  return { kind: "bill", ref, bill: outcome.value, raw: outcome.raw };
}
