import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("configuration", () => {
  it("runs on embedded defaults with an empty environment", () => {
    const r = loadConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({
      botToken: undefined,
      provider: "sandbox",
      databasePath: "data/bot.sqlite",
      adminIds: [],
      digiflazz: { baseUrl: "https://api.digiflazz.com", dialect: "canonical", testing: false },
      iak: { baseUrl: "https://mobilepulsa.net" },
      deposit: { minAmount: 10_000, maxAmount: 10_000_000, requestsPerHour: 3 },
    });
  });

  it("takes the deposit request limits as whole numbers of at least 1", () => {
    const ok = loadConfig({ DEPOSIT_MAX_AMOUNT: "5000000", DEPOSIT_REQUESTS_PER_HOUR: "2" });
    expect(ok.ok && ok.config.deposit).toEqual({ minAmount: 10_000, maxAmount: 5_000_000, requestsPerHour: 2 });
    const bad = loadConfig({ DEPOSIT_MAX_AMOUNT: "5jt", DEPOSIT_REQUESTS_PER_HOUR: "0" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.message).toContain("DEPOSIT_MAX_AMOUNT: expected an amount in rupiah, a whole number of at least 1");
    expect(bad.message).toContain("DEPOSIT_REQUESTS_PER_HOUR: expected a number of requests, a whole number of at least 1");
  });

  it("limits floods by a rate kept up and a burst; an older RATE_LIMIT_PER_MINUTE still means at least what it did", () => {
    const shipped = loadConfig({});
    expect(shipped.ok && shipped.config.rateLimit).toEqual({ perMinute: 60, burst: 30 });
    // A .env copied from the older example keeps its 30, now the rate kept up after a burst of 30.
    const old = loadConfig({ RATE_LIMIT_PER_MINUTE: "30" });
    expect(old.ok && old.config.rateLimit).toEqual({ perMinute: 30, burst: 30 });
    const off = loadConfig({ RATE_LIMIT_PER_MINUTE: "0", RATE_LIMIT_BURST: "5" });
    expect(off.ok && off.config.rateLimit).toEqual({ perMinute: 0, burst: 5 });
    const bad = loadConfig({ RATE_LIMIT_PER_MINUTE: "1/s", RATE_LIMIT_BURST: "0" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.message).toContain(
      "RATE_LIMIT_PER_MINUTE: expected how many messages and button presses a user may keep sending a minute (0 turns the limit off)",
    );
    expect(bad.message).toContain("RATE_LIMIT_BURST: expected how many messages and button presses a user may send at once, a whole number of at least 1");
  });

  it("sells prepaid from a list up to 180 minutes old by default, and refuses a maximum age not above the refresh interval", () => {
    const ok = loadConfig({});
    expect(ok.ok && ok.config.prepaidListMaxAgeMinutes).toBe(180);
    const bad = loadConfig({ PRICE_LIST_REFRESH_MINUTES: "120", PREPAID_LIST_MAX_AGE_MINUTES: "120" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.message).toContain("PREPAID_LIST_MAX_AGE_MINUTES: expected more than PRICE_LIST_REFRESH_MINUTES (120)");
  });

  it("names every bad variable and what it expects, without echoing secrets", () => {
    const r = loadConfig({
      BOT_TOKEN: "not-a-token",
      ADMIN_IDS: "12,abc",
      PROVIDER: "paypal",
      TELEGRAM_API_ROOT: "nowhere",
      HTTP_PORT: "99999",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain("BOT_TOKEN: expected a token from @BotFather");
    expect(r.message).toContain('ADMIN_IDS: expected comma-separated numeric user ids, got "abc"');
    expect(r.message).toContain("PROVIDER: expected one of sandbox, digiflazz, iak, tokopedia");
    expect(r.message).toContain("TELEGRAM_API_ROOT: expected a URL");
    expect(r.message).toContain("HTTP_PORT: expected a port number up to 65535");
    expect(r.message).not.toContain("not-a-token");
  });

  it("asks for the credentials of the provider in use", () => {
    const r = loadConfig({ PROVIDER: "digiflazz", DIGIFLAZZ_API_KEY: "secret-key" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain("DIGIFLAZZ_USERNAME: required when PROVIDER=digiflazz");
    expect(r.message).not.toContain("DIGIFLAZZ_API_KEY");
    expect(r.message).not.toContain("secret-key");
  });

  it("stops `npm start` with the readable message and no stack trace", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH, PROVIDER: "paypal", ADMIN_IDS: "x" },
      encoding: "utf8",
      input: "",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Configuration problem:");
    expect(run.stderr).toContain("PROVIDER: expected one of sandbox, digiflazz, iak, tokopedia");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("Digiflazz dialect and host", () => {
  const base = { PROVIDER: "digiflazz", DIGIFLAZZ_USERNAME: "u", DIGIFLAZZ_API_KEY: "k" };
  it("refuses the whitelabel dialect on the canonical host, and the reverse", () => {
    const a = loadConfig({ ...base, DIGIFLAZZ_DIALECT: "whitelabel" });
    expect(!a.ok && a.message).toContain("DIGIFLAZZ_BASE_URL: the whitelabel dialect needs your own https://<tenant>.api.digiswitch.id host");
    const b = loadConfig({ ...base, DIGIFLAZZ_BASE_URL: "https://pulsasoris.api.digiswitch.id" });
    expect(!b.ok && b.message).toContain("DIGIFLAZZ_DIALECT: a *.digiswitch.id host speaks the whitelabel dialect");
    expect(loadConfig({ ...base, DIGIFLAZZ_DIALECT: "whitelabel", DIGIFLAZZ_BASE_URL: "https://pulsasoris.api.digiswitch.id" }).ok).toBe(true);
  });
});

describe("WhatsApp settings", () => {
  it("defaults to off, with the session under data/ and a careful pace", () => {
    const r = loadConfig({});
    expect(r.ok && r.config.whatsapp).toEqual({
      enabled: false,
      chromiumPath: undefined,
      sessionDir: "data/whatsapp",
      pairingNumber: undefined,
      messagesPerMinute: 60,
      chatGapMs: 1_000,
    });
    expect(r.ok && r.config.adminPhones).toEqual([]);
  });

  it("normalises admin and pairing phone numbers in any usual form, and names a bad one", () => {
    const r = loadConfig({
      WHATSAPP_ENABLED: "true",
      ADMIN_PHONES: "0812-3456-7890, +62 811 2222 3333,628777000111",
      WHATSAPP_PAIRING_NUMBER: "0899 1234 5678",
    });
    expect(r.ok && r.config.adminPhones).toEqual(["6281234567890", "6281122223333", "628777000111"]);
    expect(r.ok && r.config.whatsapp.pairingNumber).toBe("6289912345678");
    const bad = loadConfig({ ADMIN_PHONES: "0812345678901,12", WHATSAPP_PAIRING_NUMBER: "abc", WHATSAPP_MESSAGES_PER_MINUTE: "0" });
    expect(!bad.ok && bad.message).toContain('ADMIN_PHONES: expected comma-separated Indonesian phone numbers (08…, 62… or +62…), got "12"');
    expect(!bad.ok && bad.message).toContain("WHATSAPP_PAIRING_NUMBER: expected an Indonesian phone number");
    expect(!bad.ok && bad.message).toContain("WHATSAPP_MESSAGES_PER_MINUTE: expected at least 1 message per minute");
  });
});
