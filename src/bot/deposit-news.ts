import { formatRupiah } from "../billing/format.js";
import type { Deposit } from "../db/deposits.js";
import type { BotDeps } from "./deps.js";

/** Tells a customer how their gateway deposit ended: paid (with the new balance), expired or failed. */
export function depositTeller(notifyUser: BotDeps["notifyUser"]): (d: Deposit, balance: number) => Promise<void> {
  return async (d, balance) => {
    const vars = { id: d.id, amount: formatRupiah(d.amount), balance: formatRupiah(balance) };
    await notifyUser(d.userId, (t) => t(`deposit-news-${d.state}`, vars));
  };
}
