import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { startCheckpointer } from "../../src/db/checkpointer.js";
import { openDatabase, type Db } from "../../src/db/database.js";
import { tempDir } from "../support/harness.js";

/** WAL checkpoints run in a thread of their own, never inside one of the bot's commits. */

let dir: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.dir, "bot.sqlite"));
  db.exec("CREATE TABLE filler (v BLOB)");
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

/** About 1,500 pages through the WAL: more than SQLite's own checkpoint lets pile up (1,000). */
const write = () => {
  const insert = db.prepare("INSERT INTO filler VALUES (randomblob(4000))");
  for (let i = 0; i < 1500; i++) insert.run();
};

it("the bot's connection checkpoints nothing; the thread copies the whole WAL back, and on stop SQLite's own checkpoint is back", async () => {
  // A long interval: only the checkpoint asked for below runs.
  const checkpointer = startCheckpointer(db, () => {}, 3_600_000)!;
  expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
  write();
  const done = await checkpointer.now();
  expect(done.log).toBeGreaterThan(1000);
  expect(done.checkpointed).toBe(done.log);
  await checkpointer.stop();
  expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
});

it("checkpoints on its own schedule: the WAL starts over once the thread has copied it", async () => {
  const checkpointer = startCheckpointer(db, () => {}, 10)!;
  write();
  // Bytes 12-15 of the WAL header count its restarts; a writer restarts it only after a checkpoint
  // copied every frame, and nothing here but the thread's schedule checkpoints.
  const restarts = () => readFileSync(`${db.name}-wal`).readUInt32BE(12);
  const before = restarts();
  await vi.waitFor(() => {
    db.prepare("INSERT INTO filler VALUES (randomblob(10))").run();
    expect(restarts()).toBeGreaterThan(before);
  });
  await checkpointer.stop();
});

it("a checkpoint thread that dies switches SQLite's own checkpoint back on and says so", async () => {
  const logs: string[] = [];
  startCheckpointer(db, (m) => logs.push(m), 10, "throw new Error('no driver here')");
  await vi.waitFor(() => expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000));
  expect(logs).toEqual(["WAL checkpoints: the checkpoint thread stopped (no driver here); SQLite checkpoints on commit again."]);
});

it("an in-memory database has nothing to checkpoint", () => {
  const memory = openDatabase(":memory:");
  expect(startCheckpointer(memory, () => {})).toBeUndefined();
  memory.close();
});
