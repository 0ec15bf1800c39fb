import { readFileSync } from "node:fs";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, LOCALES_DIR, negotiateOnce } from "../../src/bot/i18n.js";
import { localeKeys } from "../billing/support.js";

const plain = () => {
  const i18n = new I18n<Context>({ defaultLocale: DEFAULT_LOCALE, fluentBundleOptions: { useIsolating: false } });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  return i18n;
};

describe("translations negotiated once per locale", () => {
  const reference = plain();
  const fast = plain();
  negotiateOnce(fast);
  // Every variable any message uses, so each message formats in full.
  const names = ["id", "en"].flatMap((l) => [...readFileSync(`${LOCALES_DIR}/${l}.ftl`, "utf8").matchAll(/\$([a-zA-Z][\w-]*)/g)].map((m) => m[1]!));
  const vars = Object.fromEntries(names.map((n) => [n, "7"]));

  it("give every key the text the library negotiates, for the bot's locales and others", () => {
    for (const locale of ["id", "en", "en-US", "fr", ""]) {
      for (const key of localeKeys("id")) {
        expect(fast.t(locale, key, vars), `${locale} ${key}`).toBe(reference.t(locale, key, vars));
      }
    }
  });

  it("tell the languages apart", () => {
    expect(fast.t("en", "pay-cancelled")).not.toBe(fast.t("id", "pay-cancelled"));
  });
});
