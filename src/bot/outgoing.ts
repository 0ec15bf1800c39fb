import type { Timers } from "./timers.js";

/**
 * Telegram's flood limits (core.telegram.org/bots/faq, "My bot is hitting limits"): about 30
 * messages a second over all chats, about one a second in a chat with short bursts tolerated,
 * and 20 a minute in a group.
 */
export interface TelegramLimits {
  perSecond: number;
  chatPerSecond: number;
  /** How many messages a chat may get at once after a quiet spell. */
  chatBurst: number;
  groupPerMinute: number;
}

export const TELEGRAM_LIMITS: Readonly<TelegramLimits> = { perSecond: 30, chatPerSecond: 1, chatBurst: 3, groupPerMinute: 20 };

/**
 * The calls Telegram's limits count: the ones that put a message in a chat or change one. Callback
 * answers, chat actions, getUpdates, getMe, setWebhook... are not messages and never wait here.
 */
export const isMessageCall = (method: string) => /^(?:send(?!ChatAction)|edit|copyMessage|forwardMessage|stopPoll)/.test(method);

/**
 * The chat a call's body names (`chat_id`), as a key: "-100…" or a quoted "@name" is a group or a
 * channel. grammY writes chat_id first in every JSON body, so a look at its start nearly always does.
 */
export function chatOf(body: unknown): string | undefined {
  if (typeof body === "string") {
    const id = /^\{"chat_id":(-?\d+|"[^"\\]*")/.exec(body)?.[1];
    if (id !== undefined) return id;
    try {
      const parsed = (JSON.parse(body) as { chat_id?: unknown } | null)?.chat_id;
      return typeof parsed === "number" ? String(parsed) : typeof parsed === "string" ? JSON.stringify(parsed) : undefined;
    } catch {
      return undefined;
    }
  }
  // A multipart upload, already read into bytes by the retrying fetch.
  if (body instanceof Uint8Array) return /name="chat_id"\r\n\r\n([^\r]+)/.exec(Buffer.from(body).toString("latin1"))?.[1];
  return undefined;
}

/** Hands one attempt of a call on in its turn, no earlier than `notBefore` (a flood-wait, a pause after a 5xx). */
export type Send = <T>(attempt: () => Promise<T>, notBefore?: number) => Promise<T>;

/**
 * At most `limit` calls in any `spanMs`. A call counts from the moment it is handed on until
 * `spanMs` after its answer: Telegram counted it somewhere in between, so however the network's
 * delay varies, no two calls reach Telegram closer together than they are counted here.
 */
class Window {
  private inFlight = 0;
  private readonly answered: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly spanMs: number,
  ) {}

  /** When one more call may go: `now`, a later time, or Infinity (once a call in flight is answered). */
  openAt(now: number): number {
    const a = this.answered;
    while (a.length > 0 && a[0]! <= now - this.spanMs) a.shift();
    if (this.inFlight + a.length < this.limit) return now;
    return a.length > 0 ? a[0]! + this.spanMs : Infinity;
  }

  sent(): void {
    this.inFlight++;
  }

  answer(at: number): void {
    this.inFlight--;
    this.answered.push(at);
  }

  /** Nothing counted any more: the window can be forgotten. */
  quiet(now: number): boolean {
    return this.openAt(now) === now && this.inFlight === 0 && this.answered.length === 0;
  }
}

/** One chat's calls: one at a time, in the order they came, each with its retries. */
interface Lane {
  /** A group's 20 a minute, besides the pace every chat has. */
  readonly group: Window | undefined;
  /**
   * The chat's pace as a virtual schedule (GCRA): the time its next message is due at one a second;
   * one may go up to a burst's worth earlier. Moved on at each answer, as a window's count is.
   */
  due: number;
  busy: boolean;
  /** Calls waiting for the one under way to finish, oldest first. */
  readonly waiting: { since: number; start: () => void }[];
}

/** An attempt ready to be handed on once the limits allow. */
interface Ready {
  lane: Lane;
  /** When its call came in: how long it has waited in all. */
  since: number;
  notBefore: number;
  go: () => void;
}

/** How often the queue looks at itself while something waits, and from what wait it is long enough to say so. */
const WATCH_MS = 5_000;
const LONG_MS = 5_000;
const LOG_EVERY_MS = 60_000;
/** How often chats that have been quiet long enough to have their whole burst again are forgotten. */
const SWEEP_MS = 60_000;

/**
 * One outgoing queue per Telegram bot, in front of the Bot API at `client.fetch`, that keeps the
 * bot's messages within Telegram's limits before Telegram has to refuse them: calls to one chat
 * go one after the other in the order they came (a flood-wait or a retry holds the ones behind
 * it), and the chats that may be written to take turns for the overall rate, the longest waiting
 * first. A single chat at a human pace never waits: its burst covers a reply of a few messages.
 */
export class OutgoingQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly overall: Window;
  private ready: Ready[] = [];
  private readonly chatGapMs: number;
  private readonly chatBurstMs: number;
  private pumping = false;
  private wake: { at: number; cancel: () => void } | undefined;
  private watching: (() => void) | undefined;
  private toldAt = -Infinity;
  private sweptAt: number;

  constructor(
    private readonly limits: TelegramLimits,
    private readonly timers: Timers,
    private readonly log: (message: string) => void,
  ) {
    this.overall = new Window(limits.perSecond, 1_000);
    this.chatGapMs = 1_000 / limits.chatPerSecond;
    this.chatBurstMs = (limits.chatBurst - 1) * this.chatGapMs;
    this.sweptAt = timers.now();
  }

  /** Runs `call` (one Bot API call with its retries) in `chat`'s turn; each attempt goes through `send`. */
  inTurn<T>(chat: string, call: (send: Send) => Promise<T>): Promise<T> {
    const now = this.timers.now();
    this.sweep(now);
    const lane = this.lane(chat);
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        lane.busy = true;
        const send: Send = (attempt, notBefore) => this.send(lane, now, attempt, notBefore);
        call(send).then(
          (value) => {
            this.next(lane);
            resolve(value);
          },
          (err: unknown) => {
            this.next(lane);
            reject(err);
          },
        );
      };
      if (!lane.busy) return start();
      lane.waiting.push({ since: now, start });
      this.watch();
    });
  }

  /** How many calls wait (not yet handed to Telegram) and how long the oldest has waited. */
  stats(): { waiting: number; oldestMs: number } {
    const now = this.timers.now();
    let waiting = this.ready.length;
    let oldest = now;
    for (const r of this.ready) oldest = Math.min(oldest, r.since);
    for (const lane of this.lanes.values()) {
      waiting += lane.waiting.length;
      if (lane.waiting.length > 0) oldest = Math.min(oldest, lane.waiting[0]!.since);
    }
    return { waiting, oldestMs: now - oldest };
  }

  private lane(chat: string): Lane {
    let lane = this.lanes.get(chat);
    if (!lane) {
      const group = chat.startsWith("-") || chat.startsWith('"') ? new Window(this.limits.groupPerMinute, 60_000) : undefined;
      lane = { group, due: -Infinity, busy: false, waiting: [] };
      this.lanes.set(chat, lane);
    }
    return lane;
  }

  private next(lane: Lane): void {
    lane.busy = false;
    lane.waiting.shift()?.start();
  }

  private send<T>(lane: Lane, since: number, attempt: () => Promise<T>, notBefore = -Infinity): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const go = () => {
        this.overall.sent();
        lane.group?.sent();
        // The limits move on before the caller hears the answer, so a retry it sends at once is counted right.
        attempt().then(
          (answer) => {
            this.answered(lane);
            resolve(answer);
          },
          (err: unknown) => {
            this.answered(lane);
            reject(err);
          },
        );
      };
      const ready: Ready = { lane, since, notBefore, go };
      const now = this.timers.now();
      // Nothing waits and the limits allow it: straight on (a single user's replies always are).
      if (this.ready.length === 0 && this.overall.openAt(now) <= now && this.laneOpenAt(ready, now) <= now) return go();
      this.ready.push(ready);
      this.schedule();
      this.watch();
    });
  }

  private answered(lane: Lane): void {
    const at = this.timers.now();
    this.overall.answer(at);
    lane.group?.answer(at);
    lane.due = Math.max(lane.due, at) + this.chatGapMs;
    if (this.ready.length > 0) this.schedule();
  }

  /** When this chat's own limits let its attempt go. */
  private laneOpenAt(r: Ready, now: number): number {
    return Math.max(r.notBefore, r.lane.due - this.chatBurstMs, r.lane.group?.openAt(now) ?? now);
  }

  /** One pass over what waits, at the end of the current turn (many answers or calls in a row make one pass). */
  private schedule(): void {
    if (this.pumping) return;
    this.pumping = true;
    queueMicrotask(this.pump);
  }

  private readonly pump = () => {
    this.pumping = false;
    const now = this.timers.now();
    let overallAt = this.overall.openAt(now);
    let wakeAt = Infinity;
    const left: Ready[] = [];
    for (const r of this.ready) {
      // Once the overall rate is used up, the rest keep their places for the next pass.
      if (overallAt > now) {
        left.push(r);
        continue;
      }
      const at = this.laneOpenAt(r, now);
      if (at > now) {
        wakeAt = Math.min(wakeAt, at);
        left.push(r);
        continue;
      }
      r.go();
      overallAt = this.overall.openAt(now);
    }
    this.ready = left;
    // Infinity: every slot of the second is in flight, and the next answer brings another pass.
    if (left.length > 0 && overallAt > now) wakeAt = Math.min(wakeAt, overallAt);
    if (this.wake?.at === wakeAt) return;
    this.wake?.cancel();
    this.wake = wakeAt === Infinity ? undefined : { at: wakeAt, cancel: this.timers.after(wakeAt - now, this.woken) };
  };

  private readonly woken = () => {
    this.wake = undefined;
    this.pump();
  };

  /** While calls wait: a look every few seconds, and a log line a minute while the wait is long. */
  private watch(): void {
    this.watching ??= this.timers.after(WATCH_MS, () => {
      this.watching = undefined;
      const { waiting, oldestMs } = this.stats();
      const now = this.timers.now();
      if (oldestMs >= LONG_MS && now - this.toldAt >= LOG_EVERY_MS) {
        this.toldAt = now;
        this.log(
          `Telegram: ${waiting} messages wait for Telegram's limits (${this.limits.perSecond} a second, ${this.limits.chatPerSecond} a second per chat), the oldest for ${Math.round(oldestMs / 1000)} s`,
        );
      }
      if (waiting > 0) this.watch();
    });
  }

  /** Forgets chats with nothing under way whose limits have nothing left to count. */
  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_MS) return;
    this.sweptAt = now;
    for (const [chat, lane] of this.lanes) {
      if (!lane.busy && lane.waiting.length === 0 && lane.due <= now && (lane.group?.quiet(now) ?? true)) this.lanes.delete(chat);
    }
  }
}
