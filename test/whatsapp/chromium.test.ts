import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type WAWebJS from "whatsapp-web.js";
import { chromiumMissing, findChromium, removeStaleLock } from "../../src/channels/whatsapp/chromium.js";
import { browserArgs, loadWhatsAppClients, profileDir } from "../../src/channels/whatsapp/client.js";
import { tempDir } from "../support/harness.js";

/** Chromium for whatsapp-web.js: finding it, its profile lock, and one real launch. */

const lockTarget = (dir: string) => readlinkSync(join(dir, "SingletonLock"));

describe("the profile lock", () => {
  it("is removed when left by a Chromium on another host or a process that is gone, kept while its browser lives", () => {
    const tmp = tempDir();
    try {
      const profile = join(tmp.dir, "session-tagihan-bot");
      mkdirSync(profile);
      symlinkSync("old-container-1234", join(profile, "SingletonLock"));
      symlinkSync("/tmp/org.chromium.Chromium.x/SingletonSocket", join(profile, "SingletonSocket"));
      expect(removeStaleLock(profile)).toContain("removed a stale Chromium lock (old-container-1234)");
      expect(readdirSync(profile)).toEqual([]);

      // This host, a pid that is not running (pids stop well below 2^22 on Linux).
      symlinkSync(`${hostname()}-4194303`, join(profile, "SingletonLock"));
      expect(removeStaleLock(profile)).toContain("removed");
      // This host, a live process: another browser uses the profile.
      symlinkSync(`${hostname()}-${process.pid}`, join(profile, "SingletonLock"));
      expect(removeStaleLock(profile)).toContain("in use");
      expect(lockTarget(profile)).toBe(`${hostname()}-${process.pid}`);
      expect(removeStaleLock(join(tmp.dir, "nothing-here"))).toBeUndefined();
    } finally {
      tmp.cleanup();
    }
  });
});

describe("finding Chromium", () => {
  it("takes WHATSAPP_CHROMIUM_PATH, else the first usual path that exists, and says how to install one", () => {
    expect(findChromium(process.execPath)).toBe(process.execPath);
    expect(findChromium("/nowhere/chrome")).toBeUndefined();
    expect(findChromium(undefined, ["/nowhere/a", process.execPath])).toBe(process.execPath);
    expect(findChromium(undefined, ["/nowhere/a"])).toBeUndefined();
    expect(chromiumMissing(undefined)).toMatch(/apt-get install chromium.*WHATSAPP_CHROMIUM_PATH/);
    expect(browserArgs(true)).toContain("--no-sandbox");
    expect(browserArgs(false)).not.toContain("--no-sandbox");
  });
});

const chromium = findChromium(process.env.WHATSAPP_CHROMIUM_PATH);

/**
 * Memory in kB of a process and all its descendants, from /proc: RSS (shared pages counted in
 * every process) and PSS (shared pages split between their processes: the honest total).
 */
function treeMemoryKb(root: number): { processes: number; rss: number; pss: number } {
  const parent = new Map<number, number>();
  for (const name of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parent) if (ppid === tree[i]) tree.push(pid);
  const read = (file: string, field: string) => {
    try {
      return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(file, "utf8"))?.[1] ?? 0);
    } catch {
      return 0; // Gone meanwhile.
    }
  };
  let rss = 0;
  let pss = 0;
  for (const pid of tree) {
    rss += read(`/proc/${pid}/status`, "VmRSS");
    pss += read(`/proc/${pid}/smaps_rollup`, "Pss");
  }
  return { processes: tree.length, rss, pss };
}

describe("the real whatsapp-web.js client", () => {
  it.skipIf(!chromium)(
    "launches the system Chromium headless on the session folder, past a stale lock, up to where WhatsApp Web would load",
    async () => {
      const tmp = tempDir();
      const profile = profileDir(tmp.dir);
      mkdirSync(profile, { recursive: true });
      symlinkSync("crashed-container-4321", join(profile, "SingletonLock"));
      expect(removeStaleLock(profile)).toContain("removed");
      const client = (await loadWhatsAppClients({ chromiumPath: chromium!, sessionDir: tmp.dir }))() as unknown as WAWebJS.Client;
      try {
        // Offline, loading web.whatsapp.com fails: that is the end of what can be shown here.
        await expect(client.initialize()).rejects.toThrow(/net::ERR_/);
        const browser = client.pupBrowser!;
        expect(browser.connected).toBe(true);
        const pid = browser.process()!.pid!;
        // LocalAuth's profile under the session folder, locked by this live browser.
        expect(lockTarget(profile)).toBe(`${hostname()}-${pid}`);
        expect(removeStaleLock(profile)).toContain("in use");
        expect(existsSync(join(profile, "Default"))).toBe(true);
        const browserMemory = treeMemoryKb(pid);
        const mb = (kb: number) => Math.round(kb / 1024);
        console.info(
          `WhatsApp client memory after launch: this node process RSS ${mb(process.memoryUsage().rss / 1024)} MB; ` +
            `Chromium ${browserMemory.processes} processes RSS ${mb(browserMemory.rss)} MB, PSS ${mb(browserMemory.pss)} MB`,
        );
      } finally {
        await client.destroy();
        tmp.cleanup();
      }
      expect(client.pupBrowser!.connected).toBe(false);
    },
    60_000,
  );

  it.skipIf(Boolean(chromium))("launch of the real client not tested: no Chromium installed (apt-get install chromium)", () => {});
});
