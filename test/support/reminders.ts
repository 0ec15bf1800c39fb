import type { Clock } from "./clock.js";
import type { Harness } from "./harness.js";

/** A WIB wall-clock time ("2026-12-05T07:00:00") as epoch ms. */
export const WIB = (text: string) => Date.parse(`${text}+07:00`);
export const HOUR = 3_600_000;

export interface Sent {
  /** The clock's time when the calendar's round that sent it ended. */
  at: number;
  chatId: number;
  text: string;
}

/**
 * Runs the bill calendar on the test's clock: `runTo` moves the clock to `end` a step at a time
 * and lets the calendar (and the worker) run at each step, as its timer would; `sent` collects
 * the messages those rounds sent, with the clock's time.
 */
export function calendarRunner(h: Harness, clock: Clock) {
  const sent: Sent[] = [];
  const runTo = async (end: number, step = 60_000) => {
    // What the chat itself answered in between is not the calendar's.
    let seen = h.outputs.length;
    while (clock.now() < end) {
      clock.advance(Math.min(step, end - clock.now()));
      await h.app.calendar.tick();
      await h.app.worker.idle();
      for (const o of h.outputs.slice(seen)) if (o.kind === "message") sent.push({ at: clock.now(), chatId: o.chatId, text: o.text });
      seen = h.outputs.length;
    }
  };
  return { sent, runTo };
}

/** The user saves the bill just paid under `label` and turns its reminder on with one tap. */
export async function saveAndRemind(h: Harness, label: string): Promise<void> {
  await h.tap("Simpan nomor ini");
  await h.send(label);
  await h.send("/pengingat");
  await h.tap(`Nyalakan: ${label}`);
}
