import { run } from "@grammyjs/runner";
import { publishCommands } from "../bot/commands.js";
import type { Config } from "../config.js";
import type { ChannelSpec } from "./channel.js";

/** How many updates are handled at once (different chats; one chat's stay in order). */
const UPDATE_CONCURRENCY = 5_000;

async function drained(size: () => number): Promise<void> {
  while (size() > 0) await new Promise((r) => setTimeout(r, 20));
}

/** Telegram by long polling, the Bot API at TELEGRAM_API_ROOT when set (a local server, or a stand-in in tests). */
export function telegramChannel(config: Config & { botToken: string }, log: (message: string) => void): ChannelSpec {
  return {
    name: "telegram",
    token: config.botToken,
    botConfig: config.telegramApiRoot ? { client: { apiRoot: config.telegramApiRoot } } : undefined,
    async start(app, bot) {
      await bot.init();
      await publishCommands(bot.api, app.deps, config.adminIds).catch((err: Error) => log(`Could not publish the command menu: ${err.message}`));
      // Long polling needs no webhook; one left from another tool would make getUpdates fail.
      await bot.api.deleteWebhook();
      // The runner works on several chats at once (sequentialize keeps each chat in order), so one
      // user's slow bill inquiry does not hold up everybody else. An update waiting on the biller
      // holds its slot for the inquiry's second or so: the runner's default of 500 slots would let
      // a thousand users paying at once wait a round for the others.
      const runner = run(bot, { sink: { concurrency: UPDATE_CONCURRENCY } });
      log(`Running on Telegram as @${bot.botInfo.username} with provider ${config.provider}.`);
      return {
        // The runner's task ends when fetching stops, not when the updates it took have been
        // handled: those are waited for, or their conversation state would meet a closed database.
        done: (runner.task() ?? Promise.resolve()).then(() => drained(runner.size)),
        stop: async () => {
          if (runner.isRunning()) await runner.stop();
        },
      };
    },
  };
}
