import { depositTeller } from "../bot/deposit-news.js";
import type { Config } from "../config.js";
import { Deposits } from "../db/deposits.js";
import type { Gateway } from "../gateways/gateway.js";
import { DepositService } from "../payments/deposits.js";
import type { Base } from "./base.js";
import type { Messages } from "./messages.js";
import type { Stores } from "./stores.js";

/** Deposits through the payment gateway, with the gateway's methods and the users told of each change. */
export function depositsOf(config: Config, gateway: Gateway, methods: Config["gateway"]["methods"], stores: Stores, messages: Messages, base: Base) {
  const policy = { ...config.gateway, methods };
  const tell = depositTeller(messages.notifyUser);
  return new DepositService({ deposits: new Deposits(base.db), wallet: stores.wallet, gateway, policy, now: base.now, log: base.log, tell });
}
