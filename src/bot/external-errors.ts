import { createConversation, type ExternalOp } from "@grammyjs/conversations";
import type { BotContext, BotConversation, ConvContext } from "./context.js";

/** A thrown error as the conversation log can keep it: JSON-safe, with what a reader of the log needs. */
interface ErrorRecord {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

/**
 * The conversation plugin keeps what `external` threw with structuredClone (and SQLite as JSON):
 * an error that is not a native Error object, like better-sqlite3's SqliteError, comes back as a
 * bare object and was logged as "[object Object]". Stored as a record and rebuilt as an Error, it
 * keeps its name, message, code and stack.
 */
export function toErrorRecord(error: unknown): ErrorRecord {
  if (typeof error !== "object" || error === null) return { name: "Error", message: String(error) };
  const e = error as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown };
  return {
    name: typeof e.name === "string" ? e.name : "Error",
    message: typeof e.message === "string" ? e.message : String(error),
    ...(e.code !== undefined ? { code: String(e.code) } : {}),
    ...(typeof e.stack === "string" ? { stack: e.stack } : {}),
  };
}

export function fromErrorRecord(value: unknown): Error {
  const record = toErrorRecord(value);
  const error = Object.assign(new Error(record.message), { name: record.name }, record.code === undefined ? {} : { code: record.code });
  if (record.stack) error.stack = record.stack;
  return error;
}

/** An error for the log: its stack (or message), and its code when it has one (SQLITE_BUSY...). */
export function describeError(error: unknown): string {
  const e = error instanceof Error ? error : fromErrorRecord(error);
  const code = (e as { code?: unknown }).code;
  return `${e.stack ?? `${e.name}: ${e.message}`}${code === undefined ? "" : ` [code ${String(code)}]`}`;
}

type Builder<A extends unknown[]> = (conversation: BotConversation, ctx: ConvContext, ...args: A) => Promise<void>;

/**
 * Registers a conversation whose every `conversation.external` keeps its errors readable (see
 * toErrorRecord), whoever writes the call. Every conversation of the bot is registered here.
 */
export function createBotConversation<A extends unknown[]>(builder: Builder<A>, id: string) {
  const keeping: Builder<A> = (conversation, ctx, ...args) => {
    const external = conversation.external.bind(conversation);
    conversation.external = <R, I>(op: ExternalOp<ConvContext, R, I>["task"] | ExternalOp<ConvContext, R, I>) =>
      external<R, I>({ beforeStoreError: toErrorRecord, afterLoadError: fromErrorRecord, ...(typeof op === "function" ? { task: op } : op) });
    return builder(conversation, ctx, ...args);
  };
  return createConversation<BotContext, ConvContext>(keeping, id);
}
