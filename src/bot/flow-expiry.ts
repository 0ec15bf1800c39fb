import { expireStaleFlows } from "../db/conversation-store.js";
import type { Db } from "../db/database.js";

/** How often flows left waiting are looked for: an expiry a few minutes late changes nothing. */
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Ends flows left waiting longer than `maxAgeMs` (FLOW_EXPIRY_HOURS), at start and then every few
 * minutes, so the chats' stored state cannot pile up. Returns the function that stops it.
 */
export function scheduleFlowExpiry(db: Db, maxAgeMs: number, now: () => number, log: (message: string) => void): () => void {
  const sweep = () => {
    const t = now();
    const { flows, quotes } = expireStaleFlows(db, t - maxAgeMs, t);
    if (flows + quotes > 0) log(`expired ${flows} flows left waiting and cancelled ${quotes} quotes`);
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
