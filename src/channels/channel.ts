import type { Bot, BotConfig } from "grammy";
import type { App } from "../app.js";
import type { BotContext } from "../bot/context.js";
import type { TelegramLimits } from "../bot/outgoing.js";
import type { Channel } from "../bot/deps.js";

/** How long a stop waits for the updates under way before it goes on (a container gets ~30 s in all). */
export const DRAIN_MS = 10_000;

/** A channel that is running: `done` settles when it ends by itself (the terminal's Ctrl+D). */
export interface RunningChannel {
  done: Promise<void>;
  /** Stops taking messages and lets what is under way finish. */
  stop(): Promise<void>;
}

/**
 * One front end to the bot. main.ts builds the app with the first channel's bot options, adds a
 * bot per further channel (same middleware stack, database, worker and admins), and starts each.
 */
export interface ChannelSpec {
  name: Channel;
  /** How grammY reaches this channel: Telegram's Bot API, or a Bot API emulator as `client.fetch`. */
  token: string;
  botConfig?: BotConfig<BotContext>;
  /** Telegram's flood limits, kept by an outgoing queue: Telegram itself has them, the emulator's channels do not. */
  limits?: TelegramLimits;
  /** A user who counts as an admin besides ADMIN_IDS and ADMIN_PHONES (the operator at the terminal). */
  localAdminId?: number;
  /** `signal`: the first SIGINT/SIGTERM; a channel still connecting stops trying and runs nothing. */
  start(app: App, bot: Bot<BotContext>, signal?: AbortSignal): Promise<RunningChannel>;
}
