import type { Output } from "../emulator.js";
import { renderAsText } from "../text-render.js";

/**
 * The most one WhatsApp message carries here. WhatsApp takes longer texts, but folds them behind
 * "Read more" and slows down; a bot message above Telegram's own limit is split instead.
 */
export const MAX_MESSAGE_CHARS = 4096;

/**
 * A bot message as WhatsApp text: a keyboard becomes a numbered list with a line saying how to
 * answer (WhatsApp's buttons and lists do not work for bots), the hint in *bold*, WhatsApp's own
 * markup. The bot sends plain text (no Telegram parse mode), so nothing else needs converting.
 */
export function renderForWhatsApp(out: Output, choiceHint: (max: number) => string): string[] {
  return splitMessage(renderAsText(out, (max) => `*${choiceHint(max)}*`));
}

/** Splits a text at line breaks (at spaces inside an overlong line) into parts WhatsApp takes. */
export function splitMessage(text: string, max = MAX_MESSAGE_CHARS): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf("\n");
    if (cut <= 0) cut = window.lastIndexOf(" ");
    if (cut <= 0) cut = max;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]+/, "");
  }
  if (rest.trim()) parts.push(rest);
  return parts;
}
