import type { Context, InlineKeyboard } from "grammy";
import { writeAudit, type AuditDetail } from "../../../db/audit.js";
import { ADMIN_COMMANDS } from "../../commands.js";
import { replyDone } from "../../reply-done.js";
import type { Picture } from "../../struk-pictures.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";

/** What the admin guard needs: who is an admin, the audit log and its clock, the log. */
export type GuardDeps = Pick<BotDeps, "db" | "now" | "log" | "logger" | "isAdmin">;

/** What an admin command did: the reply, and the audit row's target and outcome. */
export interface AdminResult {
  reply: string;
  /** Buttons under the reply (paging, a confirmation). */
  keyboard?: InlineKeyboard;
  /** "done", or why nothing happened: "usage", "unknown-user", "bad-amount", "insufficient"... */
  outcome: string;
  targetUserId?: number;
  txId?: string;
  detail?: AuditDetail;
  /** Runs after the reply: telling the user, or the other admins. */
  after?: () => Promise<unknown>;
  /** A picture the reply goes with as its caption (/laporan's chart); none when it resolves to undefined. */
  picture?: Promise<Picture | undefined>;
}

export type AdminHandler = (ctx: BotContext, args: string) => AdminResult | Promise<AdminResult>;

/** An admin command that writes to SQLite and answers without waiting for anything. */
export type AdminWriteHandler = (ctx: BotContext, args: string) => AdminResult;

/** What the admin typed or tapped (or wrote under a picture: /broadcast), as the audit log keeps it. */
const inputOf = (ctx: Context) => ctx.callbackQuery?.data ?? ctx.msg?.text ?? ctx.msg?.caption ?? "";

/** Buttons only admins get, by their callback data, and the action the audit log names them by. */
const ADMIN_BUTTONS: [RegExp, string][] = [
  [/^dreq:/, "deposit-credit"],
  [/^rpt:/, "repeat"],
  [/^bc:/, "broadcast"],
];

/** The admin action an update asks for, if it asks for one: an admin command, or a press of an admin's button. */
export function adminActionOf(ctx: Context): string | undefined {
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) return ADMIN_BUTTONS.find(([pattern]) => pattern.test(data))?.[1];
  const m = /^\/(\w+)(?:@\w+)?(?:\s+(\S))?/.exec(ctx.msg?.text ?? "");
  if (!m) return undefined;
  const [, command = "", arg] = m;
  if (ADMIN_COMMANDS.includes(command)) return command;
  // "/saldo" alone is the user's own balance; "/saldo <user>" is the admins' look-up.
  return (command === "saldo" || command === "balance") && arg !== undefined ? "saldo" : undefined;
}

/**
 * Writes the audit row of an admin action refused before it ran (allowed = 0), with why: "not-admin",
 * "blocked", "group-chat", "not-owner". Does nothing for an update that is no admin action.
 */
export function auditRefused(deps: Pick<BotDeps, "db" | "now" | "log">, ctx: Context, outcome: string, action = adminActionOf(ctx)): void {
  if (action === undefined || !ctx.from) return;
  writeAudit(deps.db, { actorId: ctx.from.id, action, allowed: false, detail: { input: inputOf(ctx), outcome } }, deps.now());
  deps.log(`refused ${action} from ${ctx.from.id}: ${outcome}`);
}

/** Refuses a non-admin with a message and logs the attempt (allowed = 0). True when refused. */
export async function refuseNonAdmin(ctx: BotContext, deps: GuardDeps, action: string): Promise<boolean> {
  if (deps.isAdmin(ctx.from!.id)) return false;
  auditRefused(deps, ctx, "not-admin", action);
  await ctx.reply(ctx.t("admin-not-allowed"));
  return true;
}

const argsOf = (ctx: BotContext) => (typeof ctx.match === "string" ? ctx.match.trim() : "");

function auditResult(deps: GuardDeps, ctx: BotContext, action: string, result: AdminResult): void {
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
export function adminOnly(deps: GuardDeps, action: string, handler: AdminHandler) {
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
export function adminWrite(deps: GuardDeps, action: string, handler: AdminWriteHandler) {
  return replying(deps, action, (ctx, args) => {
    const result = deps.db
      .transaction(() => {
        const result = handler(ctx, args);
        auditResult(deps, ctx, action, result);
        return result;
      })
      .immediate();
    // The money event's log line, once committed; the admin's note stays in the audit log only.
    const { amount, balance } = result.detail ?? {};
    deps.logger.info(
      { event: "admin-money", action, admin: ctx.from!.id, user: result.targetUserId, tx: result.txId, outcome: result.outcome, amount, balance },
      "admin money command",
    );
    return result;
  });
}

/**
 * Refuses a non-admin; otherwise runs the command (which writes its audit row), then replies and
 * runs `after` (telling the user) side by side: neither waits for, nor depends on, the other.
 */
function replying(deps: GuardDeps, action: string, run: AdminHandler) {
  return async (ctx: BotContext): Promise<void> => {
    if (await refuseNonAdmin(ctx, deps, action)) return;
    const result = await run(ctx, argsOf(ctx));
    const reply = async () => replyDone(ctx, deps, result.reply, result.keyboard && { reply_markup: result.keyboard }, await result.picture);
    await Promise.all([reply(), result.after?.()]);
  };
}
