import type { ApiClientOptions } from "grammy";
import { tooManyRequests } from "./api-faults.js";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;

/**
 * Telegram's flood limits as a Bot API stand-in enforces them, written apart from the bot's queue
 * so that one checks the other: a message (a send, an edit, a copy or forward) is refused with 429
 * and a retry_after when it would be more than 30 in any second over all chats, more than a
 * chat's burst of 3 refilled at one a second, or more than 20 in any minute in a group (a negative
 * chat id). Only messages it takes are counted, at the moment they arrive; callback answers,
 * getUpdates and the like never are.
 */
export class TelegramLimitsStandIn {
  /** Every message taken and refused, with the stand-in's time. */
  readonly taken: { method: string; chat: number; at: number }[] = [];
  readonly refused: { method: string; chat: number; at: number; retryAfter: number }[] = [];
  private readonly overall: number[] = [];
  private readonly groups = new Map<number, number[]>();
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number,
    readonly rules = { perSecond: 30, chatBurst: 3, chatPerSecond: 1, groupPerMinute: 20 },
  ) {}

  static counts(method: string): boolean {
    return /^(send|edit|copyMessage|forwardMessage)/.test(method) && method !== "sendChatAction";
  }

  /** Undefined when the message is taken, else the seconds Telegram would tell the bot to wait. */
  check(method: string, chat: number): number | undefined {
    if (!TelegramLimitsStandIn.counts(method)) return undefined;
    const at = this.now();
    const waits: number[] = [];
    const inWindow = (times: number[], span: number) => times.filter((t) => t > at - span);
    const lastSecond = inWindow(this.overall, 1000);
    if (lastSecond.length >= this.rules.perSecond) waits.push(lastSecond[0]! + 1000 - at);
    const bucket = this.buckets.get(chat) ?? { tokens: this.rules.chatBurst, at };
    const tokens = Math.min(this.rules.chatBurst, bucket.tokens + ((at - bucket.at) / 1000) * this.rules.chatPerSecond);
    if (tokens < 1) waits.push(((1 - tokens) / this.rules.chatPerSecond) * 1000);
    const group = chat < 0 ? inWindow(this.groups.get(chat) ?? [], 60_000) : [];
    if (group.length >= this.rules.groupPerMinute) waits.push(group[0]! + 60_000 - at);
    if (waits.length > 0) {
      const retryAfter = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
      this.refused.push({ method, chat, at, retryAfter });
      return retryAfter;
    }
    this.overall.splice(0, this.overall.length - lastSecond.length);
    this.overall.push(at);
    this.buckets.set(chat, { tokens: tokens - 1, at });
    if (chat < 0) this.groups.set(chat, [...group, at]);
    this.taken.push({ method, chat, at });
    return undefined;
  }

  /** In front of an in-process Bot API (the emulator) at `client.fetch`: a refused call never reaches it. */
  fetch(next: Fetch): Fetch {
    return (async (url: string, init?: { body?: unknown }) => {
      const method = String(url).split("/").pop() ?? "";
      // A picture comes as a multipart stream: read once here, handed on as its bytes.
      if (init?.body !== undefined && typeof init.body !== "string" && !(init.body instanceof Uint8Array)) {
        const chunks: Buffer[] = [];
        for await (const chunk of init.body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
        init = { ...init, body: Buffer.concat(chunks) };
      }
      const body = init?.body;
      const chat =
        typeof body === "string"
          ? Number((JSON.parse(body) as { chat_id?: unknown }).chat_id)
          : body instanceof Uint8Array
            ? Number(/name="chat_id"\r\n\r\n(-?\d+)\r\n/.exec(Buffer.from(body).toString("latin1"))?.[1] ?? NaN)
            : NaN;
      const wait = Number.isNaN(chat) ? undefined : this.check(method, chat);
      if (wait === undefined) return next(url as never, init as never);
      return new Response(JSON.stringify({ ok: false, ...tooManyRequests(wait) }), { status: 429, headers: { "content-type": "application/json" } });
    }) as unknown as Fetch;
  }
}
