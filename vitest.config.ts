import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/build-entries.ts"],
    // Flow tests start real HTTP servers and SQLite files; keep them off each other's toes.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
