import { existsSync } from "node:fs";
import { z } from "zod";
import { normalizePhone } from "./phone.js";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

/** Everything the bot reads from the environment, validated once at start-up. */

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const url = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .pipe(z.url({ message: "expected a URL such as https://example.com" }))
    .transform((v) => v.replace(/\/+$/, ""));

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""], { message: "expected true or false" })
    .default(fallback ? "true" : "false")
    // Left empty (as in a copied .env.example) it keeps its default.
    .transform((v) => (v === "" ? fallback : v === "true" || v === "1" || v === "yes"));

const PROVIDER_NAMES = ["sandbox", "digiflazz", "iak", "tokopedia"] as const;

const idList = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const ids: number[] = [];
    for (const part of v
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      if (!/^\d{1,16}$/.test(part)) {
        ctx.addIssue({ code: "custom", message: `expected comma-separated numeric user ids, got "${part}"` });
        return z.NEVER;
      }
      ids.push(Number(part));
    }
    return ids;
  });

const phoneList = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const phones: string[] = [];
    for (const part of v
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const phone = normalizePhone(part);
      if (!phone) {
        ctx.addIssue({ code: "custom", message: `expected comma-separated Indonesian phone numbers (08…, 62… or +62…), got "${part}"` });
        return z.NEVER;
      }
      phones.push(phone);
    }
    return phones;
  });

const phone = optionalText.transform((v, ctx) => {
  if (v === undefined) return undefined;
  const normal = normalizePhone(v);
  if (!normal) ctx.addIssue({ code: "custom", message: `expected an Indonesian phone number (08…, 62… or +62…)` });
  return normal;
});

const count = (fallback: number, what: string) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .pipe(z.string().regex(/^\d{1,6}$/, { message: `expected a whole number of ${what}` }))
    .transform(Number);

const port = z
  .string()
  .trim()
  .default("0")
  .pipe(z.string().regex(/^\d{1,5}$/, { message: "expected a port number (0 turns the HTTP server off)" }))
  .transform(Number)
  .pipe(z.number().int().max(65535, { message: "expected a port number up to 65535" }));

const minutes = (fallback: number) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .pipe(z.string().regex(/^\d{1,6}$/, { message: "expected a whole number of minutes, at least 1" }))
    .transform(Number)
    .pipe(z.number().int().min(1, { message: "expected a whole number of minutes, at least 1" }));

const wholeNumber = (fallback: number, what: string) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .pipe(z.string().regex(/^\d{1,12}$/, { message: `expected ${what}, a whole number of at least 1` }))
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, { message: `expected ${what}, a whole number of at least 1` }),
    );

/** A deposit fee: "4000" (flat), "0.7%" or "750+0.7%", in whole rupiah and at most two decimals of a percent. */
const fee = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^(?:(\d{1,7})(?:\s*\+\s*(\d{1,2}(?:\.\d{1,2})?)%)?|(\d{1,2}(?:\.\d{1,2})?)%)$/.exec(v);
      if (!m) {
        ctx.addIssue({ code: "custom", message: `expected a fee such as 4000, 0.7% or 750+0.7%, got "${v}"` });
        return z.NEVER;
      }
      const percent = m[2] ?? m[3];
      return { flat: Number(m[1] ?? 0), basisPoints: percent === undefined ? 0 : Math.round(Number(percent) * 100) };
    });

const DEPOSIT_METHODS = ["qris", "va-bca", "va-bni", "va-bri", "va-mandiri", "va-permata", "va-cimb"] as const;

const methodList = z
  .string()
  .default("qris,va-bni,va-bri")
  .transform((v, ctx) => {
    const methods = v
      .split(",")
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean);
    for (const m of methods) {
      if (!(DEPOSIT_METHODS as readonly string[]).includes(m)) {
        ctx.addIssue({ code: "custom", message: `expected comma-separated methods from ${DEPOSIT_METHODS.join(", ")}, got "${m}"` });
        return z.NEVER;
      }
    }
    if (methods.length === 0) ctx.addIssue({ code: "custom", message: "expected at least one method, e.g. qris" });
    return methods as (typeof DEPOSIT_METHODS)[number][];
  });

/** "21-7": quiet from 21:00 to 07:00 WIB; "off" (or empty): never quiet. */
const quietHours = z
  .string()
  .trim()
  .default("21-7")
  .transform((v, ctx) => {
    if (v === "" || v === "off") return undefined;
    const m = /^(\d{1,2})(?::00)?\s*-\s*(\d{1,2})(?::00)?$/.exec(v);
    const [from, to] = m ? [Number(m[1]), Number(m[2])] : [];
    if (from === undefined || to === undefined || from > 23 || to > 23 || from === to) {
      ctx.addIssue({ code: "custom", message: 'expected quiet hours in WIB as "21-7" (from 21:00 to 07:00) or "off"' });
      return z.NEVER;
    }
    return { from, to };
  });

const EnvSchema = z.object({
  BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, { message: "expected a token from @BotFather like 123456:ABC-DEF..." })
      .optional(),
  ),
  TELEGRAM_API_ROOT: optionalText.pipe(z.url({ message: "expected a URL such as http://127.0.0.1:8081" }).optional()),
  TELEGRAM_LIMITS: flag(true),
  WEBHOOK_URL: optionalText.pipe(
    z.url({ message: "expected the public HTTPS address Telegram posts updates to, such as https://bot.example.com/telegram" }).optional(),
  ),
  // Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in a secret_token.
  WEBHOOK_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[\w-]{16,256}$/, { message: "expected 16 to 256 characters of A-Z, a-z, 0-9, _ and -" })
      .optional(),
  ),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  // Once a fixed window of 30 a minute, which cut off people who work quickly: now the rate a user
  // may keep up (a token bucket's refill) after a burst, so a value an operator set lets through at least what it did.
  RATE_LIMIT_PER_MINUTE: z
    .string()
    .trim()
    .default("60")
    .pipe(z.string().regex(/^\d{1,5}$/, { message: "expected how many messages and button presses a user may keep sending a minute (0 turns the limit off)" }))
    .transform(Number),
  RATE_LIMIT_BURST: wholeNumber(30, "how many messages and button presses a user may send at once"),
  DATABASE_PATH: z.string().trim().min(1).default("data/bot.sqlite"),
  ADMIN_IDS: idList,
  PROVIDER: z
    .enum(PROVIDER_NAMES, {
      message: "expected one of sandbox, digiflazz, iak, tokopedia",
    })
    .default("sandbox"),
  /** Several providers side by side, the first the primary (its catalog is the menu); unset: PROVIDER alone. */
  PROVIDERS: z
    .string()
    .trim()
    .default("")
    .transform((v, ctx) => {
      const names = v
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean);
      const bad = names.find((n) => !PROVIDER_NAMES.includes(n as (typeof PROVIDER_NAMES)[number]));
      if (bad !== undefined || new Set(names).size !== names.length) {
        ctx.addIssue({ code: "custom", message: `expected comma-separated providers, each once, of ${PROVIDER_NAMES.join(", ")}` });
        return z.NEVER;
      }
      return names as (typeof PROVIDER_NAMES)[number][];
    }),
  /** A purchase refused unprocessed is tried at the next provider only this long after its confirmation. */
  FAILOVER_WINDOW_SECONDS: wholeNumber(60, "a number of seconds"),
  /** A provider whose latest purchases failed this many times in a row leaves routing... */
  ROUTE_SUSPEND_AFTER: wholeNumber(5, "a number of failures in a row"),
  /** ...for this long, and comes back after a successful check. */
  ROUTE_SUSPEND_MINUTES: minutes(15),
  CATALOG_PATH: z.string().trim().min(1).default("data/products.json"),
  HTTP_PORT: port,
  PENDING_ALERT_MINUTES: minutes(60),
  PROVIDER_DEPOSIT_HOURS_ALERT: count(24, "hours (0: no alert)"),
  PROVIDER_DEPOSIT_CHECK_MINUTES: minutes(30),
  QUOTE_MAX_AGE_MINUTES: minutes(30),
  FLOW_EXPIRY_HOURS: wholeNumber(24, "a number of hours"),
  SHUTDOWN_SECONDS: wholeNumber(25, "a number of seconds"),
  PIN_POLICY: z.enum(["off", "always", "above", "one-line"], { message: "expected one of off, always, above, one-line" }).default("off"),
  PIN_ABOVE_AMOUNT: wholeNumber(100_000, "an amount in rupiah"),
  PIN_MAX_TRIES: wholeNumber(3, "a number of wrong PINs"),
  PIN_PAUSE_MINUTES: minutes(30),
  LINK_CODE_MINUTES: minutes(10),
  LINK_MAX_TRIES: wholeNumber(5, "a number of wrong codes"),
  ONE_LINE_BATCH_MAX: wholeNumber(10, "a number of order lines"),
  PRICE_LEVEL_DEFAULT: z
    .string()
    .trim()
    .default("umum")
    .pipe(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, { message: "expected a lowercase level name such as umum" })),
  PRICE_LIST_REFRESH_MINUTES: minutes(60),
  PREPAID_LIST_MAX_AGE_MINUTES: minutes(180),
  DEPOSIT_INSTRUCTIONS: optionalText,
  STRUK_PICTURES: flag(true),
  STORE_NAME: optionalText,
  STRUK_LOGO_PATH: optionalText,
  STRUK_FOOTER: optionalText,
  STRUK_COUNTER_FEE: count(0, "rupiah"),
  REMINDER_QUIET_HOURS: quietHours,
  REMINDER_MAX_PER_HOUR: wholeNumber(120, "how many bill reminders may ask the biller an hour"),
  REMINDER_RETRY_DAYS: wholeNumber(2, "a number of days"),
  REMINDER_MAX_TRIES: wholeNumber(3, "how many times a reminder asks for a bill not yet published"),
  REMINDER_JUMP_PERCENT: wholeNumber(50, "a percentage"),
  WORKER_CONCURRENCY: z
    .string()
    .trim()
    .default("256")
    .pipe(z.string().regex(/^\d{1,5}$/, { message: "expected how many payments may talk to the provider at once, at least 1" }))
    .transform(Number)
    .pipe(z.number().int().min(1, { message: "expected how many payments may talk to the provider at once, at least 1" })),
  BACKUP_DIR: z.string().trim().min(1).default("data/backups"),
  BACKUP_KEEP: z
    .string()
    .trim()
    .default("7")
    .pipe(z.string().regex(/^\d{1,4}$/, { message: "expected how many backups to keep, at least 1" }))
    .transform(Number)
    .pipe(z.number().int().min(1, { message: "expected how many backups to keep, at least 1" })),
  BACKUP_EVERY_HOURS: z
    .string()
    .trim()
    .default("0")
    .pipe(z.string().regex(/^\d{1,4}$/, { message: "expected a whole number of hours (0 turns automatic backups off)" }))
    .transform(Number),
  DEPOSIT_MAX_AMOUNT: wholeNumber(10_000_000, "an amount in rupiah"),
  DEPOSIT_REQUESTS_PER_HOUR: wholeNumber(3, "a number of requests"),
  DEPOSIT_GATEWAY: z.enum(["none", "sandbox", "midtrans", "tripay"], { message: "expected one of none, sandbox, midtrans, tripay" }).optional(),
  DEPOSIT_MIN_AMOUNT: wholeNumber(10_000, "an amount in rupiah"),
  DEPOSIT_OPEN_MAX: wholeNumber(2, "how many open deposits a user may have"),
  DEPOSIT_EXPIRY_MINUTES: minutes(30),
  DEPOSIT_METHODS: methodList,
  DEPOSIT_FEE_PAYER: z.enum(["customer", "operator"], { message: "expected customer or operator" }).default("customer"),
  DEPOSIT_FEE_QRIS: fee("0.7%"),
  DEPOSIT_FEE_VA: fee("4000"),
  /** The public address of HTTP_PORT (behind the proxy), for the gateways' notification URLs. */
  PUBLIC_URL: optionalText.pipe(z.url({ message: "expected the public address of the bot's HTTP server, such as https://bot.example.com" }).optional()),

  MIDTRANS_SERVER_KEY: optionalText,
  MIDTRANS_PRODUCTION: flag(false),
  MIDTRANS_BASE_URL: optionalText.pipe(z.url({ message: "expected a URL such as https://api.sandbox.midtrans.com" }).optional()),

  TRIPAY_API_KEY: optionalText,
  TRIPAY_PRIVATE_KEY: optionalText,
  TRIPAY_MERCHANT_CODE: optionalText,
  TRIPAY_PRODUCTION: flag(false),
  TRIPAY_BASE_URL: optionalText.pipe(z.url({ message: "expected a URL such as https://tripay.co.id/api-sandbox" }).optional()),

  WHATSAPP_ENABLED: flag(false),
  WHATSAPP_CHROMIUM_PATH: optionalText,
  WHATSAPP_SESSION_DIR: z.string().trim().min(1).default("data/whatsapp"),
  WHATSAPP_PAIRING_NUMBER: phone,
  ADMIN_PHONES: phoneList,
  WHATSAPP_MESSAGES_PER_MINUTE: count(60, "messages per minute, at least 1").pipe(
    z.number().int().min(1, { message: "expected at least 1 message per minute" }),
  ),
  WHATSAPP_CHAT_GAP_SECONDS: count(1, "seconds"),

  DIGIFLAZZ_USERNAME: optionalText,
  DIGIFLAZZ_API_KEY: optionalText,
  DIGIFLAZZ_BASE_URL: url("https://api.digiflazz.com"),
  DIGIFLAZZ_DIALECT: z.enum(["canonical", "whitelabel"], { message: "expected canonical or whitelabel" }).default("canonical"),
  DIGIFLAZZ_TESTING: flag(false),
  DIGIFLAZZ_WEBHOOK_SECRET: optionalText,

  IAK_USERNAME: optionalText,
  IAK_API_KEY: optionalText,
  IAK_BASE_URL: url("https://mobilepulsa.net"),
  IAK_PREPAID_BASE_URL: url("https://prepaid.iak.id"),

  TOKOPEDIA_CLIENT_ID: optionalText,
  TOKOPEDIA_CLIENT_SECRET: optionalText,
  TOKOPEDIA_PRIVATE_KEY_PATH: optionalText,
  TOKOPEDIA_PUBLIC_KEY_PATH: optionalText,
  TOKOPEDIA_BASE_URL: url("https://b2b.tokopedia.com/api"),
  TOKOPEDIA_TOKEN_URL: url("https://accounts.tokopedia.com/token"),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * The bot's configuration: the environment's names mapped once to the shape the code reads. Its
 * type is this mapping's output, so a setting is declared in EnvSchema and named here, nowhere else.
 */
const providersOf = (e: Env): Env["PROVIDER"][] => (e.PROVIDERS.length > 0 ? e.PROVIDERS : [e.PROVIDER]);

function toConfig(e: Env) {
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT?.replace(/\/+$/, ""),
    /** Telegram by webhook at this public HTTPS address (served on HTTP_PORT at its path) instead of long polling. */
    webhook: e.WEBHOOK_URL && e.WEBHOOK_SECRET ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET } : undefined,
    logLevel: e.LOG_LEVEL,
    /** Updates one user may keep sending a minute, and at once (perMinute 0: no limit; admins never limited). */
    rateLimit: { perMinute: e.RATE_LIMIT_PER_MINUTE, burst: e.RATE_LIMIT_BURST },
    /** Keep messages to Telegram within its flood limits (off only for a Bot API stand-in without them, as the bench's). */
    telegramLimits: e.TELEGRAM_LIMITS,
    databasePath: e.DATABASE_PATH,
    adminIds: e.ADMIN_IDS,
    /** The primary provider: the first of PROVIDERS, else PROVIDER. */
    provider: providersOf(e)[0]!,
    /** Every provider in use, the primary first. */
    providers: providersOf(e),
    /** Several providers: when a refused purchase may go to the next one, and when a failing provider leaves routing. */
    routing: {
      failoverWindowMs: e.FAILOVER_WINDOW_SECONDS * 1000,
      suspendAfter: e.ROUTE_SUSPEND_AFTER,
      suspendMs: e.ROUTE_SUSPEND_MINUTES * 60_000,
    },
    catalogPath: e.CATALOG_PATH,
    httpPort: e.HTTP_PORT,
    /** A payment still pending after this long is flagged to the admins (once). */
    pendingAlertMinutes: e.PENDING_ALERT_MINUTES,
    /**
     * The money watch: every `checkMinutes` the provider deposit is read; the admins are told (once
     * a WIB day) when it covers fewer than `hoursAlert` hours of sales (0: never) or less than the customers' balances.
     */
    providerDeposit: { hoursAlert: e.PROVIDER_DEPOSIT_HOURS_ALERT, checkMinutes: e.PROVIDER_DEPOSIT_CHECK_MINUTES },
    /** A quote older than this (or from an earlier WIB day) is inquired again before money moves. */
    quoteMaxAgeMinutes: e.QUOTE_MAX_AGE_MINUTES,
    /** A flow left waiting this long ends: its chat's stored state goes and its quote is cancelled. */
    flowExpiryHours: e.FLOW_EXPIRY_HOURS,
    /** After the first SIGTERM/SIGINT the process ends within this, whatever is still under way (docker waits 30 s). */
    shutdownMs: e.SHUTDOWN_SECONDS * 1000,
    /** When a purchase asks for the transaction PIN (above: a price of at least `aboveAmount`), and the pause after `maxTries` wrong ones in a row. */
    pin: { policy: e.PIN_POLICY, aboveAmount: e.PIN_ABOVE_AMOUNT, maxTries: e.PIN_MAX_TRIES, pauseMinutes: e.PIN_PAUSE_MINUTES },
    /** /tautkan: how long a code stays good, and how many wrong or expired codes one user may type in an hour. */
    link: { codeMinutes: e.LINK_CODE_MINUTES, maxTries: e.LINK_MAX_TRIES },
    /** The most one-line orders one message may hold (one a line). */
    oneLineBatchMax: e.ONE_LINE_BATCH_MAX,
    /** The price level of users an admin has not placed at one (/level); priced by data/products.json prepaid.markup. */
    priceLevelDefault: e.PRICE_LEVEL_DEFAULT,
    /** How often the provider's price list is fetched again (it is also fetched at start). */
    priceListRefreshMinutes: e.PRICE_LIST_REFRESH_MINUTES,
    /** A prepaid list older than this is not sold from: its costs may have risen (IAK and Tokopedia take no maximum price). */
    prepaidListMaxAgeMinutes: e.PREPAID_LIST_MAX_AGE_MINUTES,
    /**
     * Bill reminders: no biller asked and nothing sent in the quiet hours (WIB); at most `maxPerHour`
     * inquiries an hour; a bill not yet published asked again `retryDays` later, `maxTries` times in
     * all; a bill more than `jumpPercent` % above the last one paid here is pointed out.
     */
    reminders: {
      quiet: e.REMINDER_QUIET_HOURS,
      maxPerHour: e.REMINDER_MAX_PER_HOUR,
      retryDays: e.REMINDER_RETRY_DAYS,
      maxTries: e.REMINDER_MAX_TRIES,
      jumpPercent: e.REMINDER_JUMP_PERCENT,
    },
    /** How users top up (bank account, e-wallet...), shown by /deposit; the locale's text when unset. */
    depositInstructions: e.DEPOSIT_INSTRUCTIONS,
    /**
     * The struk picture sent with each success receipt (STRUK_PICTURES=false: text only): the store's
     * name, logo and footer on it, and the counter fee (`biaya loket`) added for walk-in customers
     * unless a user set their own (/struk loket).
     */
    struk: { pictures: e.STRUK_PICTURES, storeName: e.STORE_NAME, logoPath: e.STRUK_LOGO_PATH, footer: e.STRUK_FOOTER, counterFee: e.STRUK_COUNTER_FEE },
    /** How many payments may be with the provider at once (pay calls and status checks). */
    workerConcurrency: e.WORKER_CONCURRENCY,
    /** Where `npm run backup` and the automatic backups write, how many they keep, and how often the bot takes one (0: never). */
    backupDir: e.BACKUP_DIR,
    backupKeep: e.BACKUP_KEEP,
    backupEveryHours: e.BACKUP_EVERY_HOURS,
    /** A user's deposit requests: the smallest and largest amount one may name, and how many may be sent in an hour. */
    deposit: { minAmount: e.DEPOSIT_MIN_AMOUNT, maxAmount: e.DEPOSIT_MAX_AMOUNT, requestsPerHour: e.DEPOSIT_REQUESTS_PER_HOUR },
    /**
     * Deposits through a payment gateway ("none": only the manual way). Unset, the terminal demo
     * (no Telegram, no WhatsApp, sandbox provider) gets the sandbox gateway.
     */
    gateway: {
      name: e.DEPOSIT_GATEWAY ?? (!e.BOT_TOKEN && !e.WHATSAPP_ENABLED && e.PROVIDER === "sandbox" ? "sandbox" : "none"),
      minAmount: e.DEPOSIT_MIN_AMOUNT,
      maxAmount: e.DEPOSIT_MAX_AMOUNT,
      openMax: e.DEPOSIT_OPEN_MAX,
      expiryMs: e.DEPOSIT_EXPIRY_MINUTES * 60_000,
      methods: e.DEPOSIT_METHODS,
      feePayer: e.DEPOSIT_FEE_PAYER,
      fees: { qris: e.DEPOSIT_FEE_QRIS, va: e.DEPOSIT_FEE_VA },
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    },
    midtrans: {
      serverKey: e.MIDTRANS_SERVER_KEY ?? "",
      baseUrl: (e.MIDTRANS_BASE_URL ?? (e.MIDTRANS_PRODUCTION ? "https://api.midtrans.com" : "https://api.sandbox.midtrans.com")).replace(/\/+$/, ""),
    },
    tripay: {
      apiKey: e.TRIPAY_API_KEY ?? "",
      // Keys pasted with a stray space or newline fail every signature (gateways.md T-P3): trimmed above.
      privateKey: e.TRIPAY_PRIVATE_KEY ?? "",
      merchantCode: e.TRIPAY_MERCHANT_CODE ?? "",
      baseUrl: (e.TRIPAY_BASE_URL ?? (e.TRIPAY_PRODUCTION ? "https://tripay.co.id/api" : "https://tripay.co.id/api-sandbox")).replace(/\/+$/, ""),
    },
    /** WhatsApp admins by phone number (normalised 62…): the same commands as ADMIN_IDS on Telegram. */
    adminPhones: e.ADMIN_PHONES,
    whatsapp: {
      enabled: e.WHATSAPP_ENABLED,
      /** WHATSAPP_CHROMIUM_PATH as set; the usual system paths are tried when it is not. */
      chromiumPath: e.WHATSAPP_CHROMIUM_PATH,
      sessionDir: e.WHATSAPP_SESSION_DIR,
      /** Link with a pairing code for this number (62…) instead of a QR code. */
      pairingNumber: e.WHATSAPP_PAIRING_NUMBER,
      messagesPerMinute: e.WHATSAPP_MESSAGES_PER_MINUTE,
      chatGapMs: e.WHATSAPP_CHAT_GAP_SECONDS * 1000,
    },
    digiflazz: {
      username: e.DIGIFLAZZ_USERNAME ?? "",
      apiKey: e.DIGIFLAZZ_API_KEY ?? "",
      baseUrl: e.DIGIFLAZZ_BASE_URL,
      dialect: e.DIGIFLAZZ_DIALECT,
      testing: e.DIGIFLAZZ_TESTING,
      webhookSecret: e.DIGIFLAZZ_WEBHOOK_SECRET,
    },
    /** `prepaidBaseUrl`: IAK's prepaid API is a separate host (prepaid.iak.id, prepaid.iak.dev while testing). */
    iak: { username: e.IAK_USERNAME ?? "", apiKey: e.IAK_API_KEY ?? "", baseUrl: e.IAK_BASE_URL, prepaidBaseUrl: e.IAK_PREPAID_BASE_URL },
    tokopedia: {
      clientId: e.TOKOPEDIA_CLIENT_ID ?? "",
      clientSecret: e.TOKOPEDIA_CLIENT_SECRET ?? "",
      privateKeyPath: e.TOKOPEDIA_PRIVATE_KEY_PATH ?? "",
      publicKeyPath: e.TOKOPEDIA_PUBLIC_KEY_PATH,
      baseUrl: e.TOKOPEDIA_BASE_URL,
      tokenUrl: e.TOKOPEDIA_TOKEN_URL,
    },
  };
}

export type Config = ReturnType<typeof toConfig>;

/** A webhook set-up that could not work: Telegram only posts to HTTPS, and the bot must be listening. */
function webhookProblems(e: Env): string[] {
  if (!e.WEBHOOK_URL) return e.WEBHOOK_SECRET ? ["WEBHOOK_SECRET: set without WEBHOOK_URL (long polling needs no secret)"] : [];
  const problems: string[] = [];
  if (new URL(e.WEBHOOK_URL).protocol !== "https:") problems.push("WEBHOOK_URL: Telegram only posts to https:// addresses");
  if (!e.BOT_TOKEN) problems.push("WEBHOOK_URL: set without BOT_TOKEN");
  if (e.HTTP_PORT === 0) problems.push("WEBHOOK_URL: needs HTTP_PORT, the port the bot serves the webhook on behind your HTTPS proxy");
  if (!e.WEBHOOK_SECRET) problems.push("WEBHOOK_SECRET: required with WEBHOOK_URL, so only Telegram can post updates (e.g. openssl rand -hex 32)");
  return problems;
}

/** Keys a deposit gateway cannot run without, and amounts that leave nothing to deposit. */
function gatewayProblems(e: Env): string[] {
  const problems: string[] = [];
  const need = (keys: (keyof Env)[]) => keys.filter((k) => !e[k]).map((k) => `${k}: required when DEPOSIT_GATEWAY=${e.DEPOSIT_GATEWAY}`);
  if (e.DEPOSIT_GATEWAY === "midtrans") problems.push(...need(["MIDTRANS_SERVER_KEY"]));
  if (e.DEPOSIT_GATEWAY === "tripay") problems.push(...need(["TRIPAY_API_KEY", "TRIPAY_PRIVATE_KEY", "TRIPAY_MERCHANT_CODE"]));
  if (e.DEPOSIT_MIN_AMOUNT > e.DEPOSIT_MAX_AMOUNT) problems.push(`DEPOSIT_MIN_AMOUNT: expected at most DEPOSIT_MAX_AMOUNT (${e.DEPOSIT_MAX_AMOUNT})`);
  return problems;
}

/** Every configured value that must never appear in a log. */
export function secretsOf(config: Config): string[] {
  return [
    config.botToken,
    config.webhook?.secret,
    config.digiflazz.apiKey,
    config.digiflazz.webhookSecret,
    config.iak.apiKey,
    config.tokopedia.clientSecret,
    config.midtrans.serverKey,
    config.tripay.apiKey,
    config.tripay.privateKey,
  ].filter((s): s is string => !!s);
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Credentials each provider cannot run without; only checked for the provider in use. */
const REQUIRED: Record<Env["PROVIDER"], (keyof Env)[]> = {
  sandbox: [],
  digiflazz: ["DIGIFLAZZ_USERNAME", "DIGIFLAZZ_API_KEY"],
  iak: ["IAK_USERNAME", "IAK_API_KEY"],
  tokopedia: ["TOKOPEDIA_CLIENT_ID", "TOKOPEDIA_CLIENT_SECRET", "TOKOPEDIA_PRIVATE_KEY_PATH"],
};

/**
 * Parses the environment. Never throws: a bad environment becomes one readable message naming each
 * bad variable (and never echoing a secret's value).
 */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${String(issue.path[0] ?? "?")}: ${issue.message}`);
    }
  } else {
    const e = parsed.data;
    for (const provider of providersOf(e)) {
      for (const key of REQUIRED[provider]) if (!e[key]) problems.push(`${key}: required when PROVIDER=${provider}`);
    }
    // Each dialect lives on its own hosts; a mix-up would only show as every call failing.
    const whitelabelHost = /\.digiswitch\.id$/.test(new URL(e.DIGIFLAZZ_BASE_URL).hostname);
    const canonicalHost = new URL(e.DIGIFLAZZ_BASE_URL).hostname === "api.digiflazz.com";
    if (providersOf(e).includes("digiflazz") && e.DIGIFLAZZ_DIALECT === "whitelabel" && canonicalHost) {
      problems.push("DIGIFLAZZ_BASE_URL: the whitelabel dialect needs your own https://<tenant>.api.digiswitch.id host");
    }
    if (providersOf(e).includes("digiflazz") && e.DIGIFLAZZ_DIALECT === "canonical" && whitelabelHost) {
      problems.push("DIGIFLAZZ_DIALECT: a *.digiswitch.id host speaks the whitelabel dialect; set DIGIFLAZZ_DIALECT=whitelabel");
    }
    problems.push(...webhookProblems(e), ...gatewayProblems(e));
    // Shorter than the refresh interval, the list would go stale between two good refreshes and prepaid sales stop every hour.
    if (e.PREPAID_LIST_MAX_AGE_MINUTES <= e.PRICE_LIST_REFRESH_MINUTES) {
      problems.push(`PREPAID_LIST_MAX_AGE_MINUTES: expected more than PRICE_LIST_REFRESH_MINUTES (${e.PRICE_LIST_REFRESH_MINUTES})`);
    }
    if (e.STRUK_LOGO_PATH && !existsSync(e.STRUK_LOGO_PATH)) problems.push(`STRUK_LOGO_PATH: no file at ${e.STRUK_LOGO_PATH}`);
    if (providersOf(e).includes("tokopedia") && e.TOKOPEDIA_PRIVATE_KEY_PATH && !existsSync(e.TOKOPEDIA_PRIVATE_KEY_PATH)) {
      problems.push(`TOKOPEDIA_PRIVATE_KEY_PATH: no file at ${e.TOKOPEDIA_PRIVATE_KEY_PATH}`);
    }
  }
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, message: `Configuration problem:\n${problems.map((p) => `  - ${p}`).join("\n")}` };
  }
  return { ok: true, config: toConfig(parsed.data) };
}
