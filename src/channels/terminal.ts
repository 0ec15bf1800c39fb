import { createInterface } from "node:readline";
import type { Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { BotApiEmulator, ChatUser } from "./emulator.js";
import { renderAsText } from "./text-render.js";

/** The operator chatting with the bot in this terminal; counts as an admin. */
export const TERMINAL_USER: ChatUser = { id: 1001, firstName: "Operator", username: "operator" };

export interface TerminalTexts {
  /** "Reply with the number of your choice", in the chat's language. */
  choiceHint(chatId: number): string;
  /** Said at start-up when a flow was left half-way and is waiting for typed text. */
  resumeHint: string;
}

/**
 * A chat with the bot over stdin/stdout, through the same Bot API emulator WhatsApp uses. A flow
 * left half-way by the last run goes on where it was (its question shown again); otherwise the
 * chat opens with /start.
 */
export function runTerminal(
  bot: Bot<BotContext>,
  emulator: BotApiEmulator,
  texts: TerminalTexts,
  inFlow: boolean,
  log: (message: string) => void,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout },
): Promise<void> {
  emulator.onOutput((out) => io.output.write(`\n${renderAsText(out, texts.choiceHint(out.chatId))}\n\n> `));
  const rl = createInterface({ input: io.input, terminal: false });
  let queue = Promise.resolve();
  // One update at a time, in order, like a Telegram chat; one that fails must not end the chat.
  const say = (text: string) => {
    queue = queue.then(() => bot.handleUpdate(emulator.text(TERMINAL_USER, text))).catch((err: Error) => log(`terminal: ${err.message}`));
  };
  rl.on("line", (line) => {
    const text = line.trim();
    if (text) say(text);
  });
  if (!inFlow) say("/start");
  else if (!emulator.showActive(TERMINAL_USER.id)) io.output.write(`\n${texts.resumeHint}\n\n> `);
  return new Promise((resolve) => rl.on("close", () => void queue.then(resolve)));
}
