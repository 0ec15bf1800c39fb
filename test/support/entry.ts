import { fileURLToPath } from "node:url";

/**
 * Programs the tests start as child processes (or threads), and how to start them: `node <bundle>`,
 * each built once per test run by test/support/build-entries.ts (vitest's globalSetup) from the
 * same source `npm start` runs through tsx. A tsx start resolves and compiles ~150 modules through
 * loader hooks on every launch (~1.5 s here); the bundle starts in half that, and the suite starts
 * dozens. test/unit/config.test.ts still starts `--import tsx src/main.ts`, so the launcher itself
 * stays tested.
 */
export const ENTRIES = {
  main: "src/main.ts",
  backup: "src/cli/backup.ts",
  crashChild: "test/money/crash-child.ts",
  confirmThread: "test/money/confirm-thread.ts",
} as const;

export type Entry = keyof typeof ENTRIES;

/** Git-ignored; inside the repository so the bundles find node_modules (packages stay external). */
export const BUILD_DIR = fileURLToPath(new URL("../../.test-build/", import.meta.url));

export const bundlePath = (entry: Entry): string => `${BUILD_DIR}${entry}.mjs`;

/** The arguments for `spawn(process.execPath, ...)` that run `entry`. */
export const nodeArgs = (entry: Entry): string[] => [bundlePath(entry)];
