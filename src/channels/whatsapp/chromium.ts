import { existsSync, lstatSync, readlinkSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

/** Where Debian, Ubuntu and Google put their browsers, in the order they are tried. */
export const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** WHATSAPP_CHROMIUM_PATH when set (and there), else the first usual system path that exists. */
export function findChromium(configured: string | undefined, candidates = CHROMIUM_PATHS): string | undefined {
  if (configured) return existsSync(configured) ? configured : undefined;
  return candidates.find((p) => existsSync(p));
}

/** The start-up line when no browser was found: what to install and what to set. */
export function chromiumMissing(configured: string | undefined): string {
  const where = configured ? `WHATSAPP_CHROMIUM_PATH=${configured} does not exist` : `no Chromium at ${CHROMIUM_PATHS.join(", ")}`;
  return `WhatsApp not started: ${where}. Install it (Debian/Ubuntu: apt-get install chromium) or set WHATSAPP_CHROMIUM_PATH to your Chrome or Chromium.`;
}

/** Chromium's profile locks: symlinks to "<hostname>-<pid>" (the socket and cookie ones come with the lock). */
const LOCKS = ["SingletonLock", "SingletonSocket", "SingletonCookie"];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is just not ours.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Removes a profile lock left by a Chromium that is gone: killed on this host, or running on
 * another (a container that got a new hostname). A lock held by a live browser here is kept.
 * Returns what it said about the lock, for the log; undefined when there was none.
 */
export function removeStaleLock(profileDir: string): string | undefined {
  const lock = join(profileDir, "SingletonLock");
  let target: string;
  try {
    if (!lstatSync(lock).isSymbolicLink()) return undefined;
    target = readlinkSync(lock);
  } catch {
    return undefined;
  }
  const m = /^(.*)-(\d+)$/.exec(target);
  if (m && m[1] === hostname() && alive(Number(m[2]))) return `Chromium profile ${profileDir} is in use by process ${m[2]}: lock kept`;
  for (const name of LOCKS) rmSync(join(profileDir, name), { force: true });
  return `removed a stale Chromium lock (${target}) from ${profileDir}`;
}
