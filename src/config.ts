import { crossFieldProblems } from "./config/checks.js";
import { EnvSchema, type Env, providersOf } from "./config/env.js";

export { LOG_LEVELS, type Env } from "./config/env.js";

/**
 * The bot's configuration: the environment's names mapped once to the shape the code reads. Its
 * type is this mapping's output, so a setting is declared in EnvSchema and named here, nowhere else.
 */
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
    problems.push(...crossFieldProblems(parsed.data));
  }
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, message: `Configuration problem:\n${problems.map((p) => `  - ${p}`).join("\n")}` };
  }
  return { ok: true, config: toConfig(parsed.data) };
}
