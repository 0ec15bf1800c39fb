import { z } from "zod";
import { normalizePhone } from "../../phone.js";
import type { WhatsAppSender } from "../../db/whatsapp-users.js";
import type { WhatsAppClient, WhatsAppMessage } from "./client.js";

/** Why a message is not for the bot; undefined when it is a private chat message to answer. */
export type Ignored = "own" | "status" | "not-private" | "backlog";

/**
 * The bot answers people in private chats, and only what they wrote since the client became
 * ready: WhatsApp hands over a backlog on every reconnect, and its answers would be stale.
 */
export function ignoredBecause(msg: WhatsAppMessage, readyAtMs: number): Ignored | undefined {
  if (msg.fromMe) return "own";
  if (msg.isStatus || msg.from === "status@broadcast") return "status";
  // Groups (@g.us), channels (@newsletter), broadcast lists (@broadcast) and anything newer.
  if (!/@(c\.us|lid)$/.test(msg.from)) return "not-private";
  // WhatsApp's timestamps are whole seconds.
  if (msg.timestamp < Math.floor(readyAtMs / 1000)) return "backlog";
  return undefined;
}

/** Text messages are answered; anything else (photo, sticker, voice, location, contact...) gets a note. */
export const isText = (msg: WhatsAppMessage) => msg.type === "chat";

/** The sender's display name as WhatsApp Web hands it over with the message (not in the library's types). */
const RawData = z.object({ notifyName: z.string().optional() }).loose();

const digitsOf = (waId: string) => waId.replace(/@.*$/, "").replace(/:\d+$/, "");
/** "6281234567890" -> "6281234567890"; a foreign number keeps its international digits. */
const phoneOf = (pnId: string) => normalizePhone(`+${digitsOf(pnId)}`) ?? digitsOf(pnId);

/**
 * Who wrote: the chat id, its @c.us/@lid twin when WhatsApp tells it (an @lid hides the phone
 * number; getContactLidAndPhone gives it back), the name and the phone number.
 */
export async function senderOf(client: Pick<WhatsAppClient, "getContactLidAndPhone">, msg: WhatsAppMessage, log: (m: string) => void): Promise<WhatsAppSender> {
  const chatId = msg.from;
  const raw = RawData.safeParse((msg as unknown as { _data?: unknown })._data);
  const name = (raw.success ? raw.data.notifyName : undefined)?.trim() || digitsOf(chatId);
  if (chatId.endsWith("@c.us")) return { waIds: [chatId], chatId, name, phone: phoneOf(chatId) };
  const pair = await client.getContactLidAndPhone([chatId]).then(
    (r) => r.find((p) => p.lid === chatId && p.pn),
    (err: Error) => {
      log(`whatsapp: no phone number for ${chatId}: ${err.message}`);
      return undefined;
    },
  );
  return pair ? { waIds: [chatId, pair.pn], chatId, name, phone: phoneOf(pair.pn) } : { waIds: [chatId], chatId, name, phone: undefined };
}
