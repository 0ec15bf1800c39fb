import { readFile, rename } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import type { TestProject } from "vitest/node";
import { bundlePath, ENTRIES, type Entry } from "./entry.js";

/**
 * vitest's globalSetup: bundles the programs the tests start as child processes (see entry.ts),
 * with the same esbuild that tsx compiles them with. Packages stay external (node loads them from
 * node_modules as under tsx), and every `import.meta.url` keeps the URL of its own source file, so
 * paths the code finds beside itself (the locales) are the ones it finds under tsx.
 */
const ownUrl: Plugin = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, "utf8")).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href)),
      loader: "ts",
    }));
  },
};

/** In watch mode the bundles are built again before every rerun, so a child never runs stale code. */
export default async function setup(project: TestProject): Promise<void> {
  await buildEntries();
  project.onTestsRerun(buildEntries);
}

async function buildEntries(): Promise<void> {
  await Promise.all(
    (Object.entries(ENTRIES) as [Entry, string][]).map(async ([entry, source]) => {
      // Written aside and renamed, so a child started by another run never reads half a file.
      const out = bundlePath(entry);
      const partial = `${out}.${process.pid}.tmp`;
      await build({
        entryPoints: [source],
        outfile: partial,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        logLevel: "warning",
        plugins: [ownUrl],
      });
      await rename(partial, out);
    }),
  );
}
