import type { Composer } from "grammy";
import { LeanComposer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { moneyPosition, renderMoneyPosition } from "../../money.js";
import { adminOnly } from "./guard.js";

/** /ringkasan: the money overview (owed to customers, held in flight, the provider deposit, today's and this month's sales). */
export function adminMoneyFeature(deps: Pick<BotDeps, "db" | "isAdmin" | "log" | "logger" | "now" | "payments">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.command(
    "ringkasan",
    adminOnly(deps, "ringkasan", async (ctx) => {
      const p = await moneyPosition({ db: deps.db, providers: deps.payments.providers.all, now: deps.now });
      return {
        reply: renderMoneyPosition(p, ctx.t),
        outcome: "done",
        detail: { balances: p.held.balances, held: p.held.held, deposit: p.deposit.ok ? p.deposit.amount : null },
      };
    }),
  );
  return c;
}
