import { InlineKeyboard } from "grammy";
import type { Translate } from "../billing/format.js";
import { PAGE_SIZE } from "./product-menu.js";

/**
 * One page of a prepaid choice (category, brand, product) with paging and a cancel button. Each
 * choice has its own `tag`, so a button of an earlier choice cannot be taken for one of this.
 * Data: `pp:<tag>:<index>`, `pp:<tag>:p<page>`, `pp:x` (cancel).
 */
export function choiceKeyboard(tag: string, labels: string[], page: number, t: Translate): InlineKeyboard {
  const pages = Math.max(1, Math.ceil(labels.length / PAGE_SIZE));
  const current = Math.min(Math.max(page, 0), pages - 1);
  const kb = new InlineKeyboard();
  labels.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).forEach((label, i) => kb.text(label, `pp:${tag}:${current * PAGE_SIZE + i}`).row());
  if (current > 0) kb.text(t("menu-previous"), `pp:${tag}:p${current - 1}`);
  if (current < pages - 1) kb.text(t("menu-next"), `pp:${tag}:p${current + 1}`);
  if (pages > 1) kb.row();
  return kb.text(t("pay-button-cancel"), "pp:x");
}

/** What a press on a choice keyboard means. */
export function readChoice(data: string): { kind: "pick"; index: number } | { kind: "page"; page: number } | { kind: "cancel" } {
  const [, , arg = ""] = data.split(":");
  if (data === "pp:x") return { kind: "cancel" };
  return arg.startsWith("p") ? { kind: "page", page: Number(arg.slice(1)) } : { kind: "pick", index: Number(arg) };
}
