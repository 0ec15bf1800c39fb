import { z } from "zod";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

/** What became of a typed PIN, as the flow reads it back: never the PIN itself. */
export const PinOutcomeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("right") }),
  z.object({ kind: z.literal("wrong"), left: z.number().int() }),
  z.object({ kind: z.literal("paused"), until: z.number(), justNow: z.boolean() }),
  z.object({ kind: z.literal("unset") }),
  /** Digits that cannot be a PIN (not 4-6 of them): no try is counted. */
  z.object({ kind: z.literal("malformed") }),
]);
export type PinOutcome = z.infer<typeof PinOutcomeSchema>;

const WaitRow = z.object({ flow: z.string(), update_id: z.number().nullable(), outcome: z.string().nullable() });

/**
 * The pin_waits table: which chat's flow waits for the PIN, and the outcome of the PIN typed there,
 * checked before the flows see the message (see pinIntake), so the PIN never enters a flow's state.
 */
export class PinWaits {
  private readonly sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  open(chatId: number, flow: string, now: number): void {
    this.sql(
      `INSERT INTO pin_waits (chat_id, flow, asked_at, update_id, outcome) VALUES (?, ?, ?, NULL, NULL)
       ON CONFLICT(chat_id) DO UPDATE SET flow = excluded.flow, asked_at = excluded.asked_at, update_id = NULL, outcome = NULL`,
    ).run(chatId, flow, now);
  }

  /** The flow that waits for a PIN in this chat, if any. */
  waiting(chatId: number): string | undefined {
    const row = this.sql("SELECT flow, update_id, outcome FROM pin_waits WHERE chat_id = ?").get(chatId);
    return row === undefined ? undefined : WaitRow.parse(row).flow;
  }

  /** Records the outcome of the PIN the update `updateId` carried. */
  answered(chatId: number, updateId: number, outcome: PinOutcome): void {
    this.sql("UPDATE pin_waits SET update_id = ?, outcome = ? WHERE chat_id = ?").run(updateId, JSON.stringify(outcome), chatId);
  }

  /** The outcome recorded for `updateId`; undefined for any other update (text that only looks like a checked PIN). */
  outcome(chatId: number, updateId: number): PinOutcome | undefined {
    const row = this.sql("SELECT flow, update_id, outcome FROM pin_waits WHERE chat_id = ?").get(chatId);
    if (row === undefined) return undefined;
    const r = WaitRow.parse(row);
    return r.update_id === updateId && r.outcome !== null ? PinOutcomeSchema.parse(JSON.parse(r.outcome)) : undefined;
  }

  close(chatId: number): void {
    this.sql("DELETE FROM pin_waits WHERE chat_id = ?").run(chatId);
  }
}
