import { timingSafeEqual } from "node:crypto";
import type { Update } from "grammy/types";
import { z } from "zod";
import type { TelegramSeen } from "../db/telegram-seen.js";
import type { Route } from "./http-server.js";

/** Enough of an update to route it; grammY reads the rest. */
const UpdateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

export interface WebhookOptions {
  secret: string;
  seen: TelegramSeen;
  /** False once the bot is stopping: Telegram is told to come back (to the next start). */
  accepting(): boolean;
  /** Handles the update in the background; the request is answered before it finishes. */
  handle(update: Update): void;
  now(): number;
  log(message: string): void;
}

const sameSecret = (given: string | string[] | undefined, secret: string) =>
  typeof given === "string" && given.length === secret.length && timingSafeEqual(Buffer.from(given), Buffer.from(secret));

/**
 * POST <WEBHOOK_URL's path>: Telegram's update, checked against the secret token, handed to the bot
 * and answered at once, whatever the biller is doing (Telegram redelivers after its timeout). An
 * update id seen before is answered and not handled again.
 */
export function telegramWebhookRoute(o: WebhookOptions): Route {
  return (req) => {
    if (!sameSecret(req.headers["x-telegram-bot-api-secret-token"], o.secret)) {
      o.log("telegram webhook: refused a request without the right secret token");
      return { status: 401, body: "unauthorized" };
    }
    if (!o.accepting()) return { status: 503, body: "stopping" };
    let json: unknown;
    try {
      json = JSON.parse(req.body.toString("utf8"));
    } catch {
      json = undefined;
    }
    const parsed = UpdateSchema.safeParse(json);
    if (!parsed.success) {
      o.log("telegram webhook: refused a body that is not an update");
      return { status: 400, body: "not an update" };
    }
    const update = parsed.data as unknown as Update;
    if (o.seen.firstTime(update.update_id, o.now())) o.handle(update);
    else o.log(`telegram webhook: update ${update.update_id} delivered again: already handled`);
    return { status: 200, body: "" };
  };
}
