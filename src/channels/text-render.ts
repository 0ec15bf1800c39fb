import type { Output } from "./emulator.js";

/**
 * How a bot message reads where there are no buttons (terminal, WhatsApp): the text, then the
 * keyboard (or the open one shown again) as a numbered list and a line saying which numbers answer it.
 */
export function renderAsText(out: Output, choiceHint: (max: number) => string): string {
  if (out.kind === "notice") return `ℹ️ ${out.text}`;
  const buttons = out.buttons.length > 0 ? out.buttons : (out.kind === "message" && out.again) || [];
  if (buttons.length === 0) return out.text;
  const list = buttons.map((b) => `${b.n}. ${b.text}`).join("\n");
  return `${out.text}\n\n${list}\n${choiceHint(buttons.length)}`;
}
