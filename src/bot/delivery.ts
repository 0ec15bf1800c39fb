import { GrammyError, HttpError, type MiddlewareFn, type Transformer } from "grammy";
import type { Context } from "grammy";

/** Telegram's limit for one message's text; WhatsApp and the terminal take more, so it holds everywhere. */
export const TEXT_LIMIT = 4096;

/**
 * A text cut into pieces of at most `limit` characters, at a line break where there is one in
 * the second half of a piece, so a long list stays readable across messages.
 */
export function splitText(text: string, limit = TEXT_LIMIT): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const newline = rest.lastIndexOf("\n", limit);
    const cut = newline > limit / 2 ? newline : limit;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  return [...pieces, rest];
}

/** A text that must stay one message (an edit): cut to the limit with an ellipsis. */
export function cutText(text: string, limit = TEXT_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/**
 * What the bot sends, made deliverable: a message over the limit goes out in pieces (buttons on
 * the last), an edit over it is cut, and a callback answer Telegram refuses ("query is too old"
 * after downtime) counts as answered, since the press itself is still handled.
 */
export const deliveryTransformer: Transformer = (prev, method, payload, signal) => {
  if (method === "answerCallbackQuery") {
    const answered = { ok: true, result: true as never } as const;
    return prev(method, payload, signal).then(
      (a) => (a.ok ? a : answered),
      () => answered,
    );
  }
  const text = (payload as { text?: unknown } | undefined)?.text;
  // Nearly every call is handed on as it is, without an async wrapper: this runs on every Bot API call.
  if (typeof text !== "string" || text.length <= TEXT_LIMIT) return prev(method, payload, signal);
  if (method !== "sendMessage") return prev(method, { ...payload, text: cutText(text) } as typeof payload, signal);
  return (async () => {
    const pieces = splitText(text);
    const last = pieces.pop()!;
    for (const piece of pieces) {
      const sent = await prev(method, { ...payload, text: piece, reply_markup: undefined } as typeof payload, signal);
      if (!sent.ok) return sent;
    }
    return prev(method, { ...payload, text: last } as typeof payload, signal);
  })();
};

/**
 * For the conversations' plugins: each replay builds a fresh Api that does not carry bot.api's
 * transformers, so the delivery rules are installed on it again.
 */
export const deliveryPlugin: MiddlewareFn<Context> = (ctx, next) => {
  ctx.api.config.use(deliveryTransformer);
  return next();
};

/**
 * Why a reply could not be delivered, when that is the chat's or Telegram's doing and not a bug:
 * the user blocked the bot (403), or Telegram stayed busy or down (429, 5xx, network) after the
 * retries. Undefined for anything else.
 */
export function undelivered(error: unknown): string | undefined {
  if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 429 || error.error_code >= 500)) {
    return `${error.method}: ${error.error_code} ${error.description}`;
  }
  if (error instanceof HttpError) return `network: ${error.message}`;
  return undefined;
}
