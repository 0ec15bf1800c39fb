import { writeAudit, type AuditDetail } from "../../../db/audit.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";

/** What an admin command did: the reply, and the audit row's target and outcome. */
export interface AdminResult {
  reply: string;
  /** "done", or why nothing happened: "usage", "unknown-user", "bad-amount", "insufficient"... */
  outcome: string;
  targetUserId?: number;
  txId?: string;
  detail?: AuditDetail;
  /** Runs after the reply: telling the user, or the other admins. */
  after?: () => Promise<unknown>;
}

export type AdminHandler = (ctx: BotContext, args: string) => AdminResult | Promise<AdminResult>;

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

/**
 * An admin command. Every use by an admin, refusals included, is one audit row, written
 * before the reply so that a reply which cannot be delivered does not lose the record.
 */
export function adminOnly(deps: BotDeps, action: string, handler: AdminHandler) {
  return async (ctx: BotContext): Promise<void> => {
    if (await refuseNonAdmin(ctx, deps, action)) return;
    const result = await handler(ctx, typeof ctx.match === "string" ? ctx.match.trim() : "");
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
    await ctx.reply(result.reply);
    await result.after?.();
  };
}
