import { run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { App } from "../app.js";
import { publishCommands } from "../bot/commands.js";
import type { BotContext } from "../bot/context.js";
import { inFlight } from "../bot/in-flight.js";
import { TELEGRAM_LIMITS } from "../bot/outgoing.js";
import type { Config } from "../config.js";
import { TelegramSeen } from "../db/telegram-seen.js";
import { telegramWebhookRoute } from "../server/telegram-webhook.js";
import { DRAIN_MS, type ChannelSpec, type RunningChannel } from "./channel.js";
import { type ApiSignal, type Persist, persist, RETRY_MS, TelegramOutage } from "./telegram-connect.js";

/** How long the stop waits to tell Telegram which updates were handled (Telegram may be away). */
const CONFIRM_TIMEOUT_MS = 5_000;

/** How many updates are handled at once (different chats; one chat's stay in order). */
const UPDATE_CONCURRENCY = 5_000;

/**
 * Long polling answers at least every 30 s; this long without a getUpdates answer means Telegram
 * cannot be reached (network, revoked token...) though the runner keeps trying.
 */
export const POLL_STALL_MS = 90_000;

/**
 * Telegram by long polling (the default) or, with WEBHOOK_URL, by webhook on the bot's HTTP server;
 * the Bot API at TELEGRAM_API_ROOT when set (a local server, or a stand-in in tests).
 */
export function telegramChannel(config: Config & { botToken: string }, log: (message: string) => void, warn = log): ChannelSpec {
  return {
    name: "telegram",
    token: config.botToken,
    botConfig: config.telegramApiRoot ? { client: { apiRoot: config.telegramApiRoot } } : undefined,
    limits: config.telegramLimits ? TELEGRAM_LIMITS : undefined,
    async start(app, bot, signal = new AbortController().signal) {
      const outage = new TelegramOutage(app.deps.now, warn, log);
      const tries: Persist = { outage, signal, apiRoot: config.telegramApiRoot };
      // Until the polling's own check takes over: down from the first failed try.
      app.health.set("telegram", () => outage.problem());
      // grammY's bot.init() tries again forever without a word, doubling its pause up to 20 minutes,
      // and no signal reaches it: the first try's failure is told here, and a stop ends the tries.
      const me = await persist("getMe", (s) => bot.api.getMe(s), tries);
      if (!me) return stopped;
      bot.botInfo = me;
      await publishCommands(bot.api, app.deps, config.adminIds).catch((err: Error) => log(`Could not publish the command menu: ${err.message}`));
      const running = config.webhook ? await startWebhook(app, bot, config.webhook, tries, log) : await startPolling(app, bot, tries, log);
      if (!running) return stopped;
      log(`Running on Telegram as @${bot.botInfo.username} (${config.webhook ? "webhook" : "long polling"}) with provider ${config.provider}.`);
      return running;
    },
  };
}

/** What start gives when a signal came before Telegram answered: nothing runs, nothing to stop. */
const stopped: RunningChannel = { done: Promise.resolve(), stop: async () => {} };

/** Waits (bounded) for the updates under way; what is still running after DRAIN_MS is named in the log. */
async function drain(bot: Bot<BotContext>, log: (message: string) => void): Promise<void> {
  const tracker = inFlight(bot);
  if (!(await tracker.drained(DRAIN_MS))) log(`Telegram: ${tracker.size} updates still running after ${DRAIN_MS / 1000} s; stopping anyway.`);
}

async function startPolling(app: App, bot: Bot<BotContext>, tries: Persist, log: (message: string) => void): Promise<RunningChannel | undefined> {
  // Long polling needs no webhook; one left from another tool would make getUpdates fail.
  if (!(await persist("deleteWebhook", (signal) => bot.api.deleteWebhook({}, signal), tries))) return undefined;
  // The runner works on several chats at once (sequentialize keeps each chat in order), so one
  // user's slow bill inquiry does not hold up everybody else. An update waiting on the biller
  // holds its slot for the inquiry's second or so: the runner's default of 500 slots would let a
  // thousand users paying at once wait a round for the others.
  const now = app.deps.now;
  let answeredAt = now();
  // Every update's Api carries bot.api's transformers, so every call passes here: all but
  // getUpdates go straight on, without an async wrapper.
  bot.api.config.use((prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    return prev(method, payload, signal).then(
      (result) => {
        if (result.ok) {
          answeredAt = now();
          tries.outage.answered();
        }
        return result;
      },
      (err: Error) => {
        // The runner tries again by itself (it is silenced below); the outage is told once a minute.
        if (!signal?.aborted) tries.outage.failed("getUpdates", err);
        throw err;
      },
    );
  });
  // The runner's own retry doubles its pause without a cap (after an hour's outage it would wait
  // another hour before asking again) and prints stack traces into the logs: a steady pause instead.
  const runner = run(bot, { sink: { concurrency: UPDATE_CONCURRENCY }, runner: { retryInterval: RETRY_MS, silent: true } });
  app.health.set("telegram", () => {
    if (!runner.isRunning()) return "not fetching updates";
    const silent = now() - answeredAt;
    return silent > POLL_STALL_MS ? `no answer to getUpdates for ${Math.round(silent / 1000)} s` : undefined;
  });
  return {
    done: runner.task() ?? Promise.resolve(),
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
      await drain(bot, log);
      // The runner confirms a batch only by asking for the next: tell Telegram what was handled,
      // or the next start gets the last batch again.
      const last = inFlight(bot).lastUpdateId;
      if (last !== undefined)
        await bot.api
          .getUpdates({ offset: last + 1, limit: 1, timeout: 0 }, AbortSignal.timeout(CONFIRM_TIMEOUT_MS) as unknown as ApiSignal)
          .catch((err: Error) => log(`Telegram: could not confirm the last updates: ${err.message}`));
    },
  };
}

async function startWebhook(
  app: App,
  bot: Bot<BotContext>,
  webhook: { url: string; secret: string },
  tries: Persist,
  log: (message: string) => void,
): Promise<RunningChannel | undefined> {
  const server = app.server;
  // The configuration requires HTTP_PORT with WEBHOOK_URL; main listens before channels start.
  if (!server) throw new Error("the Telegram webhook needs the HTTP server (HTTP_PORT)");
  const tracker = inFlight(bot);
  const seen = new TelegramSeen(app.deps.db);
  let accepting = true;
  const path = new URL(webhook.url).pathname;
  server.route(
    `POST ${path}`,
    telegramWebhookRoute({
      secret: webhook.secret,
      seen,
      accepting: () => accepting,
      handle(update) {
        // Counted from the moment it is taken, before grammY's first middleware runs.
        tracker.begin(update.update_id);
        bot
          .handleUpdate(update)
          .catch((err: Error) => log(`update ${update.update_id} failed: ${err.message}`))
          .finally(() => tracker.end());
      },
      now: app.deps.now,
      log,
    }),
  );
  if (!(await persist("setWebhook", (signal) => bot.api.setWebhook(webhook.url, { secret_token: webhook.secret }, signal), tries))) return undefined;
  app.health.set("telegram", () => (accepting ? undefined : "stopping"));
  let ended!: () => void;
  const done = new Promise<void>((resolve) => (ended = resolve));
  return {
    done,
    stop: async () => {
      // The webhook stays set: Telegram keeps what comes in meanwhile for the next start.
      accepting = false;
      await drain(bot, log);
      ended();
    },
  };
}
