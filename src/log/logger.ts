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

/** Field names whose value is a secret wherever they appear in a line, at its top or one level down. */
const SECRET_FIELDS = new Set(["token", "apiKey", "secret", "sign", "signature", "password", "pin", "authorization", "x-telegram-bot-api-secret-token"]);
const CENSOR = "[redacted]";

const hasSecretField = (o: object) => {
  for (const key in o) if (SECRET_FIELDS.has(key) && (o as Record<string, unknown>)[key] !== undefined) return true;
  return false;
};

/** A copy of `o` (same prototype and properties, an Error stays one) with its secret-named fields censored. */
function censored<T extends object>(o: T): T {
  const copy = Object.create(Object.getPrototypeOf(o) as object, Object.getOwnPropertyDescriptors(o)) as Record<string, unknown>;
  for (const key in copy) if (SECRET_FIELDS.has(key) && copy[key] !== undefined) copy[key] = CENSOR;
  return copy as T;
}

/**
 * The fields of a line named like secrets (`token`, `headers.authorization`, `config.apiKey`...)
 * replaced by "[redacted]", the caller's objects untouched. pino's wildcard `redact` did this by
 * running every value of every line through its redactor (a tenth of the bot's allocation per
 * update); here a line without such a field, nearly all of them, is passed on as it is.
 */
export function redactFields(line: Record<string, unknown>): Record<string, unknown> {
  let out = line;
  for (const key in line) {
    const value = line[key];
    if (value === undefined) continue;
    const secret = SECRET_FIELDS.has(key);
    const nested = !secret && typeof value === "object" && value !== null && !Array.isArray(value) && hasSecretField(value);
    if (!secret && !nested) continue;
    if (out === line) out = { ...line };
    out[key] = secret ? CENSOR : censored(value as object);
  }
  return out;
}

/**
 * The bot's structured log. Every line passes one scrubber on its way out, so a secret that slips
 * into a message or an error (a token in a URL, a key in a provider's echo) is still not written;
 * fields named like secrets are censored before that.
 */
export function createLogger(o: LoggerOptions): Logger {
  const scrub = scrubber(o.secrets);
  const logger = pino(
    {
      level: o.level,
      base: undefined,
      formatters: { log: redactFields },
    },
    {
      write(chunk: string) {
        const line = scrub(chunk.trimEnd());
        o.write(o.pretty ? prettyLine(line) : line);
      },
    },
  );
  // A child's bindings are written into each of its lines without passing formatters.log (pino's
  // bindings formatter is not applied to children): censored here. Children inherit from their
  // parent, so this holds for theirs too.
  const child = logger.child;
  logger.child = function (this: Logger, bindings: Record<string, unknown>, options?: object) {
    return child.call(this, redactFields(bindings), options);
  } as Logger["child"];
  return logger;
}

/** The `log(message)` seam the app passes around, as info lines of a logger. */
export const messageLog = (logger: Logger) => (message: string) => logger.info(message);

/** The same for what an operator should look at: a channel that cannot connect or start. */
export const warningLog = (logger: Logger) => (message: string) => logger.warn(message);

/** The logger the configuration asks for (LOG_LEVEL), blind to every configured secret. */
export function configLogger(config: Config, write: (line: string) => void, pretty = false): Logger {
  return createLogger({ level: config.logLevel, write, pretty, secrets: secretsOf(config) });
}
