import { statSync } from "node:fs";
import { type Catalog, loadCatalog } from "./catalog.js";

/** What a reload did: how much the new catalog holds, or why the old one stays. */
export type ReloadResult = { ok: true; products: number; prepaidRules: number } | { ok: false; problem: string };

/** How often the file's modification time is looked at: a stat, so cheap, and robust to editors that replace the file. */
const WATCH_INTERVAL_MS = 2_000;

/**
 * data/products.json (CATALOG_PATH) read again while the bot runs: on an admin's /reload, and when
 * the file changes (watch). A file that does not load (not JSON, a field the schema refuses) leaves
 * the catalog as it was and says what is wrong in one line. Only the file: what is changed from
 * the chat and kept in SQLite is not its business.
 */
export class CatalogReloader {
  constructor(
    private readonly catalog: Catalog,
    readonly path: string,
  ) {}

  reload(): ReloadResult {
    const loaded = loadCatalog(this.path);
    // loadCatalog lists each problem on its own line: one line for a log and a chat message.
    if (!loaded.ok) return { ok: false, problem: loaded.message.replace(/:\n\s*- /, ": ").replace(/\n\s*- /g, "; ") };
    this.catalog.replace(loaded.catalog);
    const next = loaded.catalog;
    const levelRules = Object.values(next.prepaidLevels).reduce((n, rules) => n + rules.length, 0);
    return { ok: true, products: next.categories.reduce((n, c) => n + c.products.length, 0), prepaidRules: next.prepaidMarkup.length + levelRules };
  }

  /**
   * Reloads once the file has stopped changing (an editor may write it in steps) and gives each
   * result to `told`; the function returned stops watching. The watch keeps no process alive.
   */
  watch(told: (result: ReloadResult) => void, intervalMs = WATCH_INTERVAL_MS): () => void {
    // Compared with the file as it is now, taken at once: a change right after this call counts.
    let seen = this.stamp();
    let settling: NodeJS.Timeout | undefined;
    const poll = setInterval(() => {
      const now = this.stamp();
      if (now === seen) return;
      seen = now;
      clearTimeout(settling);
      settling = setTimeout(() => told(this.reload()), intervalMs).unref();
    }, intervalMs).unref();
    return () => {
      clearInterval(poll);
      clearTimeout(settling);
    };
  }

  /** The file's modification time and size ("" while it is missing). */
  private stamp(): string {
    const stats = statSync(this.path, { throwIfNoEntry: false });
    return stats ? `${stats.mtimeMs}:${stats.size}` : "";
  }
}
