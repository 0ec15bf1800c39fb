import { createHash } from "node:crypto";
import { z } from "zod";
import type { Outcome } from "./provider.js";

/** Reading helpers the adapters share; what differs between providers stays in each adapter. */

export type Unknown = Extract<Outcome<never>, { kind: "unknown" }>;

/** An `unknown` outcome; `raw` only when there was an answer to keep. */
export const unknown = (reason: string, raw?: string): Unknown => (raw === undefined ? { kind: "unknown", reason } : { kind: "unknown", reason, raw });

/** The parsed JSON, or undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Why an answer failed its schema, in a few words: paths and messages only (zod does not echo values). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/**
 * A non-negative whole number (rupiah, seconds, a status) sent as a JSON number or a digit string
 * ("8000"). A sign, a fraction, a thousands dot or a value past 2^53 fails the parse.
 */
export const wholeNumber = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER));

/** A string as it is, a number (an id, a code) as its text. */
export const text = z.union([z.string(), z.number()]).transform(String);

/** Digiflazz and IAK both sign a call with md5(username + apiKey + x); x depends on the call. */
export const md5Signer =
  (username: string, apiKey: string) =>
  (x: string): string =>
    createHash("md5")
      .update(username + apiKey + x)
      .digest("hex");
