import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseJson, unknown, type Unknown } from "../common.js";
import type { HttpResult } from "../http.js";

/**
 * IAK's postpaid answers come as JSON `{data: {...}, meta: []}` or as XML with root `<mp>` (seed
 * 004): either way the readers get the answer's field object, or the outcome when there is none.
 */

const xml = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  // Keep "00" as "00" and "0901" as "0901": zod and toRupiah decide what is a number.
  parseTagValue: false,
  // A one-element list in XML is not an array; these are lists whatever their length.
  isArray: (name) => name === "detail" || name === "pasca",
});

export type Payload = { ok: true; payload: Record<string, unknown>; raw: string } | { ok: false; outcome: Unknown };

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function asList(v: unknown): unknown[] {
  if (v === undefined || v === null || v === "") return [];
  return Array.isArray(v) ? v : [v];
}

/** HTTP result -> the answer's field object (`data` in JSON, the `<mp>` children in XML). */
export function payloadOf(res: HttpResult): Payload {
  if (res.kind === "unknown") return { ok: false, outcome: unknown(res.reason) };
  const raw = res.body;
  // IAK documents no rate limit of its own; a 429 (from a gateway in front of it) slows the worker
  // down, but nothing says a pay-pasca re-sent with the same tr_id is refused, so it is not re-sent.
  if (res.status === 429) return { ok: false, outcome: { ...unknown("HTTP 429 (too many requests)", raw), rateLimit: { unprocessed: false } } };
  if (res.status < 200 || res.status > 299) return { ok: false, outcome: unknown(`HTTP ${res.status}`, raw) };
  const body = raw.trim();
  let payload: unknown;
  if (body.startsWith("<")) {
    if (XMLValidator.validate(body) !== true) return { ok: false, outcome: unknown("malformed XML or an HTML page", raw) };
    const mp: unknown = xml.parse(body).mp;
    if (!isRecord(mp)) return { ok: false, outcome: unknown("XML without an <mp> root (an HTML page?)", raw) };
    // Transaction answers put their fields straight under <mp>; the price list wraps them in <data>.
    payload = isRecord(mp.data) ? mp.data : mp;
  } else {
    const json = parseJson(body);
    if (json === undefined) return { ok: false, outcome: unknown("malformed JSON", raw) };
    payload = isRecord(json) ? json.data : undefined;
  }
  if (!isRecord(payload)) return { ok: false, outcome: unknown("answer without a data object", raw) };
  return { ok: true, payload, raw };
}
