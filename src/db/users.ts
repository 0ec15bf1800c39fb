import { normalizePhone } from "../phone.js";
import { relaxed, type Db } from "./database.js";
import { statements } from "./statements.js";

export interface User {
  id: number;
  channel: string;
  username: string | null;
  firstName: string;
  language: string | null;
  phone: string | null;
  balance: number;
  blocked: boolean;
  /** The Telegram user this (WhatsApp) user's account was merged into; undefined when not linked. */
  mergedInto: number | undefined;
  /** The channel the user last wrote on (notices go there first). */
  lastChannel: string | null;
  lastSeenAt: number | null;
  /** Asked for no broadcasts (/stopinfo). */
  optedOut: boolean;
  /** When Telegram last answered 403 for them (they blocked the bot); cleared when they write again. */
  unreachableAt: number | null;
}

interface UserRow {
  id: number;
  channel: string;
  username: string | null;
  first_name: string;
  language: string | null;
  phone: string | null;
  balance: number;
  blocked: number;
  merged_into: number | null;
  last_channel: string | null;
  last_seen_at: number | null;
  opted_out: number;
  unreachable_at: number | null;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  channel: r.channel,
  username: r.username,
  firstName: r.first_name,
  language: r.language,
  phone: r.phone,
  balance: r.balance,
  blocked: r.blocked === 1,
  mergedInto: r.merged_into ?? undefined,
  lastChannel: r.last_channel,
  lastSeenAt: r.last_seen_at,
  optedOut: r.opted_out === 1,
  unreachableAt: r.unreachable_at,
});

/** How often a user's last_seen_at is written at most (it only picks users active in the last N days). */
const SEEN_EVERY_MS = 3_600_000;

export interface UserProfile {
  id: number;
  channel: string;
  username?: string | undefined;
  firstName: string;
}

/** How many users' languages are remembered (a bound, so the memory does not grow with the user base). */
const REMEMBERED_LANGUAGES = 10_000;

export class Users {
  private readonly sql;
  /**
   * The language of users read recently. An update reads its user once (upsert) and then asks for
   * the language several times (i18n, each replay of a flow); Users is its only writer.
   */
  private readonly languages = new Map<number, string | null>();

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  /** Records who wrote to the bot; keeps name and @username current. */
  upsert(p: UserProfile, now = Date.now()): User {
    const username = p.username ?? null;
    // Every update passes here: write (and fsync) only when something changed.
    const known = this.get(p.id);
    if (known && known.username === username && known.firstName === p.firstName) return known;
    // A linked account's profile is its own channel's: its WhatsApp side writes under the same id.
    if (known && known.channel !== p.channel) return known;
    // A name is not money: its commit needs no sync of its own.
    relaxed(this.db, () =>
      this.db.transaction(() => {
        // @usernames move between accounts on Telegram: the newest owner keeps it.
        if (username) {
          this.sql("UPDATE users SET username = NULL WHERE lower(username) = lower(?) AND id <> ?").run(username, p.id);
        }
        this.sql(
          `INSERT INTO users (id, channel, username, first_name, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET username = excluded.username, first_name = excluded.first_name`,
        ).run(p.id, p.channel, username, p.firstName, now);
      })(),
    );
    return this.get(p.id)!;
  }

  get(id: number): User | undefined {
    const row = this.sql("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
    if (row) this.remember(id, row.language);
    return row && toUser(row);
  }

  private remember(id: number, language: string | null): void {
    this.languages.delete(id);
    if (this.languages.size >= REMEMBERED_LANGUAGES) this.languages.delete(this.languages.keys().next().value!);
    this.languages.set(id, language);
  }

  byUsername(username: string): User | undefined {
    const row = this.sql("SELECT * FROM users WHERE lower(username) = lower(?)").get(username.replace(/^@/, "")) as UserRow | undefined;
    return row && toUser(row);
  }

  /** The user with this phone number, however either side wrote it (08…, 62…, +62…). */
  byPhone(text: string): User | undefined {
    const phone = normalizePhone(text);
    if (!phone) return undefined;
    const national = phone.slice(2);
    const row = this.sql("SELECT * FROM users WHERE phone IN (?, ?, ?) ORDER BY id LIMIT 1").get(phone, `+${phone}`, `0${national}`) as UserRow | undefined;
    return row && toUser(row);
  }

  /** The users of a channel whose phone number is one of `phones` (WhatsApp admins named by ADMIN_PHONES). */
  onChannelWithPhones(channel: string, phones: string[]): User[] {
    if (phones.length === 0) return [];
    const rows = this.sql(`SELECT * FROM users WHERE channel = ? AND phone IN (${phones.map(() => "?").join(",")}) ORDER BY id`).all(
      channel,
      ...phones,
    ) as UserRow[];
    return rows.map(toUser);
  }

  /** Blocks or unblocks; false when the user was already so (or does not exist). */
  setBlocked(id: number, blocked: boolean): boolean {
    return this.sql("UPDATE users SET blocked = ? WHERE id = ? AND blocked <> ?").run(blocked ? 1 : 0, id, blocked ? 1 : 0).changes === 1;
  }

  /** The user's price level; undefined while they have none of their own (the default level's prices apply). */
  priceLevel(id: number): string | undefined {
    const row = this.sql("SELECT price_level FROM users WHERE id = ?").get(id) as { price_level: string | null } | undefined;
    return row?.price_level ?? undefined;
  }

  /** Puts the user at a price level; false when they were at it already. */
  setPriceLevel(id: number, level: string): boolean {
    return this.sql("UPDATE users SET price_level = ? WHERE id = ? AND price_level IS NOT ?").run(level, id, level).changes === 1;
  }

  /**
   * Notes that the user wrote on `channel` now: the channel when it changed, the time at most
   * hourly, and that they can be reached again (they unblocked the bot to write).
   */
  seen(user: User, channel: string, now: number): void {
    const fresh = user.lastChannel === channel && user.lastSeenAt !== null && now - user.lastSeenAt < SEEN_EVERY_MS && user.unreachableAt === null;
    if (fresh) return;
    relaxed(this.db, () => this.sql("UPDATE users SET last_channel = ?, last_seen_at = ?, unreachable_at = NULL WHERE id = ?").run(channel, now, user.id));
  }

  /**
   * The channels that reach a user, the one they last wrote on first: their own, and WhatsApp
   * when a WhatsApp user is linked to them.
   */
  routes(id: number, known?: User): string[] {
    const user = known ?? this.get(id);
    if (!user) return [];
    const linked = this.sql("SELECT 1 FROM users WHERE merged_into = ? LIMIT 1").get(id) !== undefined;
    const all = linked && user.channel !== "whatsapp" ? [user.channel, "whatsapp"] : [user.channel];
    return user.lastChannel && all.includes(user.lastChannel) ? [user.lastChannel, ...all.filter((c) => c !== user.lastChannel)] : all;
  }

  /** The account a user id stands for: the user they were merged into, else themselves. */
  accountOf(id: number): number {
    const row = this.sql("SELECT merged_into FROM users WHERE id = ?").get(id) as { merged_into: number | null } | undefined;
    return row?.merged_into ?? id;
  }

  /** Broadcasts off (/stopinfo) or on again (/mulaiinfo); false when it was so already. */
  setOptedOut(id: number, optedOut: boolean): boolean {
    return this.sql("UPDATE users SET opted_out = ? WHERE id = ? AND opted_out <> ?").run(optedOut ? 1 : 0, id, optedOut ? 1 : 0).changes === 1;
  }

  /** Telegram answered 403: the user blocked the bot. */
  markUnreachable(id: number, now: number): void {
    this.sql("UPDATE users SET unreachable_at = ? WHERE id = ?").run(now, id);
  }

  language(id: number): string | undefined {
    const known = this.languages.get(id);
    if (known !== undefined) return known ?? undefined;
    const row = this.sql("SELECT language FROM users WHERE id = ?").get(id) as { language: string | null } | undefined;
    if (row) this.remember(id, row.language);
    return row?.language ?? undefined;
  }

  setLanguage(id: number, language: string): void {
    if (this.sql("UPDATE users SET language = ? WHERE id = ?").run(language, id).changes === 1) this.remember(id, language);
  }
}
