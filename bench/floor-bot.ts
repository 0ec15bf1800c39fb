import { run } from "@grammyjs/runner";
import { Bot } from "grammy";

/**
 * The floor the bench compares the real bot with: grammY under the same runner, over the same
 * fake Bot API, answering each message with one sendMessage. Its CPU per update is what the
 * framework and HTTP cost before any of the bot's own work.
 */
const bot = new Bot(process.env.BOT_TOKEN!, { client: { apiRoot: process.env.TELEGRAM_API_ROOT! } });
bot.on("message", (ctx) => ctx.reply("ok"));
bot.on("callback_query", (ctx) => ctx.reply("ok"));
const runner = run(bot);
process.once("SIGTERM", () => void runner.stop());
await runner.task();
