import type { Statement } from "better-sqlite3";
import type { Db } from "./database.js";

/**
 * Statements prepared once per repository and SQL text: preparing costs more than running the
 * short queries of an update. Only for statements used with plain run/get/all (no pluck, raw or
 * iterate, which change or hold a shared statement).
 */
export function statements(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
