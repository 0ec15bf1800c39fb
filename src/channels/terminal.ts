import { createInterface } from "node:readline";
import type { Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { BotApiEmulator, ChatUser } from "./emulator.js";
import { renderAsText } from "./text-render.js";

/** The operator chatting with the bot in this terminal; counts as an admin. */
export const TERMINAL_USER: ChatUser = { id: 1001, firstName: "Operator", username: "operator" };

/** A chat with the bot over stdin/stdout, through the same Bot API emulator WhatsApp uses. */
export function runTerminal(
  bot: Bot<BotContext>,
  emulator: BotApiEmulator,
  /** "Reply with the number of your choice", in the chat's language. */
  choiceHint: (chatId: number) => string,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout },
): Promise<void> {
  emulator.onOutput((out) => io.output.write(`\n${renderAsText(out, choiceHint(out.chatId))}\n\n> `));
  const rl = createInterface({ input: io.input, terminal: false });
  let queue = Promise.resolve();
  rl.on("line", (line) => {
    const text = line.trim();
    if (!text) return;
    // One update at a time, in order, like a Telegram chat.
    queue = queue.then(() => bot.handleUpdate(emulator.text(TERMINAL_USER, text)));
  });
  queue = queue.then(() => bot.handleUpdate(emulator.text(TERMINAL_USER, "/start")));
  return new Promise((resolve) => rl.on("close", () => void queue.then(resolve)));
}
