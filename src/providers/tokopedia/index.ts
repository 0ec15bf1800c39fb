import type { PrepaidCatalogEntry } from "../../billing/prepaid-catalog.js";
import type { Config } from "../../config.js";
import type { FetchLike } from "../http.js";
import type { Outcome, Provider } from "../provider.js";
import { readTokopediaBalance, readTokopediaProductList } from "./account.js";
import { checkOrder, payOrder } from "./checkout.js";
import { createTokopediaClient } from "./client.js";
import { bodyOf, throttled } from "./errors.js";
import { inquiryBody, readTokopediaInquiry } from "./inquiry.js";
import { tokopediaPrepaidBill, tokopediaPrepaidProducts } from "./prepaid.js";

export { parseTokopediaCallback, verifyTokopediaSignature } from "./callback.js";

/**
 * Tokopedia digital B2B ("SAT"), JSON:API style. OAuth2 client-credentials Bearer token; the
 * checkout carries an RSA-SHA256 PSS signature of its raw body; the order is asynchronous
 * (`Pending`, then poll `GET /v2/order/{id}` or wait for a signed callback). Read against
 * Tokopedia's official SDK, tokopedia/python-sat (py_sat/client.py and its tests). The client
 * holds the token, keys and scrubbing; inquiry.ts quotes, checkout.ts and order.ts pay and
 * settle, account.ts reads the deposit and the product list.
 */
export function createTokopediaProvider(
  cfg: Config["tokopedia"],
  opts: {
    fetch?: FetchLike;
    timeoutMs?: number;
    retryDelayMs?: number;
    now?: () => Date;
    /** What each prepaid product code is (the catalog's `prepaid.tokopedia`); without it no prepaid list is offered. */
    prepaidCatalog?: PrepaidCatalogEntry[];
  } = {},
): Provider {
  const client = createTokopediaClient(cfg, opts);
  const now = opts.now ?? (() => new Date());
  const prepaidCatalog = opts.prepaidCatalog ?? [];

  /** A call that moves no money: `GET path`, its 2xx body read by `read`. */
  async function lookup<T>(path: string, read: (body: string) => Outcome<T>): Promise<Outcome<T>> {
    const b = bodyOf(await client.request("GET", path));
    return "outcome" in b ? client.scrub(b.outcome) : read(b.body);
  }
  const productList = () => lookup("/v2/product-list", readTokopediaProductList);

  return {
    name: "tokopedia",

    async inquiry(req) {
      if (req.prepaid && !req.prepaid.check) return { kind: "success", value: tokopediaPrepaidBill({ ...req, prepaid: req.prepaid }, now()), raw: "" };
      // Asked once: Payments asks an answerless inquiry again.
      const wire = await client.request("POST", "/v2/inquiry", { body: inquiryBody(req) });
      return client.scrub(throttled(wire, readTokopediaInquiry(wire, req, now)));
    },

    pay: (bill) => payOrder(client, bill),

    status: (bill) => checkOrder(client, bill),

    balance: () => lookup("/v2/account", readTokopediaBalance),

    async priceList() {
      const list = await productList();
      if (list.kind !== "success") return list;
      return { ...list, value: list.value.map((p) => ({ code: p.code, name: p.name, price: p.price, active: p.status === 1 })) };
    },

    // Only an operator who describes Tokopedia's prepaid codes in the catalog gets a prepaid list.
    ...(prepaidCatalog.length > 0 && {
      async prepaidPriceList() {
        const list = await productList();
        if (list.kind !== "success") return list;
        return { ...list, value: tokopediaPrepaidProducts(list.value, prepaidCatalog) };
      },
    }),
  };
}
