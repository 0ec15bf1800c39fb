import { GrammyError, InputFile, type Api } from "grammy";
import { formatNumber, type Translate } from "../billing/format.js";
import type { Broadcast, Broadcasts, Counts, RecipientState } from "../db/broadcasts.js";
import type { Users } from "../db/users.js";
import type { BotDeps } from "./deps.js";
import { DEFAULT_LOCALE, translator } from "./i18n.js";

export interface BroadcasterOptions {
  store: Broadcasts;
  users: Users;
  i18n: BotDeps["i18n"];
  /** The Bot API of a channel running in this process. */
  apiFor(channel: string): Api | undefined;
  /** Tells the admin (progress is an edit of the status message). */
  notifyUser: BotDeps["notifyUser"];
  now(): number;
  log(message: string): void;
}

/**
 * How many recipients are taken at once: marked 'sending' in one commit, then sent side by side.
 * Telegram's outgoing queue paces them (30 a second); WhatsApp's go to the outbox as bulk
 * messages, which its pacer sends after every reply waiting there. A crash leaves at most this
 * many 'unknown'.
 */
const BATCH = 60;

/** Progress is reported each time about this share of the recipients more is done. */
const PROGRESS_STEPS = 10;

/**
 * Sends broadcasts in the background, within each channel's pace, one recipient at most once:
 * each is marked 'sending' durably before the message goes, and after a restart what is still
 * waiting is sent, what was being sent is not (Broadcasts.recover).
 */
export class Broadcaster {
  private readonly running = new Map<number, Promise<void>>();
  private stopping = false;

  constructor(private readonly o: BroadcasterOptions) {}

  /** At start-up, once every channel's bot is made: recipients left 'sending' are unknown, and every broadcast being sent goes on. */
  resume(): void {
    const unknown = this.o.store.recover();
    if (unknown > 0) this.o.log(`broadcast: ${unknown} recipients were being sent when the bot stopped: marked unknown, not sent again`);
    for (const id of this.o.store.sending()) this.kick(id);
  }

  /** Sends broadcast `id` (in state 'sending') unless it is under way already. */
  kick(id: number): void {
    if (this.stopping || this.running.has(id)) return;
    const run = this.run(id)
      .catch((err: Error) => this.o.log(`broadcast ${id}: ${err.stack ?? err.message}`))
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
  }

  /** Resolves when nothing is being sent (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Takes no more recipients; the batch under way finishes and is recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  private async run(id: number): Promise<void> {
    const b = this.o.store.get(id);
    if (b?.state !== "sending") return;
    let reported = this.done(this.o.store.counts(id));
    const total = Object.values(this.o.store.counts(id)).reduce((s, n) => s + n, 0);
    const step = Math.max(BATCH, Math.ceil(total / PROGRESS_STEPS));
    while (!this.stopping) {
      const batch = this.o.store.take(id, BATCH);
      if (batch.length === 0) break;
      const outcomes = await Promise.all(batch.map((userId) => this.sendTo(b, userId)));
      this.o.store.settle(id, outcomes, this.o.now());
      const counts = this.o.store.counts(id);
      if (this.done(counts) - reported >= step) {
        reported = this.done(counts);
        await this.tell(b, "broadcast-progress", counts, b.statusMessageId);
      }
    }
    if (this.o.store.finish(id, this.o.now())) await this.tell(b, "broadcast-finished", this.o.store.counts(id));
  }

  private done(c: Counts): number {
    return c.sent + c.blocked + c["opted-out"] + c.failed + c.unknown;
  }

  private async tell(b: Broadcast, key: string, c: Counts, replaces?: number): Promise<void> {
    const n = (v: number) => formatNumber(v);
    const count = Object.values(c).reduce((s, v) => s + v, 0);
    await this.o.notifyUser(
      b.adminId,
      (t) =>
        t(key, {
          id: b.id,
          count: n(count),
          done: n(this.done(c)),
          sent: n(c.sent),
          blocked: n(c.blocked),
          optedOut: n(c["opted-out"]),
          failed: n(c.failed),
          unknown: n(c.unknown),
        }),
      replaces,
    );
  }

  /**
   * Silent on Telegram (news, not a payment's answer); on WhatsApp that makes it a bulk message,
   * sent after replies. A picture goes by Telegram's file id to Telegram, by its bytes elsewhere.
   */
  private deliver(api: Api, channel: string, userId: number, b: Broadcast, text: string): Promise<unknown> {
    const quiet = { disable_notification: true };
    if (!b.photo) return api.sendMessage(userId, text, quiet);
    const photo = channel === "telegram" ? b.photo.fileId : new InputFile(Buffer.from(b.photo.data, "base64"), "broadcast.jpg");
    return api.sendPhoto(userId, photo, { caption: text, ...quiet });
  }

  /** One recipient: skipped when they opted out or blocked the bot, else sent on the channel they last used (the other when it fails). */
  private async sendTo(b: Broadcast, userId: number): Promise<{ userId: number; state: RecipientState; channel?: string }> {
    const user = this.o.users.get(userId);
    if (!user || user.blocked) return { userId, state: "failed" };
    if (user.optedOut) return { userId, state: "opted-out" };
    const routes = this.o.users.routes(userId, user);
    if (user.unreachableAt !== null && routes.length === 1) return { userId, state: "blocked" };
    const t: Translate = translator(this.o.i18n, user.language ?? DEFAULT_LOCALE);
    const text = `${b.text}\n\n${t("broadcast-footer")}`;
    let blocked = false;
    for (const channel of routes) {
      const api = this.o.apiFor(channel);
      if (!api) continue;
      const sent = await this.deliver(api, channel, userId, b, text).then(
        () => true,
        (err: unknown) => {
          if (err instanceof GrammyError && err.error_code === 403) {
            blocked = true;
            this.o.users.markUnreachable(userId, this.o.now());
          } else this.o.log(`broadcast ${b.id}: could not message user ${userId} on ${channel}: ${(err as Error).message}`);
          return false;
        },
      );
      if (sent) return { userId, state: "sent", channel };
    }
    return { userId, state: blocked ? "blocked" : "failed" };
  }
}
