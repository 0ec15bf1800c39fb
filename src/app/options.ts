import type { BotConfig } from "grammy";
import type { BotApiOptions } from "../bot/bot.js";
import type { BotContext } from "../bot/context.js";
import type { Channel } from "../bot/deps.js";
import type { Gateway } from "../gateways/gateway.js";
import type { Logger } from "../log/logger.js";
import type { Provider } from "../providers/provider.js";

export interface AppOptions {
  channel: Channel;
  token: string;
  botConfig?: BotConfig<BotContext>;
  /** Replaces the provider built from the configuration (tests). */
  provider?: Provider;
  /** Replaces the providers built from PROVIDERS, the primary first (tests). */
  providers?: Provider[];
  /** Replaces the deposit gateway built from the configuration (tests). */
  gateway?: Gateway;
  /** A user who counts as an admin besides ADMIN_IDS (the operator at the terminal). */
  localAdminId?: number;
  now?: () => number;
  pollIntervalMs?: number;
  /** The structured log (main's, on stderr); without it, one that writes its lines to `log`. */
  logger?: Logger;
  /** Where the app's messages go; default: `logger`. */
  log?: (message: string) => void;
  /** How Bot API calls are retried (tests shorten the pause after a 5xx). */
  apiRetry?: BotApiOptions["apiRetry"];
  /** Telegram's flood limits for the first channel's bot, when it talks to Telegram itself. */
  limits?: BotApiOptions["limits"];
  /** The clock the bots' flood-waits and outgoing queues run on (tests give the one they move by hand). */
  timers?: BotApiOptions["timers"];
  /**
   * false: no WAL checkpoint thread, SQLite checkpoints on commit (as when the thread fails). For
   * tests that start a bot per test: the thread costs ~70 ms of CPU to start and stop each time.
   */
  checkpointThread?: boolean;
}
