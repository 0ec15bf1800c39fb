import type { ApiClientOptions } from "grammy";
import type { InlineKeyboardButton, Message, Update, UserFromGetMe } from "grammy/types";
import type { ButtonChoice, KeyboardStore, StoredMessage } from "../db/keyboard-store.js";

/**
 * A small Bot API server living inside grammY's `client.fetch`. Channels without Telegram
 * (the terminal, WhatsApp) and the tests speak to the real bot through it: incoming text becomes
 * a Telegram-shaped update, outgoing API calls become `Output` events. An inline keyboard turns
 * into a numbered list; while it is active, replying with a number presses that button.
 */

export interface ChatUser {
  id: number;
  firstName: string;
  username?: string;
}

/** A picture the bot sent: its bytes, for a channel that can show pictures (WhatsApp). */
export interface Photo {
  data: Buffer;
  filename: string;
  mimetype: string;
}

export type Output =
  /**
   * With `photo`, `text` is the picture's caption. `again`: the choices of the keyboard still open,
   * shown again under the bot's answer to text that pressed none of them.
   */
  | {
      kind: "message";
      chatId: number;
      messageId: number;
      text: string;
      buttons: ButtonChoice[];
      photo?: Photo;
      /** A file sent as a document (a CSV statement or export); `text` is its caption. */
      document?: Photo;
      again?: ButtonChoice[];
      /** Sent with disable_notification (a broadcast): no hurry. */
      quiet?: boolean;
    }
  | { kind: "edit"; chatId: number; messageId: number; text: string; buttons: ButtonChoice[] }
  /** A callback answer with text: a toast on Telegram, a line of its own elsewhere. */
  | { kind: "notice"; chatId: number; text: string };

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export const EMULATOR_BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "Tagihan Bot",
  username: "tagihan_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export class BotApiEmulator {
  /** Every API call the bot made, in order (tests read this). */
  readonly calls: ApiCall[] = [];
  private updateId = 0;
  private readonly messages = new Map<number, Map<number, StoredMessage>>();
  private readonly activeKeyboard = new Map<number, number>();
  private readonly users = new Map<number, ChatUser>();
  private readonly listeners: ((out: Output) => void)[] = [];
  /** Per chat, the open keyboard the user's last text pressed nothing of: the bot's answer to that text leaves it open. */
  private readonly strayText = new Map<number, number>();
  /** Which chat each callback query came from, to show its answer there. */
  private readonly callbackChats = new Map<string, number>();

  private nextMessageId = 1;
  private keyboards: KeyboardStore | undefined;

  /** Keeps active keyboards in `store` from now on, and brings back the ones kept there. */
  persistKeyboards(store: KeyboardStore): void {
    this.keyboards = store;
    this.nextMessageId = Math.max(this.nextMessageId, store.lastMessageId() + 1);
  }

  /** Plug this in as `client.fetch`. */
  readonly fetch = (async (url: string, init?: { body?: unknown; headers?: Record<string, string> }) => {
    const method = String(url).split("/").pop() ?? "";
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : await formFields(init);
    this.calls.push({ method, payload });
    const result = this.handle(method, payload);
    const body = result === undefined ? { ok: false, error_code: 400, description: `Bad Request: ${method} not understood` } : { ok: true, result };
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  }) as unknown as NonNullable<ApiClientOptions["fetch"]>;

  onOutput(listener: (out: Output) => void): void {
    this.listeners.push(listener);
  }

  /**
   * What a user typed, as an update: a number while a keyboard is active presses that button,
   * a leading slash is a command, anything else is a text message. Text that presses nothing (a
   * word, a number not on the list, a command: /saldo inside a flow is answered there) leaves the
   * keyboard open: the bot's answer to it shows the choices again and a number still presses them.
   * Only a new keyboard, or one taken away, changes that; a bot message on its own (a payment's
   * news) closes it, as before.
   */
  text(user: ChatUser, text: string): Update {
    this.users.set(user.id, user);
    this.restore(user.id);
    const active = this.activeKeyboard.get(user.id);
    const stored = active === undefined ? undefined : this.messages.get(user.id)?.get(active);
    const choice = /^\s*\d{1,2}\s*$/.test(text) ? stored?.buttons.find((b) => b.n === Number(text)) : undefined;
    if (choice && active !== undefined) return this.press(user, active, choice.data);
    if (active !== undefined) this.strayText.set(user.id, active);
    else this.strayText.delete(user.id);
    const message: Message.TextMessage = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: "private", first_name: user.firstName },
      from: this.from(user),
      text,
    };
    const command = /^\/\w+/.exec(text);
    if (command) message.entities = [{ type: "bot_command", offset: 0, length: command[0].length }];
    return { update_id: ++this.updateId, message: message as Message & Update.NonChannel };
  }

  /** A button press on a message the bot sent (what Telegram sends when a user taps it). */
  press(user: ChatUser, messageId: number, data: string): Update {
    this.users.set(user.id, user);
    this.restore(user.id);
    this.strayText.delete(user.id);
    const stored = this.messages.get(user.id)?.get(messageId);
    this.callbackChats.set(String(this.updateId + 1), user.id);
    return {
      update_id: ++this.updateId,
      callback_query: {
        id: String(this.updateId),
        from: this.from(user),
        chat_instance: String(user.id),
        data,
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: user.id, type: "private", first_name: user.firstName },
          from: { id: EMULATOR_BOT_INFO.id, is_bot: true, first_name: EMULATOR_BOT_INFO.first_name },
          text: stored?.text ?? "",
        } as Message & Update.NonChannel,
      },
    };
  }

  /** The keyboard a user can currently answer by number, if any. */
  activeButtons(chatId: number): ButtonChoice[] {
    this.restore(chatId);
    const id = this.activeKeyboard.get(chatId);
    return id === undefined ? [] : (this.messages.get(chatId)?.get(id)?.buttons ?? []);
  }

  private from(user: ChatUser) {
    return { id: user.id, is_bot: false, first_name: user.firstName, ...(user.username ? { username: user.username } : {}) };
  }

  private emit(out: Output): void {
    for (const l of this.listeners) l(out);
  }

  private handle(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return EMULATOR_BOT_INFO;
      case "sendMessage": {
        const chatId = Number(p.chat_id);
        // A message that ends what the open buttons were for (see CLOSE_BUTTONS) closes them.
        if ((p.reply_markup as { remove_keyboard?: boolean } | undefined)?.remove_keyboard === true) this.close(chatId);
        const messageId = this.nextMessageId++;
        const stored = { text: String(p.text ?? ""), buttons: buttonsOf(p.reply_markup) };
        const again = this.store(chatId, messageId, stored);
        this.emit({ kind: "message", chatId, messageId, ...stored, ...(again && { again }), ...(p.disable_notification === true && { quiet: true }) });
        return this.asMessage(chatId, messageId, stored.text);
      }
      case "sendPhoto":
      case "sendDocument": {
        // A picture (a deposit's QRIS, the WhatsApp login QR for an admin) or a file (a CSV
        // statement): its caption is what a text channel shows; the bytes go along for a channel
        // that delivers or saves them.
        const chatId = Number(p.chat_id);
        const messageId = this.nextMessageId++;
        const stored = { text: String(p.caption ?? ""), buttons: buttonsOf(p.reply_markup) };
        const again = this.store(chatId, messageId, stored);
        const field = method === "sendPhoto" ? "photo" : "document";
        const file = p[field] as UploadedFile | undefined;
        const sent = file?.data ? { data: file.data, filename: file.filename, mimetype: mimetypeOf(file.filename) } : undefined;
        const quiet = p.disable_notification === true || p.disable_notification === "true";
        this.emit({ kind: "message", chatId, messageId, ...stored, ...(sent && { [field]: sent }), ...(again && { again }), ...(quiet && { quiet }) });
        return this.asMessage(chatId, messageId, stored.text);
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        const chatId = Number(p.chat_id);
        const messageId = Number(p.message_id);
        this.restore(chatId);
        const old = this.messages.get(chatId)?.get(messageId);
        if (!old) return undefined;
        const text = method === "editMessageText" ? String(p.text ?? "") : old.text;
        const stored = { text, buttons: buttonsOf(p.reply_markup) };
        this.store(chatId, messageId, stored);
        // Removing a keyboard needs no words in a text channel; new text or new buttons do. What
        // was shown cannot change there: an edit that only adds to the text (a bill summary that
        // now says the payment is under way) shows what it adds.
        const added = stored.buttons.length === 0 && text.length > old.text.length && text.startsWith(old.text);
        if (text !== old.text || stored.buttons.length > 0)
          this.emit({ kind: "edit", chatId, messageId, ...stored, ...(added ? { text: text.slice(old.text.length).trimStart() } : {}) });
        return this.asMessage(chatId, messageId, text);
      }
      case "answerCallbackQuery": {
        const text = typeof p.text === "string" ? p.text : "";
        const chatId = this.callbackChats.get(String(p.callback_query_id));
        if (text && chatId !== undefined) this.emit({ kind: "notice", chatId, text });
        return true;
      }
      case "getFile":
        // A file someone sent (a broadcast's picture): where Telegram would serve it.
        return { file_id: String(p.file_id), file_unique_id: String(p.file_id), file_path: `photos/${String(p.file_id)}.jpg` };
      case "deleteMessage": {
        const chatId = Number(p.chat_id);
        this.restore(chatId);
        this.messages.get(chatId)?.delete(Number(p.message_id));
        if (this.activeKeyboard.get(chatId) === Number(p.message_id)) this.close(chatId);
        return true;
      }
      default:
        // sendChatAction, setMyCommands, deleteWebhook...: nothing to show.
        return true;
    }
  }

  /** Shows a chat's active keyboard again (after a restart): true when there was one. */
  showActive(chatId: number): boolean {
    this.restore(chatId);
    const messageId = this.activeKeyboard.get(chatId);
    const stored = messageId === undefined ? undefined : this.messages.get(chatId)?.get(messageId);
    if (messageId === undefined || !stored) return false;
    this.emit({ kind: "message", chatId, messageId, ...stored });
    return true;
  }

  /** No keyboard of the chat answers numbers any more. */
  private close(chatId: number): void {
    this.restore(chatId);
    this.activeKeyboard.delete(chatId);
    this.keyboards?.clear(chatId);
  }

  /** Brings back a chat's active keyboard from the store, the first time the chat is seen. */
  private restore(chatId: number): void {
    if (this.messages.has(chatId) || !this.keyboards) return;
    this.messages.set(chatId, new Map());
    const kept = this.keyboards.load(chatId);
    if (!kept) return;
    this.messages.get(chatId)!.set(kept.messageId, { text: kept.text, buttons: kept.buttons });
    this.activeKeyboard.set(chatId, kept.messageId);
  }

  /** Keeps a message the bot sent or edited; the open keyboard's choices when it stays open under a new message. */
  private store(chatId: number, messageId: number, stored: StoredMessage): ButtonChoice[] | undefined {
    this.restore(chatId);
    const chat = this.messages.get(chatId) ?? new Map<number, StoredMessage>();
    this.messages.set(chatId, chat);
    chat.set(messageId, stored);
    const active = this.activeKeyboard.get(chatId);
    const stray = active !== undefined && messageId > active && this.strayText.get(chatId) === active;
    // A flow's nudge to stray text that offers its open buttons again (see StrayHandling.buttons):
    // the question they answer stays the one shown after a restart.
    if (stray && sameButtons(stored.buttons, chat.get(active)?.buttons)) return undefined;
    if (stored.buttons.length > 0) {
      this.activeKeyboard.set(chatId, messageId);
      this.keyboards?.save(chatId, messageId, stored);
    } else if (stray) {
      return chat.get(active)?.buttons;
    } else if (active === messageId || messageId > (active ?? Infinity)) {
      // A number answers the keyboard of the latest message only: once a newer message without
      // buttons is shown (or the keyboard is taken away), "1" is just text again.
      this.activeKeyboard.delete(chatId);
      this.keyboards?.clear(chatId);
    }
  }

  private asMessage(chatId: number, messageId: number, text: string): Message.TextMessage {
    const user = this.users.get(chatId);
    return {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: user?.firstName ?? "" },
      from: { id: EMULATOR_BOT_INFO.id, is_bot: true, first_name: EMULATOR_BOT_INFO.first_name },
      text,
    };
  }
}

const sameButtons = (a: ButtonChoice[], b: ButtonChoice[] | undefined) =>
  b !== undefined && a.length > 0 && a.length === b.length && a.every((x, i) => x.data === b[i]!.data);

function buttonsOf(markup: unknown): ButtonChoice[] {
  const rows = (markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard ?? [];
  return rows
    .flat()
    .flatMap((b) => ("callback_data" in b ? [{ text: b.text, data: b.callback_data }] : []))
    .map((b, i) => ({ n: i + 1, ...b }));
}

/** A file uploaded in a multipart call, as formFields reads it (`bytes` is its size). */
interface UploadedFile {
  bytes: number;
  data?: Buffer;
  filename: string;
}

const MIMETYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp", csv: "text/csv" };
/** grammY sends every file as application/octet-stream: the name's extension says what it is. */
const mimetypeOf = (filename: string) => MIMETYPES[/\.(\w+)$/.exec(filename)?.[1]?.toLowerCase() ?? ""] ?? "application/octet-stream";

/**
 * The fields of a multipart call (grammY uploads a file that way, as a stream): text fields as
 * they are, a file (sent as "attach://<part>") as its size, bytes and name (an UploadedFile).
 */
async function formFields(init?: { body?: unknown; headers?: Record<string, string> }): Promise<Record<string, unknown>> {
  const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(init?.headers?.["content-type"] ?? "")?.[1];
  if (!boundary || !init?.body) return {};
  // A stream from grammY, or the bytes the retrying fetch already read from it.
  const chunks: Buffer[] = [];
  if (init.body instanceof Uint8Array) chunks.push(Buffer.from(init.body));
  else for await (const chunk of init.body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  // latin1 keeps one character per byte, so a file's bytes are counted right; text is decoded below.
  const parts = new Map<string, { text: string; file: boolean; filename: string }>();
  for (const part of Buffer.concat(chunks).toString("latin1").split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    const name = /name="([^"]+)"/.exec(part.slice(0, split))?.[1];
    if (split < 0 || !name) continue;
    const filename = /filename="?([^";\r\n]+)"?/.exec(part.slice(0, split))?.[1];
    parts.set(name, { text: part.slice(split + 4).replace(/\r\n$/, ""), file: filename !== undefined, filename: filename ?? "" });
  }
  const fields: Record<string, unknown> = {};
  for (const [name, { text, file: isFile }] of parts) {
    if (isFile) continue;
    const value = Buffer.from(text, "latin1").toString("utf8");
    const attached = /^attach:\/\/(.+)$/.exec(value)?.[1];
    const upload = attached === undefined ? undefined : parts.get(attached);
    if (attached !== undefined)
      fields[name] = {
        bytes: upload?.text.length ?? 0,
        filename: upload?.filename ?? "",
        ...(upload && { data: Buffer.from(upload.text, "latin1") }),
      } satisfies UploadedFile;
    else fields[name] = name === "reply_markup" ? JSON.parse(value) : value;
  }
  return fields;
}
