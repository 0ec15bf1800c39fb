import { join } from "node:path";
import { expect } from "vitest";
import type { ChatUser } from "../../src/channels/emulator.js";
import type { Provider } from "../../src/providers/provider.js";
import { ADMIN, SARI, startHarness, tempDir, type Harness } from "../support/harness.js";

/** A second admin, to see who gets told what. */
export const WATI: ChatUser = { id: 501, firstName: "Wati", username: "wati" };

/** 10 March 2026, 10:00 WIB: every test's day starts here, on a clock the test moves. */
export const T0 = Date.parse("2026-03-10T10:00:00+07:00");
export const DAY = "2026-03-10";

export interface AdminBot {
  h: Harness;
  clock: { now: number };
  /** Checks the ledger invariant, then stops the bot and removes its files. */
  close(): Promise<void>;
}

/** The real bot with two admins (ADMIN, WATI) and Sari, who have all said /start. */
export async function startAdminBot(opts: { env?: Record<string, string>; provider?: Provider } = {}): Promise<AdminBot> {
  const dir = tempDir();
  const clock = { now: T0 };
  const h = await startHarness({
    dbPath: join(dir.dir, "bot.sqlite"),
    now: () => clock.now,
    provider: opts.provider,
    env: { ADMIN_IDS: `${ADMIN.id},${WATI.id}`, ...opts.env },
  });
  for (const user of [SARI, ADMIN, WATI]) await h.send("/start", user);
  return {
    h,
    clock,
    async close() {
      expect(h.app.deps.wallet.mismatches()).toEqual([]);
      await h.close();
      dir.cleanup();
    },
  };
}

/** Pays a PLN bill as `user` and returns its reference; the worker has run by the time it returns. */
export async function payPln(h: Harness, number: string, user: ChatUser = SARI): Promise<string> {
  await h.send("/bayar", user);
  await h.tap("Listrik PLN", user);
  await h.tap("PLN Pascabayar", user);
  await h.send(number, user);
  const txId = /pay:(\S+)/.exec(h.lastKeyboard(user.id)?.buttons.map((b) => b.data).join(" ") ?? "")?.[1];
  if (!txId) throw new Error(`no bill summary; bot said: ${h.lastText(user.id)}`);
  await h.tap("Bayar", user);
  return txId;
}

export interface AuditRow {
  actorId: number;
  action: string;
  allowed: boolean;
  targetUserId: number | null;
  txId: string | null;
  detail: Record<string, unknown>;
  createdAt: number;
}

export function auditRows(h: Harness): AuditRow[] {
  const rows = h.app.deps.db
    .prepare("SELECT actor_id, action, allowed, target_user_id, tx_id, detail, created_at FROM audit_log ORDER BY id")
    .all() as { actor_id: number; action: string; allowed: number; target_user_id: number | null; tx_id: string | null; detail: string; created_at: number }[];
  return rows.map((r) => ({
    actorId: r.actor_id,
    action: r.action,
    allowed: r.allowed === 1,
    targetUserId: r.target_user_id,
    txId: r.tx_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    createdAt: r.created_at,
  }));
}
