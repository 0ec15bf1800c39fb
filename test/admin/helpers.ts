import type { ChatUser } from "../../src/channels/emulator.js";
import { botPerTest, type BotOptions } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";

/** A second admin, to see who gets told what. */
export const WATI: ChatUser = { id: 501, firstName: "Wati", username: "wati" };

/** 10 March 2026, 10:00 WIB: every test's day starts here, on a clock the test moves. */
export const T0 = Date.parse("2026-03-10T10:00:00+07:00");
export const DAY = "2026-03-10";

/** A fresh bot per test (see botPerTest) whose start() brings two admins (ADMIN, WATI) and Sari, who all say /start. */
export function adminBotPerTest() {
  const clock = new Clock(T0);
  const bot = botPerTest({ clock });
  return {
    clock,
    get h(): Harness {
      return bot.h;
    },
    async start(opts: BotOptions = {}): Promise<Harness> {
      const h = await bot.start({ provider: opts.provider, providers: opts.providers, env: { ADMIN_IDS: `${ADMIN.id},${WATI.id}`, ...opts.env } });
      for (const user of [SARI, ADMIN, WATI]) await h.send("/start", user);
      return h;
    },
    finish: () => bot.finish(),
  };
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
  const rows = h.app.deps.db.prepare("SELECT actor_id, action, allowed, target_user_id, tx_id, detail, created_at FROM audit_log ORDER BY id").all() as {
    actor_id: number;
    action: string;
    allowed: number;
    target_user_id: number | null;
    tx_id: string | null;
    detail: string;
    created_at: number;
  }[];
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
