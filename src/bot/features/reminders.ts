import { type Composer, InlineKeyboard } from "grammy";
import { CONVERSATION } from "../../../conversations/index.js";
import { cycleOf } from "../../billing/reminder-calendar.js";
import { formatPeriod, formatRupiah } from "../../billing/format.js";
import type { Favorite } from "../../db/favorites.js";
import type { MonthStatus } from "../../payments/bill-calendar.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { dayText } from "../reminder-news.js";

type Deps = Pick<BotDeps, "calendar" | "catalog" | "favorites" | "now">;

/**
 * Bill reminders of saved postpaid bills. /pengingat lists the monthly bills among the saved
 * numbers, each with one button that turns its reminder on or off; `/pengingat 2 12` moves the
 * second one to the 12th, `/pengingat stop` turns them all off. /tagihanku shows where each stands
 * this month. A reminder's Bayar enters the usual pay flow with the price the user pressed for;
 * its "Berhenti ingatkan" turns that reminder off. Installed after the conversations (it enters one).
 */
export function remindersFeature(deps: Deps): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const t = (ctx: BotContext) => (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
  /** The user's saved bills that can be reminded of (monthly bills), in the list's order. */
  const monthly = (userId: number) => deps.favorites.list(userId).filter((f) => deps.calendar.defaultDay(f.productId) !== undefined);
  const line = async (ctx: BotContext, f: Favorite, n: number) => {
    const product = deps.catalog.productName(f.productId, await ctx.i18n.getLocale());
    return ctx.t("favorite-line", { n, label: f.label, product, number: f.input.customerNo });
  };

  /** The reminder screen: each monthly bill with its state and one button to switch it. */
  const screen = async (ctx: BotContext, notice?: string) => {
    const bills = monthly(ctx.from!.id);
    const head = notice ? [notice, ""] : [];
    if (bills.length === 0) return { text: [...head, ctx.t("reminder-none")].join("\n"), reply_markup: new InlineKeyboard() };
    const kb = new InlineKeyboard();
    const lines: string[] = [];
    for (const [i, f] of bills.entries()) {
      const r = deps.calendar.reminders.get(f.id);
      lines.push(await line(ctx, f, i + 1));
      lines.push(r ? ctx.t("reminder-state-on", { day: deps.calendar.dayOf(r, f.productId) ?? "-" }) : ctx.t("reminder-state-off"));
      kb.text(ctx.t(r ? "reminder-off-button" : "reminder-on-button", { label: f.label }), `rem:${r ? "off" : "on"}:${f.id}`).row();
    }
    const quiet = deps.calendar.policy.quiet;
    const when = quiet ? ctx.t("reminder-quiet", { from: String(quiet.from).padStart(2, "0"), to: String(quiet.to).padStart(2, "0") }) : "";
    const text = [...head, ctx.t("reminder-title"), "", ...lines, "", ctx.t("reminder-intro"), ...(when ? [when] : []), ctx.t("reminder-help")];
    return { text: text.join("\n"), reply_markup: kb };
  };
  const show = async (ctx: BotContext, notice?: string) => {
    const s = await screen(ctx, notice);
    await ctx.reply(s.text, { reply_markup: s.reply_markup });
  };
  const turnedOn = (ctx: BotContext, f: Favorite, day?: number) => {
    const r = deps.calendar.enable(ctx.from!.id, f.id, day);
    return r && ctx.t("reminder-turned-on", { label: f.label, date: dayText(r.nextRunAt, t(ctx)) });
  };

  c.command(["pengingat", "reminders"], async (ctx) => {
    const args = ctx.match.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (args.length === 0) return show(ctx);
    if (args[0] === "stop" || args[0] === "off") {
      return ctx.reply(ctx.t("reminder-all-off", { count: deps.calendar.disableAll(ctx.from!.id) }));
    }
    const [n, day] = args.map(Number);
    const f = n === undefined ? undefined : monthly(ctx.from!.id)[n - 1];
    if (args.length !== 2 || !f || day === undefined || !Number.isInteger(day) || day < 1 || day > 31) return ctx.reply(ctx.t("reminder-day-invalid"));
    return show(ctx, turnedOn(ctx, f, day));
  });

  const redraw = async (ctx: BotContext, notice?: string) => {
    const s = await screen(ctx, notice);
    await ctx.editMessageText(s.text, { reply_markup: s.reply_markup }).catch(() => {});
  };
  c.callbackQuery(/^rem:(on|off):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const f = deps.favorites.get(ctx.from.id, Number(ctx.match[2]));
    if (!f) return redraw(ctx);
    if (ctx.match[1] === "on") return redraw(ctx, deps.calendar.reminders.get(f.id) ? undefined : turnedOn(ctx, f));
    deps.calendar.disable(ctx.from.id, f.id);
    return redraw(ctx, ctx.t("reminder-turned-off", { label: f.label }));
  });
  // On a reminder's own message: the message stays, its buttons go.
  c.callbackQuery(/^rem:stop:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    const f = deps.favorites.get(ctx.from.id, Number(ctx.match[1]));
    if (f) deps.calendar.disable(ctx.from.id, f.id);
    await ctx.reply(f ? ctx.t("reminder-turned-off", { label: f.label }) : ctx.t("favorite-unavailable"));
  });
  c.callbackQuery(/^rem:pay:(\d+):(\d{4}-\d{2})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    const f = deps.favorites.get(ctx.from.id, Number(ctx.match[1]));
    if (!f || !deps.catalog.product(f.productId)) return ctx.reply(ctx.t("favorite-unavailable"));
    // The price pressed for, while it is this month's bill; an older message's press shows the summary as usual.
    const r = deps.calendar.reminders.get(f.id);
    const agreed = r?.status === "due" && r.cycle === ctx.match[2] ? r.price : undefined;
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(CONVERSATION.pay, { productId: f.productId, input: f.input, ...(agreed !== undefined && { agreed }) });
  });

  c.command(["tagihanku", "mybills"], async (ctx) => {
    const bills = monthly(ctx.from!.id);
    if (bills.length === 0) return ctx.reply(ctx.t("reminder-none"));
    const cycle = cycleOf(deps.now());
    const kb = new InlineKeyboard();
    const lines: string[] = [];
    for (const [i, f] of bills.entries()) {
      const status = deps.calendar.monthStatus(f);
      lines.push(await line(ctx, f, i + 1), `   ${statusText(ctx, status)}`);
      if (status.kind === "due") kb.text(ctx.t("mybills-pay-button", { label: f.label, price: formatRupiah(status.price) }), `rem:pay:${f.id}:${cycle}`).row();
    }
    const month = formatPeriod(cycle.replace("-", ""), t(ctx));
    await ctx.reply([ctx.t("mybills-title", { month }), "", ...lines, "", ctx.t("mybills-hint")].join("\n"), { reply_markup: kb });
  });
  return c;
}

function statusText(ctx: BotContext, s: MonthStatus): string {
  const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
  switch (s.kind) {
    case "paid":
      return s.at === undefined ? t("mybills-paid") : t("mybills-paid-on", { date: dayText(s.at, t) });
    case "due":
      return t("mybills-due", { price: formatRupiah(s.price) });
    case "not-published":
      return s.nextRunAt === undefined ? t("mybills-not-published") : t("mybills-not-published-next", { date: dayText(s.nextRunAt, t) });
    case "scheduled":
      return t("mybills-scheduled", { date: dayText(s.at, t) });
    case "unchecked":
      return t("mybills-unchecked", { date: dayText(s.at, t) });
    case "off":
      return t("mybills-off");
  }
}
