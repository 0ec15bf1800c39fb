import type { Db } from "./database.js";

/** What /metrics reads from the database at scrape time, so it is right after a restart too. */

export function paymentsByState(db: Db): { state: string; n: number }[] {
  return db.prepare("SELECT state, COUNT(*) AS n FROM transactions GROUP BY state").all() as { state: string; n: number }[];
}

const IN_FLIGHT = "state IN ('confirmed','sending','pending')";

/** Payments confirmed but not settled yet, and when the oldest of them was confirmed (null: none). */
export function paymentsInFlight(db: Db): { count: number; oldestAt: number | null } {
  return db.prepare(`SELECT COUNT(*) AS count, MIN(COALESCE(confirmed_at, created_at)) AS oldestAt FROM transactions WHERE ${IN_FLIGHT}`).get() as {
    count: number;
    oldestAt: number | null;
  };
}

export function whatsappOutboxLength(db: Db): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM whatsapp_outbox").get() as { n: number }).n;
}
