import { randomInt } from "node:crypto";
import type { Composer } from "grammy";
import { formatRupiah } from "../../billing/format.js";
import { Accounts } from "../../db/accounts.js";
import { countAudit, writeAudit } from "../../db/audit.js";
import { linkAccounts, type LinkResult } from "../../payments/link.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { replyDone } from "../reply-done.js";
import { userLabel } from "../user-label.js";
import { adminOnly, adminWrite, type AdminResult } from "./admin/guard.js";
import { findUser, isRefusal } from "./admin/lookup.js";

type LinkDeps = Pick<BotDeps, "channel" | "db" | "isAdmin" | "link" | "log" | "logger" | "now" | "payments" | "users" | "wallet">;

const HOUR_MS = 3_600_000;
const CODE = /^\d{6}$/;

/** The other channel a code shown here is typed on. */
const otherChannel = (channel: string) => (channel === "telegram" ? "WhatsApp" : "Telegram");

/**
 * One account across channels. /tautkan shows a one-time code (LINK_CODE_MINUTES on the bot's
 * clock); /tautkan <code> typed on the other channel links the two (src/payments/link.ts);
 * LINK_MAX_TRIES wrong or expired codes an hour, then no more tries. Every step is audited.
 * Admins link two users by hand (/tautkan <user> <user>) and undo a link (/lepas <user>); admins'
 * own accounts are never linked (an admin right must not travel with a code).
 */
export function linkFeature(deps: LinkDeps): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const accounts = new Accounts(deps.db);
  const audit = (ctx: BotContext, outcome: string, targetUserId?: number) =>
    writeAudit(deps.db, { actorId: ctx.from!.id, action: "tautkan", allowed: true, targetUserId, detail: { outcome } }, deps.now());

  const showCode = async (ctx: BotContext) => {
    const userId = ctx.from!.id;
    const linked = deps.users.routes(userId).length > 1;
    if (linked || deps.isAdmin(userId)) {
      audit(ctx, linked ? "already-linked" : "admin");
      return ctx.reply(ctx.t(linked ? "link-already" : "link-admin-own"));
    }
    const now = deps.now();
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    while (accounts.codeTaken(code));
    accounts.issueCode(userId, code, now, now + deps.link.codeMinutes * 60_000);
    audit(ctx, "code-issued");
    await ctx.reply(ctx.t("link-code", { code, minutes: deps.link.codeMinutes, other: otherChannel(deps.channel) }));
  };

  const useCode = async (ctx: BotContext, code: string) => {
    const userId = ctx.from!.id;
    const now = deps.now();
    if (deps.users.routes(userId).length > 1) {
      audit(ctx, "already-linked");
      return ctx.reply(ctx.t("link-already"));
    }
    const tries = countAudit(deps.db, { actorId: userId, action: "tautkan", outcomes: ["wrong-code", "expired-code"], since: now - HOUR_MS });
    if (tries >= deps.link.maxTries) {
      audit(ctx, "too-many-tries");
      return ctx.reply(ctx.t("link-too-many"));
    }
    const found = accounts.openCode(code);
    if (!found || found.expiresAt <= now) {
      audit(ctx, found ? "expired-code" : "wrong-code", found?.userId);
      const left = deps.link.maxTries - tries - 1;
      return ctx.reply(found ? ctx.t("link-expired") : ctx.t("link-wrong", { left }));
    }
    if (found.userId === userId) return ctx.reply(ctx.t("link-own-code", { other: otherChannel(deps.channel) }));
    const other = deps.users.get(found.userId);
    if (deps.isAdmin(userId) || deps.isAdmin(found.userId) || deps.users.get(userId)?.blocked || other?.blocked) {
      audit(ctx, "refused", found.userId);
      return ctx.reply(ctx.t("link-refused"));
    }
    const result = linkAccounts(deps.db, deps.users, deps.wallet, {
      a: found.userId,
      b: userId,
      actorId: userId,
      key: `link-code:${found.id}`,
      now,
      // Typed here just now: notices come here until the user writes elsewhere.
      lastChannel: deps.channel,
      claim: () => accounts.claimCode(found.id, userId, now),
    });
    audit(ctx, result.ok ? "linked" : result.reason, found.userId);
    logLink(deps, result, userId);
    await replyDone(ctx, deps, linkReply(ctx, result));
  };

  c.command(["tautkan", "link"], async (ctx) => {
    const args = ctx.match.trim().split(/\s+/).filter(Boolean);
    if (args.length === 0) return showCode(ctx);
    if (args.length === 1 && CODE.test(args[0]!)) return useCode(ctx, args[0]!);
    if (args.length === 2) return adminLink(ctx);
    return ctx.reply(ctx.t("link-usage"));
  });

  // /tautkan <user> <user>: an admin links two users by hand (a customer who cannot type the code).
  const adminLink = adminWrite(deps, "tautkan", (ctx, args): AdminResult => {
    const [first = "", second = ""] = args.split(/\s+/);
    const a = findUser(deps, ctx, first);
    if (isRefusal(a)) return a;
    const b = findUser(deps, ctx, second);
    if (isRefusal(b)) return b;
    if (deps.isAdmin(a.id) || deps.isAdmin(b.id)) return { reply: ctx.t("link-refused"), outcome: "admin", targetUserId: a.id };
    const key = `admin-link:${ctx.chatId}:${ctx.msg?.message_id}`;
    const result = linkAccounts(deps.db, deps.users, deps.wallet, { a: a.id, b: b.id, actorId: ctx.from!.id, key, now: deps.now() });
    logLink(deps, result, ctx.from!.id);
    if (!result.ok) return { reply: ctx.t(`link-${result.reason}`), outcome: result.reason, targetUserId: a.id };
    const labels = { telegram: userLabel(a.channel === "telegram" ? a : b), whatsapp: userLabel(a.channel === "telegram" ? b : a) };
    return {
      reply: ctx.t("admin-link-done", { ...labels, moved: formatRupiah(result.moved), balance: formatRupiah(result.balance) }),
      outcome: "done",
      targetUserId: result.accountId,
      detail: { merged: result.mergedId, amount: result.moved, balance: result.balance },
    };
  });

  c.command(
    ["lepas", "unlink"],
    adminOnly(deps, "lepas", (ctx, args) => {
      if (!args) return { reply: ctx.t("admin-unlink-usage"), outcome: "usage" };
      const user = findUser(deps, ctx, args);
      if (isRefusal(user)) return user;
      const accountId = user.mergedInto ?? user.id;
      const mergedId = accounts.unlink(accountId);
      const account = deps.users.get(accountId)!;
      if (mergedId === undefined) return { reply: ctx.t("admin-unlink-none", { user: userLabel(account) }), outcome: "not-linked", targetUserId: accountId };
      const merged = deps.users.get(mergedId)!;
      return {
        reply: ctx.t("admin-unlink-done", { telegram: userLabel(account), whatsapp: userLabel(merged) }),
        outcome: "done",
        targetUserId: accountId,
        detail: { merged: mergedId },
      };
    }),
  );
  return c;
}

function linkReply(ctx: BotContext, result: LinkResult): string {
  if (!result.ok) return ctx.t(`link-${result.reason}`);
  return ctx.t("link-done", { balance: formatRupiah(result.balance) });
}

function logLink(deps: Pick<BotDeps, "logger">, result: LinkResult, actor: number): void {
  if (result.ok)
    deps.logger.info({ event: "account-link", actor, account: result.accountId, merged: result.mergedId, amount: result.moved }, "accounts linked");
}
