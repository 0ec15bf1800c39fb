import type { Logger } from "../log/logger.js";
import type { Outcome, Provider } from "./provider.js";

/** Where call latencies go (the app's Metrics); providers do not know the HTTP server's registry. */
export interface ProviderCallMeter {
  providerCall(provider: string, operation: string, outcome: string, seconds: number): void;
}

/**
 * The provider with every call timed: one log line per call (provider, operation, latency,
 * outcome, our reference) and the latency histogram. Inquiries are quote events, pay calls money
 * events; neither carries a customer number or anything the provider echoed.
 */
export function instrumentProvider(provider: Provider, logger: Logger, metrics: ProviderCallMeter): Provider {
  const timed = <T>(operation: string, ref: string | undefined, call: () => Promise<Outcome<T>>): Promise<Outcome<T>> => {
    const started = performance.now();
    const done = (outcome: string, code?: string) => {
      const ms = Math.round(performance.now() - started);
      metrics.providerCall(provider.name, operation, outcome, ms / 1000);
      logger.info({ event: "provider-call", provider: provider.name, operation, ref, ms, outcome, code }, `provider ${operation}`);
    };
    return call().then(
      (o) => {
        done(o.kind, o.kind === "failed" || o.kind === "pending" ? o.code : undefined);
        return o;
      },
      (err: unknown) => {
        done("threw");
        throw err;
      },
    );
  };
  return {
    name: provider.name,
    inquiry: (req) => timed("inquiry", req.ref, () => provider.inquiry(req)),
    pay: (bill) => timed("pay", bill.refs.refId, () => provider.pay(bill)),
    status: (bill) => timed("status", bill.refs.refId, () => provider.status(bill)),
    balance: () => timed("balance", undefined, () => provider.balance()),
    ...(provider.priceList && { priceList: () => timed("priceList", undefined, () => provider.priceList!()) }),
    ...(provider.prepaidPriceList && { prepaidPriceList: () => timed("prepaidPriceList", undefined, () => provider.prepaidPriceList!()) }),
  };
}
