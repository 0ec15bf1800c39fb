import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { tooManyRequests } from "./api-faults.js";
import { TelegramLimitsStandIn } from "./telegram-limits.js";

/**
 * A Bot API stand-in on 127.0.0.1 for a bot that long-polls it as it would api.telegram.org
 * (TELEGRAM_API_ROOT): updates are queued for getUpdates, every call the bot makes is answered the
 * way Telegram answers it and kept per chat, so a driver can wait for the bot's next reply and press
 * the buttons on it. Any token is accepted. With `limits` on it keeps Telegram's flood limits as
 * TelegramLimitsStandIn does, on the wall clock: a message past them is answered 429 and not kept.
 */

export interface SentMessage {
  method: string;
  chatId: number;
  messageId: number;
  text: string;
  /** callback_data of the inline keyboard, row by row flattened; [] when none. */
  buttons: { text: string; data: string }[];
  at: number;
}

export interface FakeBotApi {
  url: string;
  /** How many Bot API calls arrived, all methods. */
  calls(): number;
  /** Telegram's flood limits: on or off from now on. */
  limits(on: boolean): void;
  /** Messages taken and refused (429) under the limits so far. */
  taken(): number;
  refused(): number;
  /** Queues an update (update_id is filled in) for the next getUpdates. */
  push(update: Record<string, unknown>): void;
  /** A private-chat text message from `userId`, queued; commands get their entity. */
  text(userId: number, text: string): void;
  /** A press of the button with `data` on the bot's message `messageId` in `userId`'s chat, queued. */
  press(userId: number, messageId: number, data: string): void;
  /** Everything the bot sent or edited in this chat, in order. */
  sent(chatId: number): SentMessage[];
  /** Resolves with the first message the bot sends or edits in `chatId` after `after` messages (default: from now). */
  next(chatId: number, opts?: { after?: number; match?: (m: SentMessage) => boolean; timeoutMs?: number }): Promise<SentMessage>;
  /** The newest message in the chat that carries buttons. */
  keyboard(chatId: number): SentMessage | undefined;
  close(): Promise<void>;
}

/** The text fields of a multipart body (the file's bytes are not kept). */
function formFields(raw: Buffer, boundary: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const part of raw.toString("latin1").split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    const head = part.slice(0, split);
    const name = /name="([^"]+)"/.exec(head)?.[1];
    if (split < 0 || !name || /filename=/.test(head)) continue;
    const value = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ""), "latin1").toString("utf8");
    fields[name] = name === "reply_markup" ? JSON.parse(value) : value;
  }
  return fields;
}

interface Waiter {
  after: number;
  match: (m: SentMessage) => boolean;
  resolve: (m: SentMessage) => void;
}

export async function startFakeBotApi(opts: { limits?: boolean } = {}): Promise<FakeBotApi> {
  const limiter = new TelegramLimitsStandIn(() => performance.now());
  let limited = opts.limits ?? false;
  let updateId = 0;
  let messageId = 0;
  let callCount = 0;
  const queue: Record<string, unknown>[] = [];
  const polls: ((updates: Record<string, unknown>[]) => void)[] = [];
  const chats = new Map<number, SentMessage[]>();
  const waiters = new Map<number, Waiter[]>();

  const record = (m: SentMessage) => {
    const list = chats.get(m.chatId) ?? [];
    chats.set(m.chatId, list);
    list.push(m);
    const pending = waiters.get(m.chatId) ?? [];
    for (const w of [...pending]) {
      if (list.length > w.after && w.match(m)) {
        pending.splice(pending.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };

  const flush = () => {
    while (polls.length > 0 && queue.length > 0) polls.shift()!(queue.splice(0, 100));
  };

  const answer = (res: ServerResponse, result: unknown) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ok: true, result }));
  };

  function handle(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): void {
    const method = (req.url ?? "").split("/").pop() ?? "";
    callCount++;
    const chatId = Number(body.chat_id);
    const wait = limited && !Number.isNaN(chatId) ? limiter.check(method, chatId) : undefined;
    if (wait !== undefined) {
      res.statusCode = 429;
      res.setHeader("content-type", "application/json");
      return void res.end(JSON.stringify({ ok: false, ...tooManyRequests(wait) }));
    }
    const buttonsOf = () =>
      ((body.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [])
        .flat()
        .flatMap((b) => (b.callback_data === undefined ? [] : [{ text: b.text, data: b.callback_data }]));
    switch (method) {
      case "getMe":
        return answer(res, {
          id: 42,
          is_bot: true,
          first_name: "Bench",
          username: "bench_bot",
          can_join_groups: false,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        });
      case "getUpdates": {
        const offset = Number(body.offset ?? 0);
        // Updates below the offset were confirmed by the bot: Telegram forgets them.
        while (queue.length > 0 && Number(queue[0]!.update_id) < offset) queue.shift();
        if (queue.length > 0) return answer(res, queue.splice(0, 100));
        const forget = () => {
          clearTimeout(timer);
          const i = polls.indexOf(deliver);
          if (i >= 0) polls.splice(i, 1);
        };
        const timer = setTimeout(
          () => {
            forget();
            answer(res, []);
          },
          Math.min(Number(body.timeout ?? 0), 1) * 1000 + 50,
        );
        const deliver = (updates: Record<string, unknown>[]) => {
          clearTimeout(timer);
          answer(res, updates);
        };
        polls.push(deliver);
        // A bot that stopped while polling (the bench restarts it) must not swallow the next updates.
        res.once("close", forget);
        return;
      }
      case "sendMessage":
      case "sendPhoto": {
        // A picture (a struk) is kept as a message whose text is its caption.
        const m = { method, chatId, messageId: ++messageId, text: String(body.text ?? body.caption ?? ""), buttons: buttonsOf(), at: performance.now() };
        record(m);
        return answer(res, { message_id: m.messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, text: m.text });
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        const old = [...(chats.get(chatId) ?? [])].reverse().find((m) => m.messageId === Number(body.message_id));
        const text = method === "editMessageText" ? String(body.text ?? "") : (old?.text ?? "");
        record({ method, chatId, messageId: Number(body.message_id), text, buttons: buttonsOf(), at: performance.now() });
        return answer(res, { message_id: Number(body.message_id), date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, text });
      }
      default:
        // answerCallbackQuery, sendChatAction, setMyCommands, deleteWebhook, deleteMessage...
        return answer(res, true);
    }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const type = req.headers["content-type"] ?? "";
      // grammY posts JSON, and multipart form data when it uploads a file (sendPhoto).
      if (!type.startsWith("multipart/form-data")) return handle(req, res, raw.length > 0 ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : {});
      handle(req, res, formFields(raw, /boundary=("?)([^";]+)\1/.exec(type)?.[2] ?? ""));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));

  const from = (userId: number) => ({ id: userId, is_bot: false, first_name: `U${userId}` });
  const chat = (userId: number) => ({ id: userId, type: "private", first_name: `U${userId}` });
  const api: FakeBotApi = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => callCount,
    limits: (on) => void (limited = on),
    taken: () => limiter.taken.length,
    refused: () => limiter.refused.length,
    push(update) {
      queue.push({ ...update, update_id: ++updateId });
      flush();
    },
    text(userId, text) {
      const command = /^\/\w+/.exec(text);
      api.push({
        message: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: chat(userId),
          from: from(userId),
          text,
          ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
        },
      });
    },
    press(userId, onMessage, data) {
      api.push({
        callback_query: {
          id: String(updateId + 1),
          from: from(userId),
          chat_instance: String(userId),
          data,
          message: {
            message_id: onMessage,
            date: Math.floor(Date.now() / 1000),
            chat: chat(userId),
            from: { id: 42, is_bot: true, first_name: "Bench" },
            text: "",
          },
        },
      });
    },
    sent: (chatId) => chats.get(chatId) ?? [],
    next(chatId, { after = api.sent(chatId).length, match = () => true, timeoutMs = 60_000 } = {}) {
      const already = api.sent(chatId).slice(after).find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply in chat ${chatId} within ${timeoutMs} ms`)), timeoutMs);
        const list = waiters.get(chatId) ?? [];
        waiters.set(chatId, list);
        list.push({
          after,
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    keyboard: (chatId) => [...api.sent(chatId)].reverse().find((m) => m.buttons.length > 0),
    close: () =>
      new Promise((r) => {
        for (const p of polls.splice(0)) p([]);
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return api;
}
