import { z } from "zod";
import { normalizePhone } from "../phone.js";

/** The zod pieces the environment schema is made of: each parses one kind of variable from its text. */

export const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

export const url = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .pipe(z.url({ message: "expected a URL such as https://example.com" }))
    .transform((v) => v.replace(/\/+$/, ""));

export const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""], { message: "expected true or false" })
    .default(fallback ? "true" : "false")
    // Left empty (as in a copied .env.example) it keeps its default.
    .transform((v) => (v === "" ? fallback : v === "true" || v === "1" || v === "yes"));

export const idList = z
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

export const phoneList = z
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

export const phone = optionalText.transform((v, ctx) => {
  if (v === undefined) return undefined;
  const normal = normalizePhone(v);
  if (!normal) ctx.addIssue({ code: "custom", message: `expected an Indonesian phone number (08…, 62… or +62…)` });
  return normal;
});

export const count = (fallback: number, what: string) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .pipe(z.string().regex(/^\d{1,6}$/, { message: `expected a whole number of ${what}` }))
    .transform(Number);

export const port = z
  .string()
  .trim()
  .default("0")
  .pipe(z.string().regex(/^\d{1,5}$/, { message: "expected a port number (0 turns the HTTP server off)" }))
  .transform(Number)
  .pipe(z.number().int().max(65535, { message: "expected a port number up to 65535" }));

export const minutes = (fallback: number) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .pipe(z.string().regex(/^\d{1,6}$/, { message: "expected a whole number of minutes, at least 1" }))
    .transform(Number)
    .pipe(z.number().int().min(1, { message: "expected a whole number of minutes, at least 1" }));

export const wholeNumber = (fallback: number, what: string) =>
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
export const fee = (fallback: string) =>
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

export const methodList = z
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
export const quietHours = z
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
