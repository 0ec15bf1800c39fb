import { z } from "zod";
import { describeIssues, parseJson, unknown } from "../common.js";
import type { Outcome } from "../provider.js";
import { digiflazzCode, readFailure, type DigiflazzCode, type Step } from "./codes.js";

/**
 * Every Digiflazz answer that is not a list comes as `{data: {rc, status, ...}}`: the code table
 * (codes.ts) decides what it means; what an rc "00" answer carries is read by the caller.
 */

const Envelope = z.object({
  data: z
    .object({
      rc: z.string(),
      status: z.string().optional(),
      // The human text is only shown; an odd value must not turn a documented code into unknown.
      message: z.string().optional().catch(undefined),
      ref_id: z.string().optional(),
    })
    .loose(),
});

export type Data = Record<string, unknown>;
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

type Verdict = { kind: "success" | "pending" | "failed"; code: DigiflazzCode };

/** The table decides by rc; the status text, when present, must say the same thing or nobody can be trusted. */
function classify(rc: string, status: string | undefined): Verdict | { kind: "unknown"; reason: string } {
  const code = digiflazzCode(rc);
  if (!code) return { kind: "unknown", reason: `undocumented response code ${JSON.stringify(rc.slice(0, 12))}` };
  const kind = ({ Sukses: "success", Pending: "pending", Gagal: "failed" } as const)[code.status];
  if (status === undefined) {
    // Error answers (bad signature, IP...) may omit status; a success or pending must state it.
    return kind === "failed" ? { kind, code } : { kind: "unknown", reason: `rc ${rc} without a status` };
  }
  if (status.trim().toLowerCase() !== code.status.toLowerCase()) {
    return { kind: "unknown", reason: `status ${JSON.stringify(status.slice(0, 20))} contradicts rc ${rc}` };
  }
  return { kind, code };
}

/**
 * Reads a `{data: {rc, status, ...}}` answer to the call `step`; `onSuccess` reads the rest of an
 * rc "00" answer.
 */
export function readCoded<T>(raw: string, step: Step, expectedRef: string | undefined, onSuccess: (data: Data) => Read<T>): Outcome<T> {
  const json = parseJson(raw);
  if (json === undefined) return unknown("malformed JSON", raw);
  const env = Envelope.safeParse(json);
  if (!env.success) return unknown(`answer does not match the documented shape (${describeIssues(env.error)})`, raw);
  const d = env.data.data;
  if (expectedRef !== undefined && d.ref_id !== undefined && d.ref_id !== expectedRef) {
    return unknown("answer is for another ref_id", raw);
  }
  const v = classify(d.rc, d.status);
  switch (v.kind) {
    case "unknown":
      return unknown(v.reason, raw);
    case "pending":
      return { kind: "pending", raw, code: d.rc, ...(d.message ? { message: d.message } : {}) };
    case "failed": {
      const message = d.message?.trim() || v.code.text;
      return { ...readFailure(step, d.rc, v.code, message, d.status !== undefined && d.ref_id === expectedRef), raw };
    }
    case "success": {
      const r = onSuccess(d);
      return r.ok ? { kind: "success", value: r.value, raw } : unknown(r.reason, raw);
    }
  }
}
