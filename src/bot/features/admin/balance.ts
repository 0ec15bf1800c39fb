import { Composer } from "grammy";
import { parseAmount, splitAmount } from "../../../billing/amount.js";
import { formatEcho, formatRupiah } from "../../../billing/format.js";
import type { User } from "../../../db/users.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { adminOnly, adminWrite, type AdminResult } from "./guard.js";
import { findUser, isRefusal, labelById, splitUserRef, userLabel } from "./lookup.js";

/**
 * The command message as a ledger request key: Telegram redelivers an update after a crash, and
 * a message id never repeats in its chat, so a second run of the same /topup moves nothing. The
 * emulated channels (terminal, WhatsApp) may hand out a message id again after a restart, where
 * the same key would name a new command: none there.
 */
const requestKey = (deps: BotDeps, ctx: BotContext) => (deps.channel === "telegram" ? `${ctx.chat!.id}:${ctx.msg!.message_id}` : undefined);

/** An admin's balance change, with the admin, the note and the command's request key on its ledger row. */
const postByAdmin = (deps: BotDeps, ctx: BotContext, userId: number, amount: number, kind: "topup" | "deduct", note: string) =>
  deps.wallet.post({ userId, amount, kind, actorId: ctx.from!.id, note: note || undefined, now: deps.now(), requestKey: requestKey(deps, ctx) });

/** The reply to a command that was carried out already: nothing moved this time. */
const duplicate = (ctx: BotContext, user: User, balance: number, detail: AdminResult["detail"]): AdminResult => ({
  reply: ctx.t("admin-command-duplicate", { user: userLabel(user), balance: formatRupiah(balance) }),
  outcome: "duplicate",
  targetUserId: user.id,
  detail,
});

/** A note goes into the user's notice, which must stay one deliverable message. */
export const NOTE_MAX = 200;

/** Reads "<user> <amount> [note]", or the refusal: usage, unknown user, an amount that is not one, or a note too long. */
function readUserAmount(deps: BotDeps, ctx: BotContext, args: string, usageKey: string): { user: User; amount: number; note: string } | AdminResult {
  const { who, rest } = splitUserRef(deps.users, args.split(/\s+/).filter(Boolean));
  if (!who || rest.length === 0) return { reply: ctx.t(usageKey), outcome: "usage" };
  const { amountText, note } = splitAmount(rest.join(" "));
  const amount = parseAmount(amountText);
  if (amount === undefined) return { reply: ctx.t("admin-amount-invalid", { input: formatEcho(amountText) }), outcome: "bad-amount" };
  if (note.length > NOTE_MAX) return { reply: ctx.t("admin-note-too-long", { max: NOTE_MAX, length: note.length }), outcome: "note-too-long" };
  const user = findUser(deps, ctx, who);
  return isRefusal(user) ? user : { user, amount, note };
}

/**
 * Tells the user their top-up landed, and the other admins that it did (the admin who did it has
 * their reply already).
 */
export async function announceTopup(deps: BotDeps, a: { user: User; adminId: number; amount: number; balance: number }): Promise<void> {
  const amount = formatRupiah(a.amount);
  const balance = formatRupiah(a.balance);
  if (a.user.id !== a.adminId) await deps.notifyUser(a.user.id, (t) => t("topup-received", { amount, balance }));
  const admin = labelById(deps.users, a.adminId);
  await deps.notifyAdmins((t) => t("admin-topup-note", { admin, user: userLabel(a.user), amount, balance }), a.adminId);
}

/** /topup and /potong move a user's balance (each a ledger row with the admin and the note); /saldo <user> reads it. */
export function adminBalanceFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command(
    "topup",
    adminWrite(deps, "topup", (ctx, args) => {
      const read = readUserAmount(deps, ctx, args, "topup-usage");
      if (isRefusal(read)) return read;
      const { user, amount, note } = read;
      const adminId = ctx.from!.id;
      const posted = postByAdmin(deps, ctx, user.id, amount, "topup", note);
      if (!posted.ok && posted.reason === "duplicate") return duplicate(ctx, user, posted.balance, { amount, note });
      if (!posted.ok) return { reply: ctx.t("admin-user-not-found", { user: userLabel(user) }), outcome: "unknown-user" };
      return {
        reply: ctx.t("topup-done", { user: userLabel(user), amount: formatRupiah(amount), balance: formatRupiah(posted.balance) }),
        outcome: "done",
        targetUserId: user.id,
        detail: { amount, balance: posted.balance, note },
        after: () => announceTopup(deps, { user, adminId, amount, balance: posted.balance }),
      };
    }),
  );

  c.command(
    "potong",
    adminWrite(deps, "potong", (ctx, args) => {
      const read = readUserAmount(deps, ctx, args, "admin-deduct-usage");
      if (isRefusal(read)) return read;
      const { user, amount, note } = read;
      const posted = postByAdmin(deps, ctx, user.id, -amount, "deduct", note);
      if (!posted.ok) {
        if (posted.reason === "no-user") return { reply: ctx.t("admin-user-not-found", { user: userLabel(user) }), outcome: "unknown-user" };
        if (posted.reason === "duplicate") return duplicate(ctx, user, posted.balance, { amount, note });
        return {
          reply: ctx.t("admin-deduct-insufficient", { user: userLabel(user), amount: formatRupiah(amount), balance: formatRupiah(posted.balance) }),
          outcome: "insufficient",
          targetUserId: user.id,
          detail: { amount, balance: posted.balance, note },
        };
      }
      const vars = { amount: formatRupiah(amount), balance: formatRupiah(posted.balance) };
      return {
        reply: ctx.t("admin-deduct-done", { user: userLabel(user), ...vars }),
        outcome: "done",
        targetUserId: user.id,
        detail: { amount, balance: posted.balance, note },
        after: async () => {
          if (user.id === ctx.from!.id) return;
          await deps.notifyUser(user.id, (t) => [t("admin-deduct-received", vars), ...(note ? [t("admin-note-line", { note })] : [])].join("\n"));
        },
      };
    }),
  );

  // Without an argument /saldo is the user's own balance (menu.ts); with one, an admin's look-up.
  const lookup = adminOnly(deps, "saldo", (ctx, args) => {
    const user = findUser(deps, ctx, args);
    if (isRefusal(user)) return user;
    return {
      reply: ctx.t("admin-balance-of", { user: userLabel(user), name: user.firstName, balance: formatRupiah(user.balance) }),
      outcome: "done",
      targetUserId: user.id,
      detail: { balance: user.balance },
    };
  });
  c.command(["saldo", "balance"], (ctx, next) => (ctx.match.trim() ? lookup(ctx) : next()));
  return c;
}
