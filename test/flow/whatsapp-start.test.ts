import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { selectChannels } from "../../src/channels/select.js";
import { findChromium } from "../../src/channels/whatsapp/chromium.js";
import { loadConfig, type Config } from "../../src/config.js";
import { nodeArgs } from "../support/entry.js";
import { tempDir } from "../support/harness.js";

/** `npm start` with WHATSAPP_ENABLED: the real entry point, the way an operator runs it. */

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

const config = (env: Record<string, string>): Config => {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.config;
};

it("without a Chromium says how to get one in one line, and Telegram runs on alone", () => {
  const said: string[] = [];
  const env = { WHATSAPP_ENABLED: "true", WHATSAPP_CHROMIUM_PATH: "/nowhere/chromium" };
  const both = selectChannels(config({ ...env, BOT_TOKEN: "123456:TEST-telegram-token-abcdefghij" }), (m) => said.push(m));
  expect(both.ok && both.channels.map((c) => c.name)).toEqual(["telegram"]);
  expect(said).toEqual([expect.stringMatching(/WHATSAPP_CHROMIUM_PATH=\/nowhere\/chromium does not exist.*apt-get install chromium/)]);

  const dir = tempDir();
  cleanup.push(() => dir.cleanup());
  const run = spawnSync(process.execPath, nodeArgs("main"), {
    env: { PATH: process.env.PATH, DATABASE_PATH: join(dir.dir, "bot.sqlite"), ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("No channel to run");
  // A warning, not news (issue 22 item 12).
  const warned = run.stderr.split("\n").filter((l) => l.includes("apt-get install chromium"));
  expect(warned.map((l) => (JSON.parse(l) as { level: number }).level)).toEqual([40]);
});

it("runs WhatsApp and Telegram side by side, the terminal only when neither is set", () => {
  const chromium = process.execPath;
  const names = (env: Record<string, string>) => {
    const s = selectChannels(config(env), () => {});
    return s.ok ? s.channels.map((c) => c.name) : s.message;
  };
  expect(names({})).toEqual(["terminal"]);
  expect(names({ WHATSAPP_ENABLED: "true", WHATSAPP_CHROMIUM_PATH: chromium })).toEqual(["whatsapp"]);
  expect(names({ WHATSAPP_ENABLED: "true", WHATSAPP_CHROMIUM_PATH: chromium, BOT_TOKEN: "123456:TEST-telegram-token-abcdefghij" })).toEqual([
    "telegram",
    "whatsapp",
  ]);
});

/** Chromium processes whose command line names `dir` (the session folder). */
const browsersUsing = (dir: string) =>
  readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, "utf8").includes(dir);
      } catch {
        return false;
      }
    });

const chromium = findChromium(undefined);

it.skipIf(!chromium)(
  "starts the real client from npm start, retries with a back-off when WhatsApp Web cannot be reached, and SIGTERM closes the browser",
  async () => {
    const dir = tempDir();
    cleanup.push(() => dir.cleanup());
    const session = join(dir.dir, "whatsapp");
    const child = spawn(process.execPath, nodeArgs("main"), {
      env: { PATH: process.env.PATH, DATABASE_PATH: join(dir.dir, "bot.sqlite"), WHATSAPP_ENABLED: "true", WHATSAPP_SESSION_DIR: session },
      stdio: ["ignore", "pipe", "pipe"],
    });
    cleanup.push(() => void child.kill("SIGKILL"));
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const deadline = Date.now() + 40_000;
    while (!/WhatsApp could not start: .*net::ERR_/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(stderr).toMatch(/WhatsApp could not start: .*net::ERR_.*a new client in 5 s/);
    // A warning, not news (issue 22 item 12).
    expect(stderr).toMatch(/\{"level":40,[^\n]*WhatsApp could not start/);
    expect(existsSync(join(session, "session-tagihan-bot"))).toBe(true);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(browsersUsing(session)).toEqual([]);
  },
  60_000,
);

it.skipIf(Boolean(chromium))("npm start with WhatsApp not tested: no Chromium installed (apt-get install chromium)", () => {});
