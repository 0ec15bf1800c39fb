import type { ApiClientOptions } from "grammy";
import type { InlineKeyboardButton, Message, Update, UserFromGetMe } from "grammy/types";

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

export interface ButtonChoice {
  n: number;
  text: string;
  data: string;
}

export type Output =
  | { kind: "message"; chatId: number; messageId: number; text: string; buttons: ButtonChoice[] }
  | { kind: "edit"; chatId: number; messageId: number; text: string; buttons: ButtonChoice[] }
  /** A callback answer with text: a toast on Telegram, a line of its own elsewhere. */
  | { kind: "notice"; chatId: number; text: string };

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

interface StoredMessage {
  text: string;
  buttons: ButtonChoice[];
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
  private nextMessageId = 1;
  private readonly messages = new Map<number, Map<number, StoredMessage>>();
  private readonly activeKeyboard = new Map<number, number>();
  private readonly users = new Map<number, ChatUser>();
  private readonly listeners: ((out: Output) => void)[] = [];
  /** Which chat each callback query came from, to show its answer there. */
  private readonly callbackChats = new Map<string, number>();

  /** Plug this in as `client.fetch`. */
  readonly fetch = (async (url: string, init?: { body?: unknown }) => {
    const method = String(url).split("/").pop() ?? "";
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    this.calls.push({ method, payload });
    const result = this.handle(method, payload);
    const body = result === undefined
      ? { ok: false, error_code: 400, description: `Bad Request: ${method} not understood` }
      : { ok: true, result };
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  }) as unknown as NonNullable<ApiClientOptions["fetch"]>;

  onOutput(listener: (out: Output) => void): void {
    this.listeners.push(listener);
  }

  /**
   * What a user typed, as an update: a number while a keyboard is active presses that button,
   * a leading slash is a command, anything else is a text message.
   */
  text(user: ChatUser, text: string): Update {
    this.users.set(user.id, user);
    const active = this.activeKeyboard.get(user.id);
    const stored = active === undefined ? undefined : this.messages.get(user.id)?.get(active);
    const choice = /^\s*\d{1,2}\s*$/.test(text) ? stored?.buttons.find((b) => b.n === Number(text)) : undefined;
    if (choice && active !== undefined) return this.press(user, active, choice.data);
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
        const messageId = this.nextMessageId++;
        const stored = { text: String(p.text ?? ""), buttons: buttonsOf(p.reply_markup) };
        this.store(chatId, messageId, stored);
        this.emit({ kind: "message", chatId, messageId, ...stored });
        return this.asMessage(chatId, messageId, stored.text);
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        const chatId = Number(p.chat_id);
        const messageId = Number(p.message_id);
        const old = this.messages.get(chatId)?.get(messageId);
        if (!old) return undefined;
        const text = method === "editMessageText" ? String(p.text ?? "") : old.text;
        const stored = { text, buttons: buttonsOf(p.reply_markup) };
        this.store(chatId, messageId, stored);
        // Removing a keyboard needs no words in a text channel; new text or new buttons do.
        if (text !== old.text || stored.buttons.length > 0) this.emit({ kind: "edit", chatId, messageId, ...stored });
        return this.asMessage(chatId, messageId, text);
      }
      case "answerCallbackQuery": {
        const text = typeof p.text === "string" ? p.text : "";
        const chatId = this.callbackChats.get(String(p.callback_query_id));
        if (text && chatId !== undefined) this.emit({ kind: "notice", chatId, text });
        return true;
      }
      case "deleteMessage": {
        const chatId = Number(p.chat_id);
        this.messages.get(chatId)?.delete(Number(p.message_id));
        if (this.activeKeyboard.get(chatId) === Number(p.message_id)) this.activeKeyboard.delete(chatId);
        return true;
      }
      default:
        // sendChatAction, setMyCommands, deleteWebhook...: nothing to show.
        return true;
    }
  }


  private store(chatId: number, messageId: number, stored: StoredMessage): void {
    let chat = this.messages.get(chatId);
    if (!chat) this.messages.set(chatId, (chat = new Map()));
    chat.set(messageId, stored);
    if (stored.buttons.length > 0) this.activeKeyboard.set(chatId, messageId);
    else if (this.activeKeyboard.get(chatId) === messageId) this.activeKeyboard.delete(chatId);
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

function buttonsOf(markup: unknown): ButtonChoice[] {
  const rows = (markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard ?? [];
  return rows
    .flat()
    .flatMap((b) => ("callback_data" in b ? [{ text: b.text, data: b.callback_data }] : []))
    .map((b, i) => ({ n: i + 1, ...b }));
}
