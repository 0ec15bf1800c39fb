import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** A CSV file's columns: the header, and each row's value (amounts as plain integers, times as WIB text). */
export type CsvColumns<R> = [header: string, value: (row: R) => string | number | null][];

/**
 * Writes `rows` to a CSV file through csv-stringify, one row at a time as the file takes them
 * (the rows come straight from an SQLite iterator: a long range never sits in memory). Returns
 * how many rows were written.
 */
export async function writeCsv<R>(path: string, columns: CsvColumns<R>, rows: Iterable<R>): Promise<number> {
  // Loaded with the first file: most runs never write one, and start-up should not pay for it.
  const { stringify } = await import("csv-stringify");
  let count = 0;
  function* records() {
    for (const row of rows) {
      count++;
      yield columns.map(([, value]) => value(row));
    }
  }
  await pipeline(Readable.from(records()), stringify({ header: true, columns: columns.map(([header]) => header) }), createWriteStream(path));
  return count;
}

/** Runs `use` with a fresh scratch folder, removed afterwards: exports are sent, not kept. */
export async function inScratchDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "tagihan-csv-"));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
