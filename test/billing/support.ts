import { readFileSync } from "node:fs";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Bill } from "../../src/billing/bill.js";
import type { Translate } from "../../src/billing/format.js";
import { LOCALES_DIR, translator } from "../../src/bot/i18n.js";
import type { Tx, TxState } from "../../src/billing/transaction.js";

export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** The keys a locale file defines. */
export function localeKeys(locale: Locale): Set<string> {
  const text = readFileSync(`${LOCALES_DIR}/${locale}.ftl`, "utf8");
  return new Set([...text.matchAll(/^([a-z][a-z0-9-]*)\s*=/gm)].map((m) => m[1]!));
}

const i18n = new I18n<Context>({ defaultLocale: "id", fluentBundleOptions: { useIsolating: false } });
i18n.loadLocalesDirSync(LOCALES_DIR);
const keys = { id: localeKeys("id"), en: localeKeys("en") };

/** The bot's real translations; a key missing from the locale file fails the test instead of showing the key. */
export function translate(locale: Locale): Translate {
  const t = translator(i18n, locale);
  return (key, vars) => {
    if (!keys[locale].has(key)) throw new Error(`locales/${locale}.ftl has no key "${key}"`);
    return t(key, vars);
  };
}

/** 17 May 2024 14:05 WIB: a fixed moment, so receipts snapshot the same every day. */
export const PAID_AT = Date.UTC(2024, 4, 17, 7, 5);

/** A transaction as the payments side stores it after the provider answered. */
export function txFor(
  bill: Bill,
  over: {
    state: TxState;
    price: number;
    sn?: string | null;
    token?: Tx["token"];
    codes?: Tx["codes"];
    awaiting?: Tx["awaiting"];
    resultDetails?: Tx["resultDetails"];
  },
): Tx {
  return {
    id: bill.refs.refId,
    userId: 42,
    chatId: 42,
    productId: bill.productCode,
    provider: bill.provider,
    customerNo: bill.customerNo,
    input: undefined,
    state: over.state,
    price: over.price,
    cost: bill.cost,
    bill,
    sn: over.sn ?? null,
    token: over.token ?? null,
    codes: over.codes ?? [],
    awaiting: over.awaiting ?? null,
    resultDetails: over.resultDetails ?? [],
    failureCode: null,
    failureMessage: null,
    createdAt: PAID_AT,
    updatedAt: PAID_AT,
    confirmedAt: PAID_AT,
    sentAt: PAID_AT,
    settledAt: PAID_AT,
    nextCheckAt: null,
    checks: 0,
    flaggedAt: null,
    resolvedBy: null,
    resolutionNote: null,
  };
}

/**
 * What no customer should ever read: a template variable or JS value leaking through, a raw
 * snake_case key as a label, or an amount not written "Rp 1.234.567".
 */
export function unreadable(text: string): string[] {
  const problems: string[] = [];
  if (/undefined|NaN|null|\[object/.test(text)) problems.push("undefined/NaN/null/[object] in the text");
  if (/\{\s*\$/.test(text)) problems.push("an unfilled { $variable }");
  if (/^\s*:/m.test(text)) problems.push("a line without its label");
  for (const m of text.matchAll(/^([a-z0-9]+(?:[_.][a-z0-9]+)+):/gm)) problems.push(`raw key as a label: ${m[1]}`);
  for (const m of text.matchAll(/Rp\s?\d+(?:[.,]\d+)*/g)) if (!/^Rp \d{1,3}(\.\d{3})*$/.test(m[0])) problems.push(`amount not as Rp 1.234.567: ${m[0]}`);
  if (/\n\n\n/.test(text) || text.startsWith("\n") || text.endsWith("\n")) problems.push("stray blank lines");
  return problems;
}
