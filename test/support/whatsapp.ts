import { EventEmitter } from "node:events";
import type WAWebJS from "whatsapp-web.js";
import wweb from "whatsapp-web.js";
import { whatsappChannel, type WhatsAppRunning } from "../../src/channels/whatsapp/channel.js";
import type { WhatsAppClient } from "../../src/channels/whatsapp/client.js";
import type { PacerClock } from "../../src/channels/whatsapp/pacer.js";
import type { Harness } from "./harness.js";

/** The bot's own number, as the fake is linked to. */
export const BOT_NUMBER = "6281100000000@c.us";

/**
 * A clock for the WhatsApp channel that moves only when the channel waits: a wait of 2 s takes no
 * time, and the channel sees 2 s pass. What the pacing did is read from it, never from a wall clock.
 */
export class VirtualClock implements PacerClock {
  t = Date.UTC(2026, 10, 23, 3, 0, 0);
  readonly sleeps: number[] = [];
  readonly now = () => this.t;
  readonly sleep = async (ms: number, signal: AbortSignal) => {
    this.sleeps.push(ms);
    if (!signal.aborted) this.t += ms;
    await Promise.resolve();
  };
}

export interface Sent {
  to: string;
  /** The text, or a picture's caption. */
  text: string;
  at: number;
  typedAt: number | undefined;
  /** A picture, sent as the library's MessageMedia. */
  media?: { mimetype: string; filename: string | null | undefined; bytes: Buffer };
}

let messageSeq = 0;

/** The library's Message class: its declarations list it as an interface only. */
const Message = (wweb as unknown as { Message: new (client: WAWebJS.Client, data: Record<string, unknown>) => WAWebJS.Message }).Message;

/**
 * A whatsapp-web.js client without a browser: it implements the channel's client interface and
 * hands the channel the library's own Message objects, built from data shaped as WhatsApp Web
 * gives it. Tests emit what WhatsApp would (`ready`, `message`, `disconnected`...).
 */
export class FakeWhatsApp extends EventEmitter implements WhatsAppClient {
  readonly sent: Sent[] = [];
  /** `@lid` -> `@c.us` as getContactLidAndPhone answers. */
  readonly lids = new Map<string, string>();
  state: WAWebJS.WAState = wweb.WAState.CONNECTED;
  initialized = false;
  destroyed = false;
  initError: Error | undefined;
  private readonly typedAt = new Map<string, number>();

  constructor(private readonly clock: VirtualClock) {
    super();
  }

  async initialize(): Promise<void> {
    this.initialized = true;
    if (this.initError) throw this.initError;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  async getState(): Promise<WAWebJS.WAState> {
    return this.state;
  }

  async getContactLidAndPhone(ids: string[]): Promise<{ lid: string; pn: string }[]> {
    return ids.map((lid) => ({ lid, pn: this.lids.get(lid) ?? "" }));
  }

  async getChatById(chatId: string): Promise<Pick<WAWebJS.Chat, "sendStateTyping">> {
    return { sendStateTyping: async () => void this.typedAt.set(chatId, this.clock.now()) };
  }

  async sendMessage(chatId: string, content: WAWebJS.MessageContent, options?: WAWebJS.MessageSendOptions): Promise<WAWebJS.Message> {
    if (this.destroyed || this.state !== wweb.WAState.CONNECTED) throw new Error("Session closed.");
    // The library sends a MessageMedia (its own class, as it checks) as an image with options.caption.
    const media =
      content instanceof wweb.MessageMedia ? { mimetype: content.mimetype, filename: content.filename, bytes: Buffer.from(content.data, "base64") } : undefined;
    const text = media ? (options?.caption ?? "") : String(content);
    this.sent.push({ to: chatId, text, at: this.clock.now(), typedAt: this.typedAt.get(chatId), ...(media && { media }) });
    this.typedAt.delete(chatId);
    return this.message({ from: BOT_NUMBER, to: chatId, body: text, fromMe: true });
  }

  /** A message as WhatsApp Web describes it, wrapped in the library's Message. */
  message(o: {
    from: string;
    to?: string;
    body?: string;
    type?: string;
    fromMe?: boolean;
    t?: number;
    name?: string;
    id?: string;
    extra?: Record<string, unknown>;
  }): WAWebJS.Message {
    const id = o.id ?? `3EB0${(++messageSeq).toString(16).toUpperCase().padStart(16, "0")}`;
    const remote = o.fromMe ? (o.to ?? "") : o.from;
    return new Message(this as unknown as WAWebJS.Client, {
      id: { fromMe: Boolean(o.fromMe), remote, id, _serialized: `${Boolean(o.fromMe)}_${remote}_${id}` },
      body: o.body ?? "",
      type: o.type ?? "chat",
      t: o.t ?? Math.floor(this.clock.now() / 1000),
      from: o.from,
      to: o.to ?? BOT_NUMBER,
      notifyName: o.name,
      ack: 1,
      isNewMsg: true,
      ...o.extra,
    });
  }

  /** Someone writes to the bot. */
  receive(from: string, body: string, more: Omit<Parameters<FakeWhatsApp["message"]>[0], "from" | "body"> = {}): WAWebJS.Message {
    const msg = this.message({ name: "Budi", ...more, from, body });
    this.emit("message", msg);
    return msg;
  }
}

export interface WhatsAppSide {
  channel: WhatsAppRunning;
  clock: VirtualClock;
  /** Every client the channel built, newest last. */
  clients: FakeWhatsApp[];
  readonly client: FakeWhatsApp;
  logs: string[];
  /** A user writes; waits until the bot has answered and the outbox has gone out. */
  say(from: string, body: string, more?: Parameters<FakeWhatsApp["receive"]>[2]): Promise<void>;
  /** What the bot sent to a WhatsApp id, oldest first. */
  texts(to: string): string[];
  lastText(to: string): string;
}

/**
 * The WhatsApp channel next to the harness's (emulated) Telegram bot, on the same app: database,
 * worker, notifier and admins. The first client is linked and ready unless `ready: false`.
 */
export async function addWhatsApp(h: Harness, opts: { ready?: boolean; chatGapMs?: number; perMinute?: number; drainMs?: number } = {}): Promise<WhatsAppSide> {
  const clock = new VirtualClock();
  const clients: FakeWhatsApp[] = [];
  const logs: string[] = [];
  const spec = whatsappChannel({
    settings: { chatGapMs: opts.chatGapMs ?? 2_000, messagesPerMinute: opts.perMinute ?? 20 },
    clients: async () => () => {
      const c = new FakeWhatsApp(clock);
      clients.push(c);
      return c;
    },
    clock,
    drainMs: opts.drainMs,
    log: (m) => logs.push(m),
  });
  const bot = h.app.addBot("whatsapp", spec.token, spec.botConfig);
  const channel = await spec.start(h.app, bot);
  const close = h.close;
  h.close = async () => {
    await channel.stop();
    await close();
  };
  if (opts.ready !== false) clients[0]!.emit("ready");
  const side: WhatsAppSide = {
    channel,
    clock,
    clients,
    get client() {
      return clients.at(-1)!;
    },
    logs,
    async say(from, body, more) {
      side.client.receive(from, body, more);
      await channel.idle();
    },
    texts: (to) =>
      clients
        .flatMap((c) => c.sent)
        .filter((s) => s.to === to)
        .map((s) => s.text),
    lastText: (to) => side.texts(to).at(-1) ?? "",
  };
  return side;
}

/** The number of the listed choice whose label contains `label`, from the newest message to `to`. */
export function numberOf(wa: WhatsAppSide, to: string, label: string): string {
  const line = wa
    .lastText(to)
    .split("\n")
    .find((l) => /^\d+\. /.test(l) && l.includes(label));
  if (!line) throw new Error(`no choice "${label}" in:\n${wa.lastText(to)}`);
  return line.split(".")[0]!;
}
