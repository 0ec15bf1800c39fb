import type { Bot } from "grammy";
import type { App } from "../../app.js";
import type { BotContext } from "../../bot/context.js";
import { DEFAULT_LOCALE } from "../../bot/i18n.js";
import type { Config } from "../../config.js";
import { sqliteKeyboardStore } from "../../db/keyboard-store.js";
import { WhatsAppOutbox } from "../../db/whatsapp-outbox.js";
import { WhatsAppSeen } from "../../db/whatsapp-seen.js";
import { WhatsAppUsers } from "../../db/whatsapp-users.js";
import { DRAIN_MS, type ChannelSpec, type RunningChannel } from "../channel.js";
import { settledWithin } from "../settled-within.js";
import { BotApiEmulator, EMULATOR_BOT_INFO } from "../emulator.js";
import { messageMedia, type WhatsAppClient, type WhatsAppMessage } from "./client.js";
import { WhatsAppConnection } from "./connection.js";
import { ignoredBecause, isText, senderOf } from "./inbound.js";
import { Pacer, type PacerClock } from "./pacer.js";
import { renderForWhatsApp } from "./render.js";

export interface WhatsAppChannelOptions {
  settings: Pick<Config["whatsapp"], "chatGapMs" | "messagesPerMinute">;
  /** Gives the builder of clients when the channel starts: the real whatsapp-web.js one, or the tests' fake. */
  clients(): Promise<() => WhatsAppClient>;
  clock?: PacerClock;
  /** How often getState() is asked, and after how long not CONNECTED the client is rebuilt. */
  watchEveryMs?: number;
  stuckAfterMs?: number;
  /** How long a stop waits for messages being handled (DRAIN_MS). */
  drainMs?: number;
  log(message: string): void;
  /** What the operator should look at (a client that could not start, a logout); default: `log`. */
  warn?(message: string): void;
}

export interface WhatsAppSpec extends ChannelSpec {
  start(app: App, bot: Bot<BotContext>): Promise<WhatsAppRunning>;
}

/** The running channel, with what tests wait on. */
export interface WhatsAppRunning extends RunningChannel {
  connection: WhatsAppConnection;
  outbox: WhatsAppOutbox;
  /** Resolves once every message received so far is handled and the outbox is sent (or waits for a connection). */
  idle(): Promise<void>;
}

export const realClock: PacerClock = {
  now: Date.now,
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done);
    }),
};

/**
 * WhatsApp through whatsapp-web.js, reaching the same grammY bot as Telegram through a Bot API
 * emulator: a private chat's text becomes an update, the bot's answers become WhatsApp text
 * (numbered lists for keyboards), sent from a durable outbox at a careful pace.
 */
export function whatsappChannel(o: WhatsAppChannelOptions): WhatsAppSpec {
  const emulator = new BotApiEmulator();
  return {
    name: "whatsapp",
    token: "0:whatsapp",
    botConfig: { botInfo: EMULATOR_BOT_INFO, client: { fetch: emulator.fetch, apiRoot: "http://whatsapp.local" } },
    start: async (app, bot) => startWhatsApp(app, bot, emulator, o),
  };
}

async function startWhatsApp(app: App, bot: Bot<BotContext>, emulator: BotApiEmulator, o: WhatsAppChannelOptions): Promise<WhatsAppRunning> {
  const { deps } = app;
  const clock = o.clock ?? realClock;
  const log = o.log;
  const waUsers = new WhatsAppUsers(deps.db);
  const seen = new WhatsAppSeen(deps.db);
  const outbox = new WhatsAppOutbox(deps.db);
  emulator.persistKeyboards(sqliteKeyboardStore(deps.db));
  const locale = (userId: number) => deps.users.language(userId) ?? DEFAULT_LOCALE;
  let readyAt: number | undefined;

  const connection: WhatsAppConnection = new WhatsAppConnection({
    create: await o.clients(),
    now: clock.now,
    sleep: clock.sleep,
    watchEveryMs: o.watchEveryMs ?? 30_000,
    stuckAfterMs: o.stuckAfterMs ?? 3 * 60_000,
    log,
    warn: o.warn ?? log,
    handlers: {
      ready(_client, at) {
        readyAt = at;
        void pacer.kick();
      },
      connected: () => void pacer.kick(),
      message: (client, msg) => track(receive(client, msg)),
      // News about the link itself goes to the console and to Telegram: WhatsApp is down by then,
      // and a code kept in the outbox would be stale when it arrived.
      // The QR libraries are loaded with the first code: a linked bot never needs them.
      qr(qr) {
        track(
          Promise.all([import("qrcode-terminal"), import("qrcode")]).then(async ([{ default: qrcodeTerminal }, { default: QRCode }]) => {
            qrcodeTerminal.generate(qr, { small: true }, (art) => log(`Link WhatsApp: scan this QR code in WhatsApp → Linked devices.\n${art}`));
            await app.tellTelegramAdmins((t) => t("whatsapp-link-qr"), await QRCode.toBuffer(qr, { margin: 2, width: 512 }));
          }),
        );
      },
      code(code) {
        log(`Link WhatsApp: enter the code ${code} in WhatsApp → Linked devices → Link with phone number.`);
        track(app.tellTelegramAdmins((t) => t("whatsapp-link-code", { code })));
      },
      loggedOut() {
        (o.warn ?? log)("WhatsApp logged out: the number must be linked again.");
        track(app.tellTelegramAdmins((t) => t("whatsapp-logged-out")));
      },
    },
  });

  const pacer: Pacer = new Pacer({
    outbox,
    clock,
    chatGapMs: o.settings.chatGapMs,
    perMinute: o.settings.messagesPerMinute,
    connected: () => connection.connected,
    log,
    async typing(userId) {
      const client = connection.current;
      const to = waUsers.chatIdOf(userId);
      if (client && to) await (await client.getChatById(to)).sendStateTyping();
    },
    async send(userId, text, media) {
      const client = connection.current;
      const to = waUsers.chatIdOf(userId);
      if (!client || !to) return false;
      try {
        if (media) await client.sendMessage(to, await messageMedia(media), { caption: text });
        else await client.sendMessage(to, text);
        return true;
      } catch (err) {
        log(`whatsapp: could not message user ${userId}: ${(err as Error).message}`);
        return false;
      }
    },
  });

  // Everything for a WhatsApp chat goes through the outbox, and only to people who wrote first:
  // writing first to a number is what gets a WhatsApp account banned.
  emulator.onOutput((out) => {
    if (!waUsers.chatIdOf(out.chatId)) return log(`whatsapp: user ${out.chatId} never wrote to the bot: message not sent`);
    // A picture (a deposit's QRIS) goes as an image, a file (a CSV statement) as a document, with the message's text as its caption.
    const photo = out.kind === "message" ? (out.photo ?? out.document) : undefined;
    const media = photo && { mimetype: photo.mimetype, data: photo.data.toString("base64"), filename: photo.filename };
    outbox.add(
      out.chatId,
      renderForWhatsApp(out, (max) => deps.i18n.t(locale(out.chatId), "choice-hint", { max })),
      clock.now(),
      media,
      out.kind === "message" && out.quiet === true,
    );
    void pacer.kick();
  });

  const inFlight = new Set<Promise<unknown>>();
  function track(p: Promise<unknown>): void {
    const settled = p.catch((err: Error) => log(`whatsapp: ${err.stack ?? err.message}`)).finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  }
  // One update at a time per chat, in the order they came: a typed number must see the keyboard
  // the previous answer left. Different chats go side by side.
  const chats = new Map<string, Promise<void>>();
  const inOrder = (chatId: string, step: () => Promise<void>) => {
    const next = (chats.get(chatId) ?? Promise.resolve()).then(step).catch((err: Error) => log(`whatsapp: ${chatId}: ${err.message}`));
    chats.set(chatId, next);
    void next.finally(() => chats.get(chatId) === next && chats.delete(chatId));
    return next;
  };

  async function receive(client: WhatsAppClient, msg: WhatsAppMessage): Promise<void> {
    if (readyAt === undefined || ignoredBecause(msg, readyAt)) return;
    if (!seen.firstTime(msg.id._serialized, clock.now())) return log(`whatsapp: message ${msg.id._serialized} seen before: ignored`);
    await inOrder(msg.from, async () => {
      const sender = await senderOf(client, msg, log);
      const userId = waUsers.resolve(sender, clock.now());
      const text = msg.body.trim();
      if (!isText(msg) || !text) {
        // They wrote here: the note below (and what follows) comes here, also for a linked account.
        const user = deps.users.get(userId);
        if (user) deps.users.seen(user, "whatsapp", clock.now());
        // A blocked user hears "blocked" from the bot when they write text; nothing more here.
        if (!deps.users.get(userId)?.blocked) await deps.notifyUser(userId, (t) => t("whatsapp-text-only"));
        return;
      }
      await bot.handleUpdate(emulator.text({ id: userId, firstName: sender.name }, text));
    });
  }

  const idle = async () => {
    for (;;) {
      while (inFlight.size > 0) await Promise.all(inFlight);
      await app.worker.idle();
      await pacer.kick();
      if (inFlight.size === 0 && (outbox.size() === 0 || !connection.connected)) return;
    }
  };

  connection.start();
  app.health.set("whatsapp", () => (connection.connected ? undefined : "not connected"));
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  return {
    connection,
    outbox,
    idle,
    done,
    async stop() {
      const drainMs = o.drainMs ?? DRAIN_MS;
      if (!(await settledWithin(inFlight, drainMs))) log(`WhatsApp: ${inFlight.size} messages still being handled after ${drainMs / 1000} s; stopping anyway.`);
      await pacer.stop();
      await connection.stop();
      resolveDone();
    },
  };
}
