import { existsSync } from "node:fs";
import { pino } from "pino";
import { createApp, type App } from "./app.js";
import type { RunningChannel } from "./channels/channel.js";
import { selectChannels } from "./channels/select.js";
import { terminalLogPath } from "./channels/terminal.js";
import { loadConfig } from "./config.js";
import { configLogger, messageLog } from "./log/logger.js";

/**
 * Start-up: Telegram when BOT_TOKEN is set, WhatsApp when WHATSAPP_ENABLED is, both side by side
 * on one database, worker and set of admins; the terminal chat when neither is. Configuration
 * problems stop here with one readable message.
 */
async function main(): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(loaded.message);
    return 1;
  }
  const config = loaded.config;
  // JSON lines for a log collector; readable lines when someone watches the terminal. In the
  // terminal chat the operator reads the chat on this screen, so the log goes to a file beside
  // the database instead of between the bot's messages.
  const terminalOnly = !config.botToken && !config.whatsapp.enabled;
  const logFile = terminalOnly ? terminalLogPath(config) : undefined;
  // Written without blocking (a pipe to journald or docker that fills up would stop every chat),
  // lines that come while a write is under way going out together; pino flushes what is left at exit.
  const out = pino.destination(logFile ? { dest: logFile, append: true, mkdir: true, sync: false } : { dest: 2, sync: false });
  const logger = configLogger(config, (line) => out.write(`${line}\n`), !logFile && process.stderr.isTTY);
  const say = messageLog(logger);
  const selected = selectChannels(config, say);
  if (!selected.ok) {
    console.error(selected.message);
    return 1;
  }
  const [first, ...more] = selected.channels;
  const started = createApp(config, {
    channel: first.name,
    token: first.token,
    botConfig: first.botConfig,
    limits: first.limits,
    localAdminId: first.localAdminId,
    logger,
  });
  if (!started.ok) {
    console.error(started.message);
    return 1;
  }
  const { app } = started;
  const bots = [app.bot, ...more.map((c) => app.addBot(c.name, c.token, c.botConfig, c.limits))];
  app.worker.start();
  app.broadcaster.resume();
  app.depositPoller?.start();
  app.priceSchedule.start();
  if (!(await listen(app))) return 1;

  const running: RunningChannel[] = [];
  let stopping: Promise<unknown> | undefined;
  // The worker starts no payment from here on (those queued stay confirmed in SQLite and the next
  // start sends them); the ones at the provider finish and record their outcome.
  const stopAll = () => (stopping ??= Promise.all([app.worker.stop(), ...running.map((r) => r.stop())]));
  // The first signal stops taking updates and lets what is under way finish (payments in flight
  // record their outcome, SQLite closes last); a second one means "now".
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: exiting now.`);
      process.exit(1);
    }
    say(`${signal}: stopping; updates and payments under way are finished first.`);
    void stopAll();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    for (const [i, channel] of selected.channels.entries()) running.push(await channel.start(app, bots[i]!));
    // Any channel ending (Ctrl+D in the terminal, a signal) ends them all.
    await Promise.race(running.map((r) => r.done));
  } finally {
    await stopAll();
    await Promise.all(running.map((r) => r.done));
    await app.close();
  }
  return 0;
}

/** The callback server when HTTP_PORT is set; false (after a message) when the port cannot be had. */
async function listen(app: App): Promise<boolean> {
  try {
    const server = await app.listen();
    if (server) app.deps.log(`HTTP server on ${server.url}: provider callbacks at POST /callbacks/<provider>, GET /health, GET /metrics`);
    return true;
  } catch (err) {
    console.error(`HTTP_PORT: ${(err as Error).message}`);
    await app.close();
    return false;
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  // Whatever start-up could not foresee (an unwritable DATABASE_PATH, a Telegram API root that
  // does not answer...): one line, not a stack trace.
  console.error(`Could not start: ${(err as Error).message}`);
  process.exitCode = 1;
}
