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
import { BotApiEmulator, EMULATOR_BOT_INFO, type ChatUser } from "./emulator.js";
import { settledWithin } from "./settled-within.js";
import { renderAsText } from "./text-render.js";

/** The operator chatting with the bot in this terminal; counts as an admin. */
export const TERMINAL_USER: ChatUser = { id: 1001, firstName: "Operator", username: "operator" };
/** Who the operator chats as after /pelanggan: a customer like any other, to see what customers see. */
export const TERMINAL_CUSTOMER: ChatUser = { id: 1002, firstName: "Pelanggan" };

/** What the operator types to chat as the customer, and as themselves again; the bot never sees these. */
const ROLES: Record<string, ChatUser> = { "/pelanggan": TERMINAL_CUSTOMER, "/admin": TERMINAL_USER };

export interface TerminalTexts {
  /** "Reply with a number from 1 to `max`", in the chat's language. */
  choiceHint(chatId: number, max: number): string;
  /** Whether a chat has a flow half-way, or the bill menu open: it is picked up, not greeted. */
  inFlow(chatId: number): boolean;
  /** Said when a flow left half-way is waiting for typed text. */
  resumeHint(chatId: number): string;
  /** Said when the operator starts to chat as `chatId` (/pelanggan, /admin). */
  switched(chatId: number): string;
  /** Heads a message to the other of the two chats (an admin's news while chatting as the customer). */
  to(chatId: number): string;
  /** Says where a picture the bot sent (a struk, a QRIS) was kept, since a terminal shows none. */
  picture(chatId: number, path: string): string;
}

/** Where the terminal chat keeps the pictures the bot sent: beside the database. */
export const terminalPictureDir = (config: Pick<Config, "databasePath">): string => join(dirname(config.databasePath), "pictures");

/** Where the terminal chat writes its log: beside the database, not between the bot's messages. */
export const terminalLogPath = (config: Pick<Config, "databasePath">): string => join(dirname(config.databasePath), "terminal.log");

/** Where the terminal chat keeps the files the bot sends (CSV statements and exports): beside the database. */
export const terminalFilesDir = (config: Pick<Config, "databasePath">): string => join(dirname(config.databasePath), "files");

/** Saves a file the bot sent into `dir` and returns its path (the name is the bot's, without any folder). */
export function saveSentFile(dir: string, file: { data: Buffer; filename: string }): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, basename(file.filename) || "file");
  writeFileSync(path, file.data);
  return path;
}

/**
 * How long the next typed line waits for the payments under way, so that a receipt (and its
 * buttons) comes before the answer to what was typed after the confirm, as it would for a person.
 */
const PAYMENT_WAIT_MS = 3_000;

/** Where the terminal keeps what it cannot show, and when the next line may go to the bot. */
export interface TerminalHost {
  files: string;
  pictures: string;
  /** Resolves once the payments under way are done (or a bound passed). */
  settled(): Promise<unknown>;
}

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
        `Terminal chat with the bot (provider: ${config.provider}, data: ${config.databasePath}, log: ${terminalLogPath(config)}). Ctrl+D to quit; /pelanggan to chat as a customer, /admin as the operator again.`,
      );
      const { i18n, users, db } = app.deps;
      const keyboards = sqliteKeyboardStore(db);
      emulator.persistKeyboards(keyboards);
      const locale = (chatId: number) => users.language(chatId) ?? DEFAULT_LOCALE;
      const t = (chatId: number, key: string, vars?: Record<string, string | number>) => i18n.t(locale(chatId), key, vars);
      const admin = (chatId: number) => chatId === TERMINAL_USER.id;
      const chat = runTerminal(
        bot,
        emulator,
        {
          choiceHint: (chatId, max) => t(chatId, "choice-hint", { max }),
          // A flow half-way, or the bill menu left open (it keeps no flow of its own): picked up again.
          inFlow: (chatId) => hasStoredConversation(db, chatId) || keyboards.load(chatId)?.buttons.some((b) => isBillMenuButton(b.data)) === true,
          resumeHint: (chatId) => resumeText(app.deps, chatId),
          switched: (chatId) => t(chatId, admin(chatId) ? "terminal-as-admin" : "terminal-as-customer", { id: String(chatId) }),
          to: (chatId) => t(chatId, admin(chatId) ? "terminal-to-admin" : "terminal-to-customer", { id: String(chatId) }),
          picture: (chatId, path) => t(chatId, "picture-saved", { path }),
        },
        {
          files: terminalFilesDir(config),
          pictures: terminalPictureDir(config),
          settled: () => settledWithin(new Set([app.worker.idle()]), PAYMENT_WAIT_MS),
        },
        (m) => log(`[log] ${m}`),
      );
      // Ctrl+D (or the end of piped input) right after a confirm: the payments under way finish and
      // their receipts are shown before the chat ends, within the shutdown bound.
      return { ...chat, done: chat.done.then(() => settledWithin(new Set([app.worker.idle()]), config.shutdownMs)).then(() => {}) };
    },
  };
}

/**
 * A chat with the bot over stdin/stdout, through the same Bot API emulator WhatsApp uses. A flow
 * left half-way by the last run goes on where it was (its question shown again); otherwise the
 * chat opens with /start. /pelanggan and /admin switch between the operator and a customer; each
 * chat keeps its own flows and numbered choices, and a message to the other one is headed as such.
 */
export function runTerminal(
  bot: Bot<BotContext>,
  emulator: BotApiEmulator,
  texts: TerminalTexts,
  host: TerminalHost,
  log: (message: string) => void,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout },
): RunningChannel {
  let as = TERMINAL_USER;
  const write = (text: string) => io.output.write(`\n${text}\n\n> `);
  emulator.onOutput((out) => {
    // A picture or a file cannot be shown here: it is saved, and its path printed.
    const picture = out.kind === "message" && out.photo ? `${texts.picture(out.chatId, saveSentFile(host.pictures, out.photo))}\n` : "";
    const file = out.kind === "message" && out.document ? `\n📎 ${saveSentFile(host.files, out.document)}` : "";
    const text = picture + renderAsText(out, (max) => texts.choiceHint(out.chatId, max)) + file;
    write(out.chatId === as.id ? text : `${texts.to(out.chatId)}\n${text}`);
  });
  const rl = createInterface({ input: io.input, terminal: false });
  let queue: Promise<unknown> = Promise.resolve();
  // One update at a time, in order, like a Telegram chat; one that fails must not end the chat.
  const run = (step: () => Promise<unknown>) => {
    queue = queue.then(step).catch((err: Error) => log(`terminal: ${err.message}`));
  };
  const send = (text: string) => bot.handleUpdate(emulator.text(as, text)).then(() => host.settled());
  /** Where the chat is at start-up: its flow's open question again, or a greeting when it is in none. */
  const resume = async () => {
    if (!texts.inFlow(as.id)) await send("/start");
    else if (!emulator.showActive(as.id)) write(texts.resumeHint(as.id));
  };
  /** Where the chat is at a switch: its open choices first (an admin's deposit request that came meanwhile). */
  const enter = async () => {
    if (emulator.showActive(as.id)) return;
    if (texts.inFlow(as.id)) write(texts.resumeHint(as.id));
    else await send("/start");
  };
  rl.on("line", (line) => {
    const text = line.trim();
    const role = ROLES[text.toLowerCase()];
    if (role)
      run(() => {
        as = role;
        write(texts.switched(as.id));
        return enter();
      });
    else if (text) run(() => send(text));
  });
  run(resume);
  return {
    done: new Promise((resolve) => rl.on("close", () => void queue.then(() => resolve()))),
    stop: async () => rl.close(),
  };
}
