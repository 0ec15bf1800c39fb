import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./database.js";

/** How often the WAL is copied back into the database file. */
export const CHECKPOINT_EVERY_MS = 1_000;

/** What one checkpoint did: frames in the WAL, and how many of them are now in the database file. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /** Runs a checkpoint now (in the checkpointer's thread) and tells what it did. */
  now(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

/**
 * The thread's code, plain CommonJS so it runs the same under tsx, vitest and a build. A PASSIVE
 * checkpoint copies what it can without waiting for readers or writers, so the bot's own commits
 * never wait for it either.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 5000 });
const checkpoint = () => {
  const [row] = db.pragma("wal_checkpoint(PASSIVE)");
  return { log: row.log, checkpointed: row.checkpointed };
};
const timer = setInterval(() => {
  try { checkpoint(); } catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }); }
}, workerData.everyMs);
parentPort.on("message", (m) => {
  if (m === "stop") { clearInterval(timer); db.close(); parentPort.close(); return; }
  try { parentPort.postMessage({ id: m.id, result: checkpoint() }); }
  catch (err) { parentPort.postMessage({ id: m.id, error: String(err && err.message || err) }); }
});
`;

/**
 * Checkpoints the WAL from a thread of its own. SQLite's automatic checkpoint runs inside the
 * commit that crosses 1,000 pages, on the bot's only thread: every few hundred updates one of them
 * waited for a few milliseconds of copying and fsync (the bench's p99 answer time). Here the bot's
 * connection checkpoints nothing, and this thread does it every `everyMs`. If the thread fails, the
 * automatic checkpoint is switched back on, so the WAL never grows without bound.
 */
export function startCheckpointer(db: Db, log: (message: string) => void, everyMs = CHECKPOINT_EVERY_MS, source = WORKER_SOURCE): Checkpointer | undefined {
  if (db.memory) return undefined;
  const worker = new Worker(source, {
    eval: true,
    workerData: { path: db.name, driver: createRequire(import.meta.url).resolve("better-sqlite3"), everyMs },
  });
  worker.unref();
  db.pragma("wal_autocheckpoint = 0");
  let nextId = 0;
  const waiting = new Map<number, { resolve(r: CheckpointResult): void; reject(e: Error): void }>();
  let stopped = false;
  const fallBack = (why: string) => {
    if (stopped) return;
    stopped = true;
    log(`WAL checkpoints: the checkpoint thread stopped (${why}); SQLite checkpoints on commit again.`);
    if (db.open) db.pragma("wal_autocheckpoint = 1000");
    for (const w of waiting.values()) w.reject(new Error(`checkpoint thread stopped: ${why}`));
    waiting.clear();
  };
  worker.on("message", (m: { id?: number; result?: CheckpointResult; error?: string }) => {
    if (m.id === undefined) return log(`WAL checkpoint failed: ${m.error}`);
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.result!);
  });
  worker.on("error", (err) => fallBack(err.message));
  worker.on("exit", (code) => fallBack(`exit ${code}`));
  return {
    now() {
      if (stopped) return Promise.reject(new Error("checkpoint thread stopped"));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id });
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const exited = new Promise((r) => worker.once("exit", r));
      // Unreferenced, the thread would not keep the process alive to finish: a shutdown awaiting
      // this would find an empty event loop.
      worker.ref();
      worker.postMessage("stop");
      await exited;
      // The bot's connection checkpoints what is left when it closes.
      if (db.open) db.pragma("wal_autocheckpoint = 1000");
    },
  };
}
