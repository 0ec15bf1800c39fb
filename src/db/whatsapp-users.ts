import type { Db } from "./database.js";
import { statements } from "./statements.js";

/**
 * WhatsApp users get internal ids from 2^52 up: Telegram ids fit in 52 bits, so the two never
 * collide, and every id stays a safe JavaScript integer (and a valid Bot API chat id).
 */
export const WHATSAPP_ID_BASE = 2 ** 52;

export interface WhatsAppSender {
  /** The ids WhatsApp gave this sender: the chat the message came from, and its @c.us/@lid twin when known. */
  waIds: string[];
  /** The one the message came from: replies go there. */
  chatId: string;
  name: string;
  /** Normalised phone number (62…), or the international digits of a foreign number. */
  phone: string | undefined;
}

/** The mapping between WhatsApp ids and the bot's users. */
export class WhatsAppUsers {
  // chatIdOf runs for every message the bot sends to WhatsApp, three times: prepared once.
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  /**
   * The user behind a sender, created on their first message. Any known id of theirs finds them,
   * so an @lid and the phone's @c.us reach the same user; ids seen for the first time are added.
   */
  resolve(sender: WhatsAppSender, now: number): number {
    return this.db
      .transaction(() => {
        const known = this.db
          .prepare(`SELECT user_id FROM whatsapp_ids WHERE wa_id IN (${sender.waIds.map(() => "?").join(",")}) ORDER BY last_seen_at DESC LIMIT 1`)
          .get(...sender.waIds) as { user_id: number } | undefined;
        const userId = known?.user_id ?? this.create(sender, now);
        if (known && sender.phone) this.db.prepare("UPDATE users SET phone = ? WHERE id = ? AND phone IS NOT ?").run(sender.phone, userId, sender.phone);
        const map = this.db.prepare(
          `INSERT INTO whatsapp_ids (wa_id, user_id, last_seen_at) VALUES (?, ?, ?)
           ON CONFLICT(wa_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
        );
        // The id written from is the newest, so replies go there (its twin is only known to be theirs).
        for (const id of sender.waIds) map.run(id, userId, id === sender.chatId ? now + 1 : now);
        return userId;
      })
      .immediate();
  }

  /** Where to message a user: the WhatsApp id they last wrote from; undefined when they never wrote. */
  chatIdOf(userId: number): string | undefined {
    // A linked user's WhatsApp ids belong to the account now: a message still addressed to their
    // own id (the reply to the /tautkan that linked them) goes there.
    const row = this.sql(
      `SELECT wa_id FROM whatsapp_ids WHERE user_id IN (@id, (SELECT merged_into FROM users WHERE id = @id))
         ORDER BY user_id = @id DESC, last_seen_at DESC LIMIT 1`,
    ).get({ id: userId }) as { wa_id: string } | undefined;
    return row?.wa_id;
  }

  private create(sender: WhatsAppSender, now: number): number {
    const { top } = this.db.prepare("SELECT MAX(id) AS top FROM users WHERE id >= ?").get(WHATSAPP_ID_BASE) as { top: number | null };
    const id = top === null ? WHATSAPP_ID_BASE : top + 1;
    this.db
      .prepare("INSERT INTO users (id, channel, first_name, phone, created_at) VALUES (?, 'whatsapp', ?, ?, ?)")
      .run(id, sender.name, sender.phone ?? null, now);
    return id;
  }
}
