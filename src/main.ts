import { existsSync } from "node:fs";
import { pino } from "pino";
import { createApp, type App } from "./app.js";
import { canvasLibrary } from "./pictures/fonts.js";
import type { RunningChannel } from "./channels/channel.js";
import { selectChannels } from "./channels/select.js";
import { terminalLogPath } from "./channels/terminal.js";
import { loadConfig } from "./config.js";
import { databasePathProblem } from "./db/database.js";
import { configLogger, messageLog, warningLog } from "./log/logger.js";

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
  // Before the log: in the terminal chat it is a file beside the database.
  const unusable = databasePathProblem(config.databasePath);
  if (unusable) {
    console.error(unusable);
    return 1;
  }
  // JSON lines for a log collector; readable lines when someone watches the terminal. In the
  // terminal chat the operator reads the chat on this screen, so the log goes to a file beside
  // the database instead of between the bot's messages.
  const terminalOnly = !config.botToken && !config.whatsapp.enabled;
  const logFile = terminalOnly ? terminalLogPath(config) : undefined;
  // Written without blocking (a pipe to journald or docker that fills up would stop every chat),
  // lines that come while a write is under way going out together; pino flushes what is left at exit.
  const out = pino.destination(logFile ? { dest: logFile, append: true, mkdir: true, sync: false } : { dest: 2, sync: false });
  // A log file that cannot be written would end the process with a stack trace: one line instead
  // (a closed pipe is pino's to handle: it stops writing).
  out.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") return;
    console.error(`Could not write the log to ${logFile ?? "stderr"}: ${err.message}`);
    process.exit(1);
  });
  const logger = configLogger(config, (line) => out.write(`${line}\n`), !logFile && process.stderr.isTTY);
  const say = messageLog(logger);
  const selected = selectChannels(config, say, warningLog(logger));
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
  app.watchCatalog();
  app.calendar.start();
  // The picture library loads now, not under the first customer's receipt (about 0.3 s).
  if (config.struk.pictures) void canvasLibrary().catch((err: Error) => app.deps.log(`struk pictures: ${err.message}`));
  if (!(await listen(app))) return 1;

  const running: RunningChannel[] = [];
  // The first signal stops taking updates and lets what is under way finish (payments in flight
  // record their outcome, SQLite closes last); a channel still connecting (Telegram unreachable)
  // stops trying. A second signal means "now".
  let signalled = false;
  const stop = new AbortController();
  const stopped = new Promise<void>((resolve) => stop.signal.addEventListener("abort", () => resolve()));
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      say(`${signal} again: exiting now.`);
      process.exit(1);
    }
    signalled = true;
    say(`${signal}: stopping; updates and payments under way are finished first.`);
    stop.abort();
    // Whatever hangs (a Telegram that takes calls and never answers, a biller holding a payment),
    // the process ends in time; a payment cut off here is asked after by the next start.
    setTimeout(() => {
      say(`Still stopping after ${config.shutdownMs / 1000} s (SHUTDOWN_SECONDS): exiting now.`);
      process.exit(1);
    }, config.shutdownMs).unref();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // Side by side: a Telegram that cannot be reached does not keep WhatsApp from answering.
  const starts = selected.channels.map((channel, i) =>
    channel.start(app, bots[i]!, stop.signal).then((r) => {
      running.push(r);
      return r;
    }),
  );
  try {
    // A signal, or any channel ending (Ctrl+D in the terminal), ends them all; so does a start that fails.
    await Promise.race([stopped, Promise.all(starts).then((all) => Promise.race(all.map((r) => r.done)))]);
  } finally {
    // A channel still connecting gives up, then every started one is stopped.
    stop.abort();
    await Promise.allSettled(starts);
    // The worker starts no payment from here on (those queued stay confirmed in SQLite and the next
    // start sends them); the ones at the provider finish and record their outcome. Bill reminders
    // start no inquiry either (those due stay due for the next start).
    await Promise.all([app.worker.stop(), app.calendar.stop(), ...running.map((r) => r.stop())]);
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
  // Whatever start-up could not foresee (a token Telegram refuses...): one line, not a stack trace.
  console.error(`Could not start: ${(err as Error).message}`);
  process.exitCode = 1;
}
