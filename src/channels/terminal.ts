import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { createInterface } from "node:readline";
import type { Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import { DEFAULT_LOCALE } from "../bot/i18n.js";
import { isBillMenuButton } from "../bot/features/bill-menu.js";
import { resumeText } from "../bot/resume.js";
import type { Config } from "../config.js";
import { hasStoredConversation } from "../db/conversation-store.js";
import { sqliteKeyboardStore } from "../db/keyboard-store.js";
import type { ChannelSpec, RunningChannel } from "./channel.js";
import { BotApiEmulator, EMULATOR_BOT_INFO, type ChatUser, type Photo } from "./emulator.js";
import { renderAsText } from "./text-render.js";

/** The operator chatting with the bot in this terminal; counts as an admin. */
export const TERMINAL_USER: ChatUser = { id: 1001, firstName: "Operator", username: "operator" };

export interface TerminalTexts {
  /** "Reply with a number from 1 to `max`", in the chat's language. */
  choiceHint(chatId: number, max: number): string;
  /** Said at start-up when a flow was left half-way and is waiting for typed text. */
  resumeHint: string;
  /** Keeps a picture the bot sent (a struk, a QRIS) as a file and says where, since a terminal shows none. */
  picture(chatId: number, photo: Photo): string;
}

/** Where the terminal chat keeps the pictures the bot sent: beside the database. */
export const terminalPictureDir = (config: Pick<Config, "databasePath">): string => join(dirname(config.databasePath), "pictures");

/** Where the terminal chat writes its log: beside the database, not between the bot's messages. */
export const terminalLogPath = (config: Pick<Config, "databasePath">): string => join(dirname(config.databasePath), "terminal.log");

/** The terminal chat, when neither Telegram nor WhatsApp is configured. */
export function terminalChannel(config: Config, log: (message: string) => void): ChannelSpec {
  const emulator = new BotApiEmulator();
  return {
    name: "terminal",
    token: "0:terminal",
    botConfig: { botInfo: EMULATOR_BOT_INFO, client: { fetch: emulator.fetch, apiRoot: "http://terminal.local" } },
    localAdminId: TERMINAL_USER.id,
    async start(app, bot) {
      // On screen, not in the log: in the terminal chat the log is a file (see main.ts).
      console.error(
        `Terminal chat with the bot (provider: ${config.provider}, data: ${config.databasePath}, log: ${terminalLogPath(config)}). Ctrl+D to quit.`,
      );
      const { i18n, users, db } = app.deps;
      const keyboards = sqliteKeyboardStore(db);
      emulator.persistKeyboards(keyboards);
      const locale = (chatId: number) => users.language(chatId) ?? DEFAULT_LOCALE;
      return runTerminal(
        bot,
        emulator,
        {
          choiceHint: (chatId, max) => i18n.t(locale(chatId), "choice-hint", { max }),
          resumeHint: resumeText(app.deps, TERMINAL_USER.id),
          picture(chatId, photo) {
            const path = join(terminalPictureDir(config), basename(photo.filename));
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, photo.data);
            return i18n.t(locale(chatId), "picture-saved", { path });
          },
        },
        // A flow half-way, or the bill menu left open (it keeps no flow of its own): picked up again.
        hasStoredConversation(db, TERMINAL_USER.id) || keyboards.load(TERMINAL_USER.id)?.buttons.some((b) => isBillMenuButton(b.data)) === true,
        (m) => log(`[log] ${m}`),
      );
    },
  };
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
): RunningChannel {
  emulator.onOutput((out) => {
    const picture = out.kind === "message" && out.photo ? `${texts.picture(out.chatId, out.photo)}\n` : "";
    io.output.write(`\n${picture}${renderAsText(out, (max) => texts.choiceHint(out.chatId, max))}\n\n> `);
  });
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
  return {
    done: new Promise((resolve) => rl.on("close", () => void queue.then(resolve))),
    stop: async () => rl.close(),
  };
}
