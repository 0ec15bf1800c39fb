import type { Chat, Message, Update, User } from "grammy/types";
import { expect, it } from "vitest";
import { EMULATOR_BOT_INFO, type ChatUser } from "../../src/channels/emulator.js";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN, SARI } from "../support/harness.js";

/**
 * A few thousand updates of every kind Telegram sends (shapes from grammy/types), from friendly
 * to hostile, while the Bot API now and then refuses a call (403 blocked, 429, 5xx): the bot
 * must log no "update failed", keep answering /start, and keep its books.
 */

const UPDATES = 3000;
const SEED = 20_261_123;

/** mulberry32: the same run every time, so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (n: number) => Math.floor(next() * n),
    pick: <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const bot = botPerTest();
const rnd = random(SEED);
const BUDI: ChatUser = { id: 77, firstName: "Budi" };
const PEOPLE = [SARI, SARI, BUDI, ADMIN];
const BOT_USER: User = { id: EMULATOR_BOT_INFO.id, is_bot: true, first_name: EMULATOR_BOT_INFO.first_name };

const TEXTS = [
  "/start", "/bayar", "/saldo", "/batal", "/riwayat", "/favorit", "/deposit", "/bahasa", "/bantuan", "/help", "/cancel",
  "/topup 42 50rb", "/topup 77 1jt", "/potong 42 10rb", "/user 42", "/pending", "/laporan", "/saldoprovider",
  "530000000001", "530000000006", "630000000001", "1013226", "082100000001", "50000", "2025", "-", "1", "2", "3", "0",
  "   ", "", "halo", "🙂🙂🙂", "x".repeat(500), "ab\n".repeat(3000), "/bayar@tagihan_bot", "/", "/nope",
];

const userOf = (p: ChatUser): User => ({ id: p.id, is_bot: false, first_name: p.firstName, ...(p.username ? { username: p.username } : {}) });
const privateChat = (p: ChatUser): Chat.PrivateChat => ({ id: p.id, type: "private", first_name: p.firstName });
const GROUP: Chat.SupergroupChat = { id: -100123, type: "supergroup", title: "Keluarga" };
const CHANNEL: Chat.ChannelChat = { id: -100999, type: "channel", title: "Promo" };

let messageId = 100_000;
const date = () => Math.floor(Date.now() / 1000);

function textMessage(p: ChatUser, text: string, chat: Chat.PrivateChat | Chat.SupergroupChat = privateChat(p)): Message.TextMessage & Update.NonChannel {
  const command = /^\/\w+/.exec(text);
  return {
    message_id: ++messageId,
    date: date(),
    chat,
    from: userOf(p),
    text,
    ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
  };
}

it("answers thousands of random and hostile updates without a failed update, and the books hold", { timeout: 240_000 }, async () => {
  const faults = random(SEED + 1);
  let faulty = true;
  const h = await bot.start({
    apiFault: (method) => {
      if (!faulty || method === "getMe" || !faults.chance(0.06)) return undefined;
      return faults.pick([
        { error_code: 403, description: "Forbidden: bot was blocked by the user" },
        { error_code: 429, description: "Too Many Requests: retry after 0", parameters: { retry_after: 0 } },
        { error_code: 500, description: "Internal Server Error" },
        { error_code: 502, description: "Bad Gateway" },
      ]);
    },
  });
  faulty = false;
  for (const p of PEOPLE) await h.send("/start", p);
  h.app.deps.wallet.post({ userId: SARI.id, amount: 5_000_000, kind: "topup", actorId: ADMIN.id });
  faulty = true;

  let updateId = 50_000;
  const kinds: Record<string, number> = {};
  // Whole payments too, between the noise, so money moves while things go wrong around it.
  const plan: (() => Update | undefined)[] = [];
  const tap = (p: ChatUser, label: RegExp) => () => {
    const keyboard = h.lastKeyboard(p.id);
    const button = keyboard?.buttons.find((b) => label.test(b.text));
    return keyboard && button ? h.emulator.press(p, keyboard.messageId, button.data) : undefined;
  };
  const payment = (p: ChatUser) => [
    () => h.emulator.text(p, "/bayar"),
    tap(p, /Listrik PLN|PLN electricity/),
    tap(p, /PLN Pascabayar|PLN Postpaid/),
    () => h.emulator.text(p, rnd.pick(["530000000001", "530000000002", "530000000006", "630000000001", "5300 0000 0009"])),
    tap(p, /Bayar|Pay/),
  ];
  const next = (): Update => {
    const planned = rnd.chance(0.7) ? plan.shift()?.() : undefined;
    if (planned) return planned;
    const p = rnd.pick(PEOPLE);
    if (plan.length === 0 && rnd.chance(0.05)) plan.push(...payment(rnd.pick([SARI, BUDI])));
    const update_id = ++updateId;
    const roll = rnd.int(40);
    const kind = (k: string) => (kinds[k] = (kinds[k] ?? 0) + 1);
    // Most updates are what people really do: text and presses of the buttons on screen.
    if (roll < 14) return kind("text"), h.emulator.text(p, rnd.pick(TEXTS));
    if (roll < 22) {
      const keyboard = h.lastKeyboard(p.id);
      const button = keyboard && rnd.pick(keyboard.buttons);
      if (keyboard && button) return kind("press"), h.emulator.press(p, keyboard.messageId, button.data);
      return kind("text"), h.emulator.text(p, "/bayar");
    }
    switch (roll) {
      case 22:
        return kind("stale or forged press"), h.emulator.press(p, rnd.int(500), rnd.pick(["pay:TX1", "cancel:TX1", "rcpt:TXNOPE", "fav:del:9", "hist:99", "dreq:1", "lang:xx", "menu:pay", "prod:nope", "x".repeat(64)]));
      case 23:
        return kind("callback without data (game)"), { update_id, callback_query: { id: `g${update_id}`, from: userOf(p), chat_instance: "1", game_short_name: "race", message: { message_id: 1, date: date(), chat: privateChat(p), from: BOT_USER, text: "" } } };
      case 24:
        return kind("inline callback"), { update_id, callback_query: { id: `i${update_id}`, from: userOf(p), chat_instance: "2", inline_message_id: "AAAA", data: "pay:TX1" } };
      case 25:
        return kind("callback on inaccessible message"), { update_id, callback_query: { id: `x${update_id}`, from: userOf(p), chat_instance: "3", data: "menu:pay", message: { message_id: 3, date: 0, chat: privateChat(p) } } };
      case 26:
        return kind("my_chat_member"), {
          update_id,
          my_chat_member: {
            chat: privateChat(p),
            from: userOf(p),
            date: date(),
            old_chat_member: { status: "member", user: BOT_USER },
            new_chat_member: rnd.chance(0.5) ? { status: "kicked", user: BOT_USER, until_date: 0 } : { status: "member", user: BOT_USER },
          },
        };
      case 27:
        return kind("channel post"), { update_id, channel_post: { message_id: ++messageId, date: date(), chat: CHANNEL, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] } };
      case 28:
        return kind("group message"), { update_id, message: textMessage(p, rnd.pick(TEXTS), GROUP) };
      case 29:
        return kind("edited message"), { update_id, edited_message: { ...textMessage(p, rnd.pick(TEXTS)), edit_date: date() } };
      case 30:
        return kind("sticker"), { update_id, message: { message_id: ++messageId, date: date(), chat: privateChat(p), from: userOf(p), sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } } };
      case 31:
        return kind("inline query"), rnd.chance(0.5)
          ? { update_id, inline_query: { id: `q${update_id}`, from: userOf(p), query: "pln", offset: "" } }
          : { update_id, chosen_inline_result: { result_id: "1", from: userOf(p), query: "pln" } };
      case 32:
        return kind("poll"), rnd.chance(0.5)
          ? { update_id, poll: { id: "p", question: "?", options: [], total_voter_count: 0, is_closed: true, is_anonymous: true, type: "regular", allows_multiple_answers: false, allows_revoting: false, members_only: false } }
          : { update_id, poll_answer: { poll_id: "p", user: userOf(p), option_ids: [0], option_persistent_ids: ["0"] } };
      case 33:
        return kind("payments"), rnd.chance(0.5)
          ? { update_id, pre_checkout_query: { id: "c", from: userOf(p), currency: "IDR", total_amount: 1000, invoice_payload: "x" } }
          : { update_id, shipping_query: { id: "s", from: userOf(p), invoice_payload: "x", shipping_address: { country_code: "ID", state: "", city: "", street_line1: "", street_line2: "", post_code: "" } } };
      case 34:
        return kind("reaction"), rnd.chance(0.5)
          ? { update_id, message_reaction: { chat: privateChat(p), message_id: 1, user: userOf(p), date: date(), old_reaction: [], new_reaction: [{ type: "emoji", emoji: "👍" }] } }
          : { update_id, message_reaction_count: { chat: CHANNEL, message_id: 1, date: date(), reactions: [] } };
      case 35:
        return kind("business"), rnd.pick<Update>([
          { update_id, business_connection: { id: "b", user: userOf(p), user_chat_id: p.id, date: date(), is_enabled: true } },
          { update_id, business_message: { ...textMessage(p, "/start"), business_connection_id: "b" } as Message & Update.Private },
          { update_id, deleted_business_messages: { business_connection_id: "b", chat: privateChat(p), message_ids: [1] } },
        ]);
      case 36:
        return kind("members and joins"), rnd.pick<Update>([
          { update_id, chat_member: { chat: GROUP, from: userOf(p), date: date(), old_chat_member: { status: "left", user: userOf(p) }, new_chat_member: { status: "member", user: userOf(p) } } },
          { update_id, chat_join_request: { chat: GROUP, from: userOf(p), user_chat_id: p.id, date: date() } },
        ]);
      case 37:
        return kind("boosts"), rnd.chance(0.5)
          ? { update_id, chat_boost: { chat: CHANNEL, boost: { boost_id: "1", add_date: 0, expiration_date: 0, source: { source: "premium", user: userOf(p) } } } }
          : { update_id, removed_chat_boost: { chat: CHANNEL, boost_id: "1", remove_date: 0, source: { source: "premium", user: userOf(p) } } };
      case 38:
        return kind("paid media and subscriptions"), rnd.pick<Update>([
          { update_id, purchased_paid_media: { from: userOf(p), paid_media_payload: "x" } },
          { update_id, subscription: { user: userOf(p), invoice_payload: "x", state: "canceled" } },
          { update_id, managed_bot: { user: userOf(p), bot: BOT_USER } },
        ]);
      default:
        return kind("message without sender"), { update_id, message: { message_id: ++messageId, date: date(), chat: privateChat(p), text: "/start" } as Message & Update.NonChannel };
    }
  };

  for (let i = 0; i < UPDATES; i++) {
    await h.app.bot.handleUpdate(next());
    if (i % 50 === 0) await h.app.worker.idle();
  }
  await h.app.worker.idle();

  expect(Object.keys(kinds).length).toBeGreaterThanOrEqual(20);
  expect(h.logs.filter((l) => /update \d+ failed/.test(l))).toEqual([]);
  // Money did move during the run: payments went through and settled despite the noise.
  expect(h.app.deps.payments.txs.inStates(["success", "failed"]).length).toBeGreaterThan(10);

  faulty = false;
  await h.send("/start", SARI);
  // In whichever language the run left her with.
  expect(h.lastText(SARI.id)).toMatch(/^(Halo|Hi) Sari!/);
});
