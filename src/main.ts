import { existsSync } from "node:fs";
import { run } from "@grammyjs/runner";
import { createApp, type App, type AppResult } from "./app.js";
import { BotApiEmulator, EMULATOR_BOT_INFO } from "./channels/emulator.js";
import { runTerminal, TERMINAL_USER } from "./channels/terminal.js";
import { publishCommands } from "./bot/commands.js";
import { DEFAULT_LOCALE } from "./bot/i18n.js";
import { loadConfig } from "./config.js";
import { hasStoredConversation } from "./db/conversation-store.js";
import { sqliteKeyboardStore } from "./db/keyboard-store.js";

/**
 * Start-up: with BOT_TOKEN the bot runs on Telegram (long polling); without it, a terminal chat
 * against the same bot. Configuration problems stop here with one readable message.
 */
async function main(): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(loaded.message);
    return 1;
  }
  const config = loaded.config;

  if (config.botToken) {
    const started = createApp(config, {
      channel: "telegram",
      token: config.botToken,
      botConfig: config.telegramApiRoot ? { client: { apiRoot: config.telegramApiRoot } } : undefined,
    });
    if (!started.ok) return fail(started);
    const { app } = started;
    app.worker.start();
    app.prices.start();
    app.prepaidPrices.start();
    if (!(await listen(app))) return 1;
    await app.bot.init();
    await publishCommands(app.bot.api, app.deps, config.adminIds).catch((err: Error) => console.error(`Could not publish the command menu: ${err.message}`));
    // Long polling needs no webhook; one left from another tool would make getUpdates fail.
    await app.bot.api.deleteWebhook();
    // The runner works on several chats at once (sequentialize keeps each chat in order), so one
    // user's slow bill inquiry does not hold up everybody else.
    const runner = run(app.bot);
    const stop = () => void runner.stop();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    console.error(`Running on Telegram as @${app.bot.botInfo.username} with provider ${config.provider}.`);
    await runner.task();
    await app.close();
    return 0;
  }

  const emulator = new BotApiEmulator();
  const started = createApp(config, {
    channel: "terminal",
    token: "0:terminal",
    botConfig: { botInfo: EMULATOR_BOT_INFO, client: { fetch: emulator.fetch, apiRoot: "http://terminal.local" } },
    localAdminId: TERMINAL_USER.id,
    log: (m) => console.error(`[log] ${m}`),
  });
  if (!started.ok) return fail(started);
  const { app } = started;
  app.worker.start();
  app.prices.start();
  app.prepaidPrices.start();
  if (!(await listen(app))) return 1;
  console.error(`Terminal chat with the bot (provider: ${config.provider}, data: ${config.databasePath}). Ctrl+D to quit.`);
  const { i18n, users, db } = app.deps;
  emulator.persistKeyboards(sqliteKeyboardStore(db));
  const locale = (chatId: number) => users.language(chatId) ?? DEFAULT_LOCALE;
  await runTerminal(
    app.bot,
    emulator,
    { choiceHint: (chatId) => i18n.t(locale(chatId), "choice-hint"), resumeHint: i18n.t(locale(TERMINAL_USER.id), "terminal-resume") },
    hasStoredConversation(db, TERMINAL_USER.id),
    (m) => console.error(`[log] ${m}`),
  );
  await app.close();
  return 0;
}

/** The callback server when HTTP_PORT is set; false (after a message) when the port cannot be had. */
async function listen(app: App): Promise<boolean> {
  try {
    const server = await app.listen();
    if (server) console.error(`Provider callbacks: POST ${server.url}/callbacks/<provider>`);
    return true;
  } catch (err) {
    console.error(`HTTP_PORT: ${(err as Error).message}`);
    await app.close();
    return false;
  }
}

function fail(result: Extract<AppResult, { ok: false }>): number {
  console.error(result.message);
  return 1;
}

try {
  process.exitCode = await main();
} catch (err) {
  // Whatever start-up could not foresee (an unwritable DATABASE_PATH, a Telegram API root that
  // does not answer...): one line, not a stack trace.
  console.error(`Could not start: ${(err as Error).message}`);
  process.exitCode = 1;
}
