import { run } from "@grammyjs/runner";
import { publishCommands } from "../bot/commands.js";
import type { Config } from "../config.js";
import type { ChannelSpec } from "./channel.js";

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
      // user's slow bill inquiry does not hold up everybody else.
      const runner = run(bot);
      log(`Running on Telegram as @${bot.botInfo.username} with provider ${config.provider}.`);
      return {
        done: runner.task() ?? Promise.resolve(),
        stop: async () => {
          if (runner.isRunning()) await runner.stop();
        },
      };
    },
  };
}
