import type { Config } from "../config.js";
import { startCheckpointer } from "../db/checkpointer.js";
import { openDatabase } from "../db/database.js";
import { configLogger, messageLog } from "../log/logger.js";
import { Metrics } from "../server/metrics.js";
import type { AppOptions } from "./options.js";

/** Logs, the database with its checkpoint thread, metrics and the clock. */
export function openBase(config: Config, opts: AppOptions) {
  const logger = opts.logger ?? configLogger(config, opts.log ?? ((m: string) => console.error(m)));
  const log = opts.log ?? messageLog(logger);
  const db = openDatabase(config.databasePath);
  const checkpointer = opts.checkpointThread === false ? undefined : startCheckpointer(db, log);
  return { logger, log, db, checkpointer, metrics: new Metrics(db, opts.now), now: opts.now ?? Date.now };
}
export type Base = ReturnType<typeof openBase>;
