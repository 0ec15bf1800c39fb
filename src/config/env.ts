import { z } from "zod";
import { count, fee, flag, idList, methodList, minutes, optionalText, phone, phoneList, port, quietHours, url, wholeNumber } from "./fields.js";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

const PROVIDER_NAMES = ["sandbox", "digiflazz", "iak", "tokopedia"] as const;

/** Everything the bot reads from the environment, validated once at start-up. */
export const EnvSchema = z.object({
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

/** Every provider in use, the primary first: PROVIDERS, else PROVIDER alone. */
export const providersOf = (e: Env): Env["PROVIDER"][] => (e.PROVIDERS.length > 0 ? e.PROVIDERS : [e.PROVIDER]);
