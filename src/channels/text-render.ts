import type { Output } from "./emulator.js";

/**
 * How a bot message reads where there are no buttons (terminal, WhatsApp): the text, then the
 * keyboard as a numbered list and a line saying how to answer it.
 */
export function renderAsText(out: Output, choiceHint: string): string {
  if (out.kind === "notice") return `ℹ️ ${out.text}`;
  if (out.buttons.length === 0) return out.text;
  const list = out.buttons.map((b) => `${b.n}. ${b.text}`).join("\n");
  return `${out.text}\n\n${list}\n${choiceHint}`;
}
