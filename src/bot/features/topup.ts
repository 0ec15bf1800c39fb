import { Composer } from "grammy";
import { parseAmount } from "../../billing/amount.js";
import { formatRupiah } from "../../billing/format.js";
import type { User } from "../../db/users.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/** Names a user the way an admin would: numeric id or @username. */
export function resolveUser(deps: BotDeps, ref: string): User | undefined {
  if (/^\d+$/.test(ref)) return deps.users.get(Number(ref));
  if (/^@?\w{3,}$/.test(ref)) return deps.users.byUsername(ref);
  return undefined;
}

/** /topup <user> <amount>: admins credit a user's deposit; the user is told. */
export function topupFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("topup", async (ctx) => {
    if (!deps.isAdmin(ctx.from!.id)) {
      deps.log(`refused /topup from non-admin ${ctx.from!.id}`);
      return ctx.reply(ctx.t("topup-not-admin"));
    }
    const [who, ...amountParts] = ctx.match.trim().split(/\s+/);
    if (!who || amountParts.length === 0) return ctx.reply(ctx.t("topup-usage"));
    const amountText = amountParts.join(" ");
    const amount = parseAmount(amountText);
    if (amount === undefined) return ctx.reply(ctx.t("topup-amount-invalid", { input: amountText }));
    const user = resolveUser(deps, who);
    if (!user) return ctx.reply(ctx.t("topup-user-not-found", { user: who }));
    const posted = deps.wallet.post({ userId: user.id, amount, kind: "topup", actorId: ctx.from!.id });
    if (!posted.ok) return ctx.reply(ctx.t("topup-user-not-found", { user: who }));
    const label = user.username ? `@${user.username}` : String(user.id);
    await ctx.reply(ctx.t("topup-done", { user: label, amount: formatRupiah(amount), balance: formatRupiah(posted.balance) }));
    if (user.id !== ctx.from!.id) {
      await deps.notifyUser(user.id, (t) => t("topup-received", { amount: formatRupiah(amount), balance: formatRupiah(posted.balance) }));
    }
  });
  return c;
}
