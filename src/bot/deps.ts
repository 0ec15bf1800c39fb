import type { I18n } from "@grammyjs/i18n";
import type { Api, Context } from "grammy";
import type { Catalog } from "../billing/catalog.js";
import type { CatalogReloader } from "../billing/catalog-reload.js";
import type { Offer } from "../pricing/offer.js";
import type { Translate } from "../billing/format.js";
import type { Db } from "../db/database.js";
import type { DepositRequests } from "../db/deposit-requests.js";
import type { Favorites } from "../db/favorites.js";
import type { PrepaidOffer } from "../pricing/prepaid-offer.js";
import type { PrepaidProducts } from "../db/prepaid-products.js";
import type { MarkupRules } from "../db/markup-rules.js";
import type { PriceLists } from "../db/price-lists.js";
import type { Users } from "../db/users.js";
import type { Logger } from "../log/logger.js";
import type { Payments } from "../payments/payments.js";
import type { Wallet } from "../payments/wallet.js";
import type { CheckResult } from "../payments/worker.js";
import type { DepositService } from "../payments/deposits.js";
import type { PinGuard } from "../payments/pin.js";
import type { Picture, StrukPictures } from "./struk-pictures.js";
import type { BillCalendar } from "../payments/bill-calendar.js";
import type { FloodPolicy } from "./token-buckets.js";
import type { Broadcasts } from "../db/broadcasts.js";

export type Channel = "telegram" | "terminal" | "whatsapp";

/** What the bot's features need from the rest of the app. */
export interface BotDeps {
  channel: Channel;
  db: Db;
  users: Users;
  wallet: Wallet;
  favorites: Favorites;
  depositRequests: DepositRequests;
  payments: Payments;
  catalog: Catalog;
  /** Reads data/products.json again into `catalog` (/reload, and when the file changes). */
  catalogFile: CatalogReloader;
  /** Bill reminders of saved postpaid bills (/pengingat, /tagihanku). */
  calendar: BillCalendar;
  /** What can be bought now: the catalog less what the provider's price list marks inactive. */
  offer: Offer;
  priceLists: PriceLists;
  /** Prepaid products on sale now and their prices. */
  prepaid: PrepaidOffer;
  /** The prepaid price lists as kept, and what admins hid. */
  prepaidProducts: PrepaidProducts;
  /** Struk pictures of paid receipts, and each user's settings for them (/struk). */
  struk: StrukPictures;
  /** The markup rules admins set from the chat (/markup), which prices read through prepaid.levels. */
  markupRules: MarkupRules;
  /** Transaction PINs and the operator's policy for them (PIN_POLICY). */
  pins: PinGuard;
  /** ONE_LINE_BATCH_MAX: the most one-line orders one message may hold. */
  oneLineBatchMax: number;
  i18n: I18n<Context>;
  isAdmin(userId: number): boolean;
  /** Hands a confirmed payment to the worker. */
  startPayment(txId: string): void;
  /** Has the worker ask the provider now where a pending payment stands (admin /cek). */
  checkPayment(txId: string): Promise<CheckResult>;
  /** The operator's top-up instructions (DEPOSIT_INSTRUCTIONS), shown by /deposit. */
  depositInstructions: string | undefined;
  /** DEPOSIT_MIN_AMOUNT, DEPOSIT_MAX_AMOUNT and DEPOSIT_REQUESTS_PER_HOUR. */
  depositLimits: { minAmount: number; maxAmount: number; requestsPerHour: number };
  /** Deposits through a payment gateway (QRIS, virtual accounts); undefined: the manual way only. */
  deposits: DepositService | undefined;
  /** The bytes of a file a user sent to the Telegram bot (a broadcast's picture); undefined when Telegram will not give them. */
  downloadFile(api: Api, fileId: string): Promise<Uint8Array | undefined>;
  /** Admins' broadcasts: the drafts and recipients, and the sender that sends one in the background. */
  broadcasts: { store: Broadcasts; kick(id: number): void };
  /** /tautkan: minutes a code stays good, wrong codes a user may type in an hour (LINK_CODE_MINUTES, LINK_MAX_TRIES). */
  link: { codeMinutes: number; maxTries: number };
  /** The clock for admin actions and reports (fixed in tests). */
  now(): number;
  /**
   * Sends a message to a user through their own channel, in their language; with `replaces`, edits
   * that message instead when it can. Never throws: a user who blocked the bot must not break the
   * caller. Returns the message the user now has, undefined when none could be sent.
   */
  notifyUser(userId: number, render: Render, replaces?: number): Promise<SentMessage | undefined>;
  /**
   * Sends a message to every admin (ADMIN_IDS and the terminal operator), except `exceptId` (the
   * admin who acted). With `replaces`, an admin's earlier message about the same thing is edited
   * instead (a new one is sent when it cannot be). Returns the message each admin now has.
   */
  notifyAdmins(render: Render, exceptId?: number, replaces?: (adminId: number) => number | undefined): Promise<SentMessage[]>;
  /**
   * Tells the admins the provider refused something for a reason only they can fix (deposit too
   * low, credentials, IP allow-list...). The same problem is told at most every few minutes.
   */
  alertOperator(problem: OperatorProblem): Promise<void>;
  log(message: string): void;
  /** Structured lines: one per update and per money event (the `log` messages go to it too). */
  logger: Logger;
  metrics: UpdateMeter;
  /** Updates one user may keep sending a minute, and at once (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST; perMinute 0: no limit). */
  rateLimit: FloodPolicy;
}

/** Where the bot's figures go (the app's Metrics); the bot does not know the HTTP server. */
export interface UpdateMeter {
  update(channel: Channel, outcome: UpdateOutcome): void;
  /** Where a bot's outgoing queue (Telegram's limits) reports its length and oldest wait. */
  outgoingQueue(channel: Channel, stats: () => { waiting: number; oldestMs: number }): void;
}

export type UpdateOutcome = "handled" | "failed" | "limited";

/** Where a notification went: the recipient's chat and the message's id there. */
export interface SentMessage {
  userId: number;
  messageId: number;
}

/** A notification with inline buttons, e.g. a one-tap top-up for an admin. */
export interface RenderedMessage {
  text: string;
  buttons: { text: string; data: string }[][];
  /** A picture (a struk) sent with the text as its caption; undefined when there is none after all. */
  picture?: Promise<Picture | undefined>;
}

/** Builds a message in the recipient's language: plain text, or text with buttons. */
export type Render = (t: Translate, locale: string) => string | RenderedMessage;

/** A provider refusal blamed on the operator's account or set-up. */
export interface OperatorProblem {
  code: string;
  message: string;
  productId: string;
}
