import type { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Catalog } from "../billing/catalog.js";
import type { Db } from "../db/database.js";
import type { Users } from "../db/users.js";
import type { Payments } from "../payments/payments.js";
import type { Wallet } from "../payments/wallet.js";

export type Channel = "telegram" | "terminal" | "whatsapp";

/** What the bot's features need from the rest of the app. */
export interface BotDeps {
  channel: Channel;
  db: Db;
  users: Users;
  wallet: Wallet;
  payments: Payments;
  catalog: Catalog;
  i18n: I18n<Context>;
  isAdmin(userId: number): boolean;
  /** Hands a confirmed payment to the worker. */
  startPayment(txId: string): void;
  log(message: string): void;
}
