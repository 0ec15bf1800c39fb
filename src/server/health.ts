import type { Db } from "../db/database.js";
import type { HttpResponse } from "./http-server.js";

/** A part of the bot that can be unwell: undefined when fine, else what is wrong. */
export type HealthCheck = () => string | undefined;

/**
 * What GET /health reports: 200 when every registered part is fine (the database writable, the
 * worker running, each channel connected), else 503 naming each problem, as JSON.
 */
export class Health {
  private readonly checks = new Map<string, HealthCheck>();

  set(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  report(): { ok: boolean; problems: Record<string, string> } {
    const problems: Record<string, string> = {};
    for (const [name, check] of this.checks) {
      let problem: string | undefined;
      try {
        problem = check();
      } catch (err) {
        problem = (err as Error).message;
      }
      if (problem !== undefined) problems[name] = problem;
    }
    return { ok: Object.keys(problems).length === 0, problems };
  }

  response(): HttpResponse {
    const { ok, problems } = this.report();
    return { status: ok ? 200 : 503, contentType: "application/json", body: JSON.stringify(ok ? { status: "ok" } : { status: "unhealthy", problems }) };
  }
}

/** The database takes a write: the write lock is taken and given back, nothing is written. */
export const databaseWritable =
  (db: Db): HealthCheck =>
  () => {
    if (!db.open) return "closed";
    db.exec("BEGIN IMMEDIATE");
    db.exec("ROLLBACK");
    return undefined;
  };
