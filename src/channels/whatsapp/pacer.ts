import type { OutboxMedia, WhatsAppOutbox } from "../../db/whatsapp-outbox.js";

/** What the pacer needs from the clock; tests give a virtual one. */
export interface PacerClock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface PacerOptions {
  outbox: WhatsAppOutbox;
  /** Shows "typing…" in the user's chat. */
  typing(userId: number): Promise<void>;
  /** Sends one text (with `media`, a picture with the text as its caption); false when it could not go out (it stays in the outbox). */
  send(userId: number, text: string, media?: OutboxMedia): Promise<boolean>;
  /** Whether the client is connected: nothing is tried while it is not. */
  connected(): boolean;
  clock: PacerClock;
  /** The least time between two messages to the same chat. */
  chatGapMs: number;
  /** The most messages per minute over all chats. */
  perMinute: number;
  log(message: string): void;
}

/** How long "typing…" shows before a text: longer for longer texts, never long. */
export const typingMs = (text: string) => Math.min(1500, 300 + text.length * 3);

/** A message that failed this often while the client was connected is not retried forever. */
const MAX_ATTEMPTS = 3;

/**
 * Sends the outbox to WhatsApp the way a careful person would, so the number is not banned for
 * spamming: each chat's messages in order, "typing…" before each, a gap between two messages to
 * one chat, and a cap on messages per minute over all chats. One sender at a time keeps it simple
 * and the cap exact.
 */
export class Pacer {
  private running: Promise<void> | undefined;
  private again = false;
  private readonly lastSent = new Map<number, number>();
  private readonly recent: number[] = [];
  private readonly attempts = new Map<number, number>();
  private readonly abort = new AbortController();

  constructor(private readonly o: PacerOptions) {}

  /** Sends what waits in the outbox; resolves when it is empty or the client is not connected. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again && !this.abort.signal.aborted) void this.kick();
    });
    return this.running;
  }

  /** Stops between two messages; what is left waits in the outbox for the next start. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async drain(): Promise<void> {
    const { clock } = this.o;
    for (;;) {
      this.again = false;
      if (this.abort.signal.aborted || !this.o.connected()) return;
      const heads = this.o.outbox.heads();
      if (heads.length === 0) return;
      const now = clock.now();
      while (this.recent.length > 0 && this.recent[0]! <= now - 60_000) this.recent.shift();
      // Replies first: a broadcast's (bulk) messages go only when no reply waits, and within
      // three quarters of the minute's cap, so a reply that comes meanwhile finds room.
      const replies = heads.filter((h) => !h.bulk);
      const pool = replies.length > 0 ? replies : heads;
      const bulk = replies.length === 0;
      const cap = bulk ? Math.max(1, this.o.perMinute - Math.ceil(this.o.perMinute / 4)) : this.o.perMinute;
      const globalReady = this.recent.length >= cap ? this.recent[this.recent.length - cap]! + 60_000 : now;
      const chatReady = (userId: number) => (this.lastSent.get(userId) ?? -Infinity) + this.o.chatGapMs;
      // The chat that may be written to soonest; among equals the one waiting longest.
      const next = pool.reduce((a, b) => (chatReady(b.userId) < chatReady(a.userId) ? b : a));
      const wait = Math.max(globalReady, chatReady(next.userId)) - now;
      if (wait > 0) {
        // A bulk wait looks again each second: a reply may come in meanwhile.
        await clock.sleep(bulk ? Math.min(wait, 1_000) : wait, this.abort.signal);
        continue;
      }
      await this.o.typing(next.userId).catch(() => {});
      await clock.sleep(typingMs(next.text), this.abort.signal);
      if (this.abort.signal.aborted) return;
      if (await this.o.send(next.userId, next.text, next.media)) {
        this.o.outbox.done(next.id);
        this.attempts.delete(next.id);
      } else {
        if (!this.o.connected()) return;
        const tries = (this.attempts.get(next.id) ?? 0) + 1;
        this.attempts.set(next.id, tries);
        if (tries >= MAX_ATTEMPTS) {
          this.o.log(`whatsapp: message ${next.id} to user ${next.userId} failed ${tries} times while connected: dropped`);
          this.o.outbox.done(next.id);
          this.attempts.delete(next.id);
        }
      }
      // A failed try counts too: it is what WhatsApp saw.
      this.lastSent.set(next.userId, clock.now());
      this.recent.push(clock.now());
    }
  }
}
