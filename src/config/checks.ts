import { existsSync } from "node:fs";
import { type Env, providersOf } from "./env.js";

/** Credentials each provider cannot run without; only checked for the provider in use. */
const REQUIRED: Record<Env["PROVIDER"], (keyof Env)[]> = {
  sandbox: [],
  digiflazz: ["DIGIFLAZZ_USERNAME", "DIGIFLAZZ_API_KEY"],
  iak: ["IAK_USERNAME", "IAK_API_KEY"],
  tokopedia: ["TOKOPEDIA_CLIENT_ID", "TOKOPEDIA_CLIENT_SECRET", "TOKOPEDIA_PRIVATE_KEY_PATH"],
};

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

/** What a parsed environment gets wrong across variables: each problem names the variable to fix. */
export function crossFieldProblems(e: Env): string[] {
  const problems: string[] = [];
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
  return problems;
}
