import { type Composer, InlineKeyboard } from "grammy";
import { formatNumber } from "../../billing/format.js";
import type { Audience } from "../../db/broadcasts.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { replyDone } from "../reply-done.js";
import { adminOnly, refuseNonAdmin } from "./admin/guard.js";

type BroadcastDeps = Pick<BotDeps, "broadcasts" | "db" | "downloadFile" | "isAdmin" | "log" | "logger" | "now" | "prepaid" | "users">;

const CAPTION_COMMAND = /^\/broadcast(?:@\w+)?(?:\s+([\s\S]*))?$/;

/** Telegram's limit for a picture's caption. */
const CAPTION_LIMIT = 1024;

/** "semua", "level <name>", "aktif <days>" (and the English words): the audience, or undefined. */
function audienceOf(words: string[]): Audience | undefined {
  const [kind = "", arg] = words.map((w) => w.toLowerCase());
  if (words.length === 1 && ["semua", "all"].includes(kind)) return { kind: "all" };
  if (words.length === 2 && kind === "level" && arg) return { kind: "level", level: arg };
  if (words.length === 2 && ["aktif", "active"].includes(kind) && /^[1-9]\d{0,3}$/.test(arg ?? "")) return { kind: "active", days: Number(arg) };
  return undefined;
}

const audienceText = (ctx: BotContext, a: Audience) =>
  a.kind === "all"
    ? ctx.t("broadcast-audience-all")
    : a.kind === "level"
      ? ctx.t("broadcast-audience-level", { level: a.level })
      : ctx.t("broadcast-audience-active", { days: a.days });

/**
 * /broadcast <audience> with the message on the next lines: a draft with a preview and the count
 * of recipients per channel, sent only when the admin presses "Kirim" (draft -> sending, the
 * recipients fixed in the same commit); the Broadcaster sends it in the background. /stopinfo and
 * /mulaiinfo let a user turn broadcasts off and on.
 */
export function broadcastFeature(deps: BroadcastDeps): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const store = deps.broadcasts.store;

  const broadcast = adminOnly(deps, "broadcast", async (ctx, args) => {
    const [head = "", ...lines] = args.split("\n");
    const audience = audienceOf(head.trim().split(/\s+/).filter(Boolean));
    if (!audience) return { reply: ctx.t("broadcast-usage"), outcome: "usage" };
    const levels = deps.prepaid.levels;
    if (audience.kind === "level" && !levels.knows(audience.level)) {
      return { reply: ctx.t("admin-level-unknown", { level: audience.level, levels: levels.names().join(", ") }), outcome: "unknown-level" };
    }
    const text = lines.join("\n").trim();
    if (!text) return { reply: ctx.t("broadcast-empty", { audience: head.trim() }), outcome: "empty" };
    // A picture sent with the command as its caption: its bytes are fetched now (WhatsApp needs
    // them), so a picture Telegram will not give is known before anything is sent.
    const fileId = ctx.msg?.photo?.at(-1)?.file_id;
    if (fileId && text.length > CAPTION_LIMIT) return { reply: ctx.t("broadcast-caption-long", { max: CAPTION_LIMIT }), outcome: "too-long" };
    const bytes = fileId === undefined ? undefined : await deps.downloadFile(ctx.api, fileId);
    if (fileId && !bytes) return { reply: ctx.t("broadcast-picture-failed"), outcome: "no-picture" };
    const photo = fileId && bytes ? { fileId, data: Buffer.from(bytes).toString("base64") } : undefined;
    const now = deps.now();
    const id = store.draft(ctx.from!.id, audience, text, photo, now);
    const { count, byChannel } = store.preview(audience, now);
    const n = formatNumber;
    const preview = ctx.t("broadcast-preview", {
      id,
      audience: audienceText(ctx, audience),
      picture: photo ? ctx.t("broadcast-picture") : "",
      count: n(count),
      telegram: n(byChannel.telegram ?? 0),
      whatsapp: n(byChannel.whatsapp ?? 0),
      text,
    });
    const keyboard = new InlineKeyboard()
      .text(ctx.t("broadcast-send-button", { count: n(count) }), `bc:go:${id}`)
      .text(ctx.t("broadcast-cancel-button"), `bc:no:${id}`);
    return { reply: preview, keyboard, outcome: "draft", detail: { broadcast: id, count } };
  });
  c.command("broadcast", broadcast);
  // A picture with "/broadcast ..." as its caption: grammY's command() reads message text only.
  c.on("message:caption", (ctx, next) => {
    const m = CAPTION_COMMAND.exec(ctx.msg.caption);
    if (!m) return next();
    ctx.match = m[1] ?? "";
    return broadcast(ctx);
  });

  c.callbackQuery(/^bc:(go|no):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    if (await refuseNonAdmin(ctx, deps, "broadcast")) return;
    const id = Number(ctx.match[2]);
    const b = store.get(id);
    await ctx.editMessageReplyMarkup().catch(() => {});
    if (b?.state !== "draft") return replyDone(ctx, deps, ctx.t("broadcast-not-draft", { id }));
    if (ctx.match[1] === "no") {
      if (store.cancel(id)) await replyDone(ctx, deps, ctx.t("broadcast-cancelled", { id }));
      return;
    }
    const count = store.start(id, deps.now());
    if (count === undefined) return replyDone(ctx, deps, ctx.t("broadcast-not-draft", { id }));
    deps.logger.info({ event: "broadcast", admin: ctx.from.id, broadcast: id, recipients: count }, "broadcast started");
    // The message the progress is written into.
    const status = await ctx.reply(ctx.t("broadcast-started", { id, count: formatNumber(count) })).catch(() => undefined);
    if (status) store.setStatusMessage(id, status.message_id);
    deps.broadcasts.kick(id);
  });

  const optOut = (off: boolean) => async (ctx: BotContext) => {
    deps.users.setOptedOut(ctx.from!.id, off);
    await ctx.reply(ctx.t(off ? "broadcast-stopped" : "broadcast-resumed"));
  };
  c.command(["stopinfo", "stopnews"], optOut(true));
  c.command(["mulaiinfo", "startnews"], optOut(false));
  return c;
}
