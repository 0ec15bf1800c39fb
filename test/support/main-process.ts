import { spawn } from "node:child_process";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { nodeArgs } from "./entry.js";

/** A port of 127.0.0.1 nobody listens on (just now): a refused connection, or a port to give HTTP_PORT. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface MainProcess {
  /** Everything written to stderr so far (the log, and start-up's messages). */
  stderr(): string;
  /** The log's JSON lines so far. */
  lines(): Record<string, unknown>[];
  exited: Promise<number | null>;
  signal(name: NodeJS.Signals): void;
  kill(): void;
}

/** `npm start` (the bundled src/main.ts) with only `env` and PATH set. */
export function startMain(env: Record<string, string>): MainProcess {
  const child = spawn(process.execPath, nodeArgs("main"), { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c) => (stderr += c));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return {
    stderr: () => stderr,
    lines: () =>
      stderr
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    exited,
    signal: (name) => void child.kill(name),
    kill: () => void child.kill("SIGKILL"),
  };
}
