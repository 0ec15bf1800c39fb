import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Bundles the programs tests start as child processes (test/support/entry.ts).
    globalSetup: ["test/support/build-entries.ts"],
    // Flow tests start real HTTP servers and SQLite files; keep them off each other's toes.
    pool: "forks",
    // A worker runs file after file in one module graph, instead of a fresh process importing
    // grammY, zod and the bot again for each of the 80-odd files (import time ~40 s -> ~10 s).
    // Test files close what they open and keep no state in shared modules; a run with
    // --sequence.shuffle shows whether one starts to lean on another.
    isolate: false,
    // vitest's default is one worker fewer than the cores: on 2 cores a single one, idle whenever a
    // test waits on a child process or a stand-in. As many as there are cores.
    maxWorkers: availableParallelism(),
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
