import type { InlineKeyboard } from "grammy";
import { writeAudit, type AuditDetail } from "../../../db/audit.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";

/** What an admin command did: the reply, and the audit row's target and outcome. */
export interface AdminResult {
  reply: string;
  /** Buttons under the reply (paging). */
  keyboard?: InlineKeyboard;
  /** "done", or why nothing happened: "usage", "unknown-user", "bad-amount", "insufficient"... */
  outcome: string;
  targetUserId?: number;
  txId?: string;
  detail?: AuditDetail;
  /** Runs after the reply: telling the user, or the other admins. */
  after?: () => Promise<unknown>;
}

export type AdminHandler = (ctx: BotContext, args: string) => AdminResult | Promise<AdminResult>;

/** An admin command that writes to SQLite and answers without waiting for anything. */
export type AdminWriteHandler = (ctx: BotContext, args: string) => AdminResult;

/** What the admin typed or tapped, as the audit log keeps it. */
const inputOf = (ctx: BotContext) => ctx.callbackQuery?.data ?? ctx.msg?.text ?? "";

/** Refuses a non-admin with a message and logs the attempt (allowed = 0). True when refused. */
export async function refuseNonAdmin(ctx: BotContext, deps: BotDeps, action: string): Promise<boolean> {
  const actorId = ctx.from!.id;
  if (deps.isAdmin(actorId)) return false;
  writeAudit(deps.db, { actorId, action, allowed: false, detail: { input: inputOf(ctx) } }, deps.now());
  deps.log(`refused ${action} from non-admin ${actorId}`);
  await ctx.reply(ctx.t("admin-not-allowed"));
  return true;
}

const argsOf = (ctx: BotContext) => (typeof ctx.match === "string" ? ctx.match.trim() : "");

function auditResult(deps: BotDeps, ctx: BotContext, action: string, result: AdminResult): void {
  writeAudit(
    deps.db,
    {
      actorId: ctx.from!.id,
      action,
      allowed: true,
      targetUserId: result.targetUserId,
      txId: result.txId,
      detail: { input: inputOf(ctx), outcome: result.outcome, ...result.detail },
    },
    deps.now(),
  );
}

/**
 * An admin command. Every use by an admin, refusals included, is one audit row, written
 * before the reply so that a reply which cannot be delivered does not lose the record.
 */
export function adminOnly(deps: BotDeps, action: string, handler: AdminHandler) {
  return replying(deps, action, async (ctx, args) => {
    const result = await handler(ctx, args);
    auditResult(deps, ctx, action, result);
    return result;
  });
}

/**
 * An admin command that moves money: what the handler writes and its audit row are one SQLite
 * transaction, so neither is ever kept without the other.
 */
export function adminWrite(deps: BotDeps, action: string, handler: AdminWriteHandler) {
  return replying(deps, action, (ctx, args) =>
    deps.db
      .transaction(() => {
        const result = handler(ctx, args);
        auditResult(deps, ctx, action, result);
        return result;
      })
      .immediate(),
  );
}

/** Refuses a non-admin; otherwise runs the command (which writes its audit row), replies, then runs `after`. */
function replying(deps: BotDeps, action: string, run: AdminHandler) {
  return async (ctx: BotContext): Promise<void> => {
    if (await refuseNonAdmin(ctx, deps, action)) return;
    const result = await run(ctx, argsOf(ctx));
    await ctx.reply(result.reply, result.keyboard && { reply_markup: result.keyboard });
    await result.after?.();
  };
}
