import type { DepositService } from "../payments/deposits.js";
import type { Route } from "./http-server.js";

/**
 * The deposit gateway's notification URL, POST /callbacks/deposit/<gateway>. The service checks the
 * signature on the raw bytes, the order and amount against our deposit, and asks the gateway's
 * status API before anything moves; it answers in the gateway's own format.
 */
export function depositRoutes(deposits: DepositService): Record<string, Route> {
  return {
    [`POST /callbacks/deposit/${deposits.gatewayName}`]: ({ headers, body }) => deposits.notice(body, headers),
  };
}
