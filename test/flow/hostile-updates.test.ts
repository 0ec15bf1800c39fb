import type { Chat, Message, Update, User } from "grammy/types";
import { describe, expect, it } from "vitest";
import { EMULATOR_BOT_INFO, type ChatUser } from "../../src/channels/emulator.js";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN, SARI } from "../support/harness.js";
import { payBill, pickProduct, topUpSari } from "../support/pay.js";

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
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const bot = botPerTest();
const rnd = random(SEED);
const BUDI: ChatUser = { id: 77, firstName: "Budi" };
const PEOPLE = [SARI, SARI, BUDI, ADMIN];
const BOT_USER: User = { id: EMULATOR_BOT_INFO.id, is_bot: true, first_name: EMULATOR_BOT_INFO.first_name };

const TEXTS = [
  "/start",
  "/bayar",
  "/saldo",
  "/batal",
  "/riwayat",
  "/favorit",
  "/deposit",
  "/bahasa",
  "/bantuan",
  "/help",
  "/cancel",
  "/topup 42 50rb",
  "/topup 77 1jt",
  "/potong 42 10rb",
  "/user 42",
  "/pending",
  "/laporan",
  "/saldoprovider",
  "530000000001",
  "530000000006",
  "630000000001",
  "1013226",
  "082100000001",
  "50000",
  "2025",
  "-",
  "1",
  "2",
  "3",
  "0",
  "   ",
  "",
  "halo",
  "🙂🙂🙂",
  "x".repeat(500),
  "ab\n".repeat(3000),
  "/bayar@tagihan_bot",
  "/",
  "/nope",
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

type Fault = ReturnType<NonNullable<Parameters<typeof bot.start>[0]>["apiFault"] & {}>;

/** A bot whose Bot API refuses what `refuse` says, while the test wants it to. */
async function startRefusing(refuse: (method: string, user: number | undefined) => Fault) {
  let on = false;
  let chat: number | undefined;
  const h = await bot.start({ apiFault: (method) => (on ? refuse(method, chat) : undefined) });
  await topUpSari(h, "1jt");
  return {
    h,
    /** Runs `step` with the refusals on. */
    async refusing(step: () => Promise<void>) {
      on = true;
      try {
        await step();
      } finally {
        on = false;
      }
    },
    failed: () => h.logs.filter((l) => /update \d+ failed/.test(l)),
  };
}

const TOO_OLD = { error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" };
const BLOCKED = { error_code: 403, description: "Forbidden: bot was blocked by the user" };

describe("replies Telegram will not take", () => {
  it("a button pressed while the bot was down still works: a 'query is too old' answer does not fail the update", async () => {
    const t = await startRefusing((method) => (method === "answerCallbackQuery" ? TOO_OLD : undefined));
    await t.refusing(async () => {
      await t.h.tap("Saldo saya");
      expect(t.h.lastText()).toBe("Saldo kamu: Rp 1.000.000\nUntuk isi saldo, ketik /deposit.");
      await t.h.send("/bahasa");
      await t.h.tap("English");
      expect(t.h.lastText()).toBe("Language set to English.");
      await pickProduct(t.h, "PLN electricity", "PLN Postpaid");
      await t.h.send("530000000001");
      await t.h.tap("Pay");
      expect(t.h.lastText()).toContain("✅ Payment successful");
    });
    expect(t.h.texts().join("\n")).not.toMatch(/went wrong|kesalahan/);
    expect(t.failed()).toEqual([]);
  });

  it("a user who blocked the bot (403) is not an 'update failed', and gets no apology either", async () => {
    const t = await startRefusing((method) => (method === "sendMessage" ? BLOCKED : undefined));
    const before = t.h.outputs.length;
    await t.refusing(() => t.h.send("/saldo"));
    expect(t.h.outputs.length).toBe(before);
    expect(t.h.logs.at(-1)).toMatch(/^update \d+: reply not delivered \(sendMessage: 403 Forbidden: bot was blocked by the user\)$/);
    expect(t.failed()).toEqual([]);
    // Unblocked again, the chat goes on as before.
    await t.h.send("/saldo");
    expect(t.h.lastText()).toContain("Saldo kamu: Rp 1.000.000");
  });
});

describe("updates with no one to answer", () => {
  const person = { id: SARI.id, is_bot: false, first_name: "Sari" };
  const chat = { id: SARI.id, type: "private" as const, first_name: "Sari" };

  it("are handled quietly: inline and game buttons are answered, the rest is left alone", async () => {
    const t = await startRefusing(() => undefined);
    const { h } = t;
    const calls = h.emulator.calls.length;
    const outputs = h.outputs.length;
    const updates: Update[] = [
      { update_id: 9001, callback_query: { id: "inline", from: person, chat_instance: "1", inline_message_id: "AAAA", data: "menu:pay" } },
      {
        update_id: 9002,
        callback_query: {
          id: "game",
          from: person,
          chat_instance: "1",
          game_short_name: "race",
          message: { message_id: 1, date: 0, chat, from: BOT_USER, text: "" },
        },
      },
      { update_id: 9003, message: { message_id: 5, date: 0, chat, text: "/start" } as Message & Update.NonChannel },
      { update_id: 9004, channel_post: { message_id: 6, date: 0, chat: CHANNEL, text: "/start" } },
      { update_id: 9005, inline_query: { id: "q", from: person, query: "pln", offset: "" } },
      {
        update_id: 9006,
        my_chat_member: {
          chat,
          from: person,
          date: 0,
          old_chat_member: { status: "member", user: BOT_USER },
          new_chat_member: { status: "kicked", user: BOT_USER, until_date: 0 },
        },
      },
      { update_id: 9007, poll_answer: { poll_id: "p", user: person, option_ids: [0], option_persistent_ids: ["0"] } },
    ];
    for (const update of updates) await h.app.bot.handleUpdate(update);
    // Only the two button answers, so those buttons stop spinning; nothing said to anyone.
    expect(h.emulator.calls.slice(calls).map((c) => [c.method, c.payload.callback_query_id])).toEqual([
      ["answerCallbackQuery", "inline"],
      ["answerCallbackQuery", "game"],
    ]);
    expect(h.outputs.length).toBe(outputs);
    expect(t.failed()).toEqual([]);
  });

  it("the save-favourite question is not asked again when the user blocks the bot meanwhile", async () => {
    const t = await startRefusing(() => undefined);
    const { h } = t;
    await payBill(h, "Air PDAM", "PDAM", "1013226");
    await h.tap("Simpan nomor ini");
    const outputs = h.outputs.length;
    await h.app.bot.handleUpdate({
      update_id: 9100,
      my_chat_member: {
        chat,
        from: person,
        date: 0,
        old_chat_member: { status: "member", user: BOT_USER },
        new_chat_member: { status: "kicked", user: BOT_USER, until_date: 0 },
      },
    });
    expect(h.outputs.length).toBe(outputs);
    await h.send("Rumah");
    expect(h.lastText()).toBe('⭐ Tersimpan sebagai "Rumah". Lihat semua dengan /favorit.');
  });
});

describe("text of any length", () => {
  it("a blank answer is told it is empty; a long one is echoed as a short prefix and the flow goes on", async () => {
    const t = await startRefusing(() => undefined);
    const { h } = t;
    await pickProduct(h, "Air PDAM", "PDAM");
    await h.send("   ");
    expect(h.lastText()).toBe(
      "Pesanmu kosong. Yang dibutuhkan: Nomor pelanggan PDAM 5-20 digit, contoh 1013226.\nSilakan ketik lagi, atau /batal untuk membatalkan.",
    );
    await h.send("x".repeat(500));
    expect(h.lastText()).toBe(
      `Nomor "${"x".repeat(23)}…" tidak sesuai. Yang dibutuhkan: Nomor pelanggan PDAM 5-20 digit, contoh 1013226.\nSilakan ketik lagi, atau /batal untuk membatalkan.`,
    );
    await h.send("y".repeat(4096));
    expect(h.lastText()).toContain(`Nomor "${"y".repeat(23)}…" tidak sesuai.`);
    await h.send("1013226");
    expect(h.lastText()).toContain("🧾 Tagihan PDAM");
    expect(t.failed()).toEqual([]);
  });

  it("a reply longer than a Telegram message goes out in pieces, the buttons on the last", async () => {
    const instructions = Array.from({ length: 120 }, (_, i) => `${i + 1}. Transfer ke rekening BCA 1234567890 a.n. Toko Sari, lalu kirim bukti.`).join("\n");
    const h = await bot.start({ env: { DEPOSIT_INSTRUCTIONS: instructions } });
    await h.send("/start");
    const before = h.outputs.length;
    await h.send("/deposit");
    const pieces = h.outputs.slice(before) as Extract<(typeof h.outputs)[number], { kind: "message" }>[];
    expect(pieces.length).toBe(3);
    expect(pieces.every((p) => p.text.length <= 4096)).toBe(true);
    expect(pieces.map((p) => p.text).join("\n")).toBe(`${instructions}\n\nSudah transfer? Tekan tombol di bawah supaya admin segera menambah saldo kamu.`);
    expect(pieces.map((p) => p.buttons.map((b) => b.text))).toEqual([[], [], ["📨 Saya sudah transfer"]]);
    expect(h.logs.filter((l) => /failed/.test(l))).toEqual([]);
  });
});

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
    if (roll < 14) return (kind("text"), h.emulator.text(p, rnd.pick(TEXTS)));
    if (roll < 22) {
      const keyboard = h.lastKeyboard(p.id);
      const button = keyboard && rnd.pick(keyboard.buttons);
      if (keyboard && button) return (kind("press"), h.emulator.press(p, keyboard.messageId, button.data));
      return (kind("text"), h.emulator.text(p, "/bayar"));
    }
    switch (roll) {
      case 22:
        return (
          kind("stale or forged press"),
          h.emulator.press(
            p,
            rnd.int(500),
            rnd.pick(["pay:TX1", "cancel:TX1", "rcpt:TXNOPE", "fav:del:9", "hist:99", "dreq:1", "lang:xx", "menu:pay", "prod:nope", "x".repeat(64)]),
          )
        );
      case 23:
        return (
          kind("callback without data (game)"),
          {
            update_id,
            callback_query: {
              id: `g${update_id}`,
              from: userOf(p),
              chat_instance: "1",
              game_short_name: "race",
              message: { message_id: 1, date: date(), chat: privateChat(p), from: BOT_USER, text: "" },
            },
          }
        );
      case 24:
        return (
          kind("inline callback"),
          { update_id, callback_query: { id: `i${update_id}`, from: userOf(p), chat_instance: "2", inline_message_id: "AAAA", data: "pay:TX1" } }
        );
      case 25:
        return (
          kind("callback on inaccessible message"),
          {
            update_id,
            callback_query: {
              id: `x${update_id}`,
              from: userOf(p),
              chat_instance: "3",
              data: "menu:pay",
              message: { message_id: 3, date: 0, chat: privateChat(p) },
            },
          }
        );
      case 26:
        return (
          kind("my_chat_member"),
          {
            update_id,
            my_chat_member: {
              chat: privateChat(p),
              from: userOf(p),
              date: date(),
              old_chat_member: { status: "member", user: BOT_USER },
              new_chat_member: rnd.chance(0.5) ? { status: "kicked", user: BOT_USER, until_date: 0 } : { status: "member", user: BOT_USER },
            },
          }
        );
      case 27:
        return (
          kind("channel post"),
          {
            update_id,
            channel_post: { message_id: ++messageId, date: date(), chat: CHANNEL, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] },
          }
        );
      case 28:
        return (kind("group message"), { update_id, message: textMessage(p, rnd.pick(TEXTS), GROUP) });
      case 29:
        return (kind("edited message"), { update_id, edited_message: { ...textMessage(p, rnd.pick(TEXTS)), edit_date: date() } });
      case 30:
        return (
          kind("sticker"),
          {
            update_id,
            message: {
              message_id: ++messageId,
              date: date(),
              chat: privateChat(p),
              from: userOf(p),
              sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false },
            },
          }
        );
      case 31:
        return (
          kind("inline query"),
          rnd.chance(0.5)
            ? { update_id, inline_query: { id: `q${update_id}`, from: userOf(p), query: "pln", offset: "" } }
            : { update_id, chosen_inline_result: { result_id: "1", from: userOf(p), query: "pln" } }
        );
      case 32:
        return (
          kind("poll"),
          rnd.chance(0.5)
            ? {
                update_id,
                poll: {
                  id: "p",
                  question: "?",
                  options: [],
                  total_voter_count: 0,
                  is_closed: true,
                  is_anonymous: true,
                  type: "regular",
                  allows_multiple_answers: false,
                  allows_revoting: false,
                  members_only: false,
                },
              }
            : { update_id, poll_answer: { poll_id: "p", user: userOf(p), option_ids: [0], option_persistent_ids: ["0"] } }
        );
      case 33:
        return (
          kind("payments"),
          rnd.chance(0.5)
            ? { update_id, pre_checkout_query: { id: "c", from: userOf(p), currency: "IDR", total_amount: 1000, invoice_payload: "x" } }
            : {
                update_id,
                shipping_query: {
                  id: "s",
                  from: userOf(p),
                  invoice_payload: "x",
                  shipping_address: { country_code: "ID", state: "", city: "", street_line1: "", street_line2: "", post_code: "" },
                },
              }
        );
      case 34:
        return (
          kind("reaction"),
          rnd.chance(0.5)
            ? {
                update_id,
                message_reaction: {
                  chat: privateChat(p),
                  message_id: 1,
                  user: userOf(p),
                  date: date(),
                  old_reaction: [],
                  new_reaction: [{ type: "emoji", emoji: "👍" }],
                },
              }
            : { update_id, message_reaction_count: { chat: CHANNEL, message_id: 1, date: date(), reactions: [] } }
        );
      case 35:
        return (
          kind("business"),
          rnd.pick<Update>([
            { update_id, business_connection: { id: "b", user: userOf(p), user_chat_id: p.id, date: date(), is_enabled: true } },
            { update_id, business_message: { ...textMessage(p, "/start"), business_connection_id: "b" } as Message & Update.Private },
            { update_id, deleted_business_messages: { business_connection_id: "b", chat: privateChat(p), message_ids: [1] } },
          ])
        );
      case 36:
        return (
          kind("members and joins"),
          rnd.pick<Update>([
            {
              update_id,
              chat_member: {
                chat: GROUP,
                from: userOf(p),
                date: date(),
                old_chat_member: { status: "left", user: userOf(p) },
                new_chat_member: { status: "member", user: userOf(p) },
              },
            },
            { update_id, chat_join_request: { chat: GROUP, from: userOf(p), user_chat_id: p.id, date: date() } },
          ])
        );
      case 37:
        return (
          kind("boosts"),
          rnd.chance(0.5)
            ? {
                update_id,
                chat_boost: { chat: CHANNEL, boost: { boost_id: "1", add_date: 0, expiration_date: 0, source: { source: "premium", user: userOf(p) } } },
              }
            : { update_id, removed_chat_boost: { chat: CHANNEL, boost_id: "1", remove_date: 0, source: { source: "premium", user: userOf(p) } } }
        );
      case 38:
        return (
          kind("paid media and subscriptions"),
          rnd.pick<Update>([
            { update_id, purchased_paid_media: { from: userOf(p), paid_media_payload: "x" } },
            { update_id, subscription: { user: userOf(p), invoice_payload: "x", state: "canceled" } },
            { update_id, managed_bot: { user: userOf(p), bot: BOT_USER } },
          ])
        );
      default:
        return (
          kind("message without sender"),
          { update_id, message: { message_id: ++messageId, date: date(), chat: privateChat(p), text: "/start" } as Message & Update.NonChannel }
        );
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
