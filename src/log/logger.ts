import { pino, type Logger, type LevelWithSilent } from "pino";
import { secretsOf, type Config } from "../config.js";
import { prettyLine } from "./pretty.js";
import { scrubber } from "./mask.js";

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Where each finished line goes (without its newline): stderr in production, an array in tests. */
  write(line: string): void;
  /** Readable lines instead of JSON (a terminal). */
  pretty: boolean;
  /** Values that must never be written: they are replaced wherever they appear. */
  secrets: readonly string[];
}

/**
 * The bot's structured log. Every line passes one scrubber on its way out, so a secret that slips
 * into a message or an error (a token in a URL, a key in a provider's echo) is still not written;
 * fields named like secrets are redacted by pino before that.
 */
export function createLogger(o: LoggerOptions): Logger {
  const scrub = scrubber(o.secrets);
  return pino(
    {
      level: o.level,
      base: undefined,
      redact: {
        paths: ["token", "apiKey", "secret", "sign", "signature", "password", "*.token", "*.apiKey", "*.secret", "*.sign", "*.signature", "*.password", "headers.authorization", 'headers["x-telegram-bot-api-secret-token"]'],
        censor: "[redacted]",
      },
    },
    {
      write(chunk: string) {
        const line = scrub(chunk.trimEnd());
        o.write(o.pretty ? prettyLine(line) : line);
      },
    },
  );
}

/** The `log(message)` seam the app passes around, as info lines of a logger. */
export const messageLog = (logger: Logger) => (message: string) => logger.info(message);

/** The logger the configuration asks for (LOG_LEVEL), blind to every configured secret. */
export function configLogger(config: Config, write: (line: string) => void, pretty = false): Logger {
  return createLogger({ level: config.logLevel, write, pretty, secrets: secretsOf(config) });
}
