import { formatEcho } from "../billing/format.js";
import type { BotContext } from "./context.js";

/** What a command says to a date range it cannot read: the text, why, and the command's usage. */
export function rangeRefusal(ctx: BotContext, usageKey: string, typed: string, error: "format" | "reversed"): string {
  return `${ctx.t(error === "reversed" ? "range-reversed" : "range-unreadable", { text: formatEcho(typed) })}\n${ctx.t(usageKey)}`;
}
