import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { Output } from "../../src/channels/emulator.js";
import { WHATSAPP_ID_BASE } from "../../src/db/whatsapp-users.js";
import { blockedByUser } from "../support/api-faults.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, type Harness } from "../support/harness.js";
import { addWhatsApp, type WhatsAppSide } from "../support/whatsapp.js";

/**
 * /broadcast through the real bot: a preview, a confirmation, then the message goes to 2,000
 * users in the background, Telegram through the outgoing queue (a stand-in enforcing Telegram's
 * limits answers 429 past them) and WhatsApp through the outbox, skipping users who blocked the bot
 * or opted out; the app is closed half-way and a new one on the same SQLite file finishes it.
 */

const clock = new Clock();
const bot = botPerTest({ clock });
const TELEGRAM_USERS = 1_200;
const WHATSAPP_USERS = 800;
const TG_FIRST = 10_000;
const waChat = (i: number) => `62812${String(i).padStart(7, "0")}@c.us`;
const tgIds = Array.from({ length: TELEGRAM_USERS }, (_, i) => TG_FIRST + i);
const waIds = Array.from({ length: WHATSAPP_USERS }, (_, i) => WHATSAPP_ID_BASE + 1 + i);
/** Telegram users who blocked the bot (it answers 403), and users of both channels who opted out by SQL (a few more do by command). */
const BLOCKED = tgIds.filter((_, i) => i % 30 === 7);
const OPTED_OUT = [...tgIds.filter((_, i) => i % 50 === 3), ...waIds.filter((_, i) => i % 40 === 5)];

/** The crowd, written straight into SQLite as the bot would have after each one's first message. */
function seedUsers(h: Harness): void {
  const db = h.app.deps.db;
  const user = db.prepare("INSERT INTO users (id, channel, first_name, phone, created_at, opted_out) VALUES (?, ?, ?, ?, ?, ?)");
  const waId = db.prepare("INSERT INTO whatsapp_ids (wa_id, user_id, last_seen_at) VALUES (?, ?, ?)");
  db.transaction(() => {
    for (const id of tgIds) user.run(id, "telegram", `User ${id}`, null, clock.now(), OPTED_OUT.includes(id) ? 1 : 0);
    waIds.forEach((id, i) => {
      user.run(id, "whatsapp", `WA ${i}`, waChat(i).slice(0, -5), clock.now(), OPTED_OUT.includes(id) ? 1 : 0);
      waId.run(waChat(i), id, clock.now());
    });
  })();
}

const broadcastTexts = (outputs: Output[]) => outputs.filter((o) => o.kind === "message" && o.text.startsWith("Promo Desember"));
const recipients = (h: Harness) =>
  h.app.deps.db.prepare("SELECT state, COUNT(*) AS n FROM broadcast_recipients GROUP BY state ORDER BY state").all() as { state: string; n: number }[];

/** Resolves once `check` holds, looking again after everything runnable ran (for clock.settle). */
const until = (check: () => boolean) =>
  new Promise<void>((resolve) => {
    const look = () => (check() ? resolve() : setImmediate(look));
    look();
  });

describe("/broadcast", () => {
  it("previews, sends to 2,000 users on both channels within their pace, skips blocked and opted-out users, and survives a restart without duplicates", async () => {
    let h = await bot.start({ telegram: true });
    let wa: WhatsAppSide = await addWhatsApp(h, { perMinute: 600, chatGapMs: 1_000 });
    await h.send("/start", ADMIN);
    seedUsers(h);
    const blockBot = (h: Harness) => {
      for (const id of BLOCKED) h.apiFaults.failNext("sendMessage", blockedByUser, (p) => p.chat_id === id);
    };
    blockBot(h);
    // Two users turn broadcasts off by command, one turns them back on.
    const [tgOff, tgOn] = [
      { id: TG_FIRST + 1, firstName: "Off" },
      { id: TG_FIRST + 2, firstName: "On" },
    ];
    await clock.settle(h.send("/stopinfo", tgOff));
    expect(h.lastText(tgOff.id)).toBe(
      "🔕 Kamu tidak akan menerima info dari admin lagi. Nyalakan lagi dengan /mulaiinfo. Struk dan kabar pembayaranmu tetap dikirim.",
    );
    await clock.settle(h.send("/stopinfo", tgOn));
    await clock.settle(h.send("/mulaiinfo", tgOn));
    expect(h.lastText(tgOn.id)).toBe("🔔 Kamu akan menerima info dari admin lagi. Matikan dengan /stopinfo.");
    await wa.say(waChat(0), "/stopinfo");
    expect(wa.lastText(waChat(0))).toContain("🔕 Kamu tidak akan menerima info dari admin lagi.");

    // A non-admin cannot.
    await clock.settle(h.send("/broadcast semua\nHalo", tgOff));
    expect(h.lastText(tgOff.id)).toBe("Perintah ini hanya untuk admin.");

    await clock.settle(h.send("/broadcast level emas\nPromo", ADMIN));
    expect(h.lastText(ADMIN.id)).toMatch(/^❌ Level emas tidak ada\. Level yang ada: umum/);
    await clock.settle(h.send("/broadcast semua\nPromo Desember: diskon admin PLN!", ADMIN));
    const audience = TELEGRAM_USERS + WHATSAPP_USERS + 1;
    expect(h.lastText(ADMIN.id)).toBe(
      [
        "📣 Pratinjau siaran #1 untuk semua pengguna:",
        "2.001 penerima (Telegram 1.201, WhatsApp 800). Yang berhenti menerima info atau memblokir bot dilewati.",
        "———",
        "Promo Desember: diskon admin PLN!",
      ].join("\n"),
    );
    expect(h.lastKeyboard(ADMIN.id)?.buttons.map((b) => b.text)).toEqual(["📣 Kirim ke 2.001 pengguna", "Batal"]);
    // Nothing goes before the admin confirms.
    expect(recipients(h)).toEqual([]);

    await clock.settle(h.tap("Kirim", ADMIN));
    expect(h.texts(ADMIN.id)).toContain("📣 Siaran #1 mulai dikirim ke 2.001 pengguna.");
    // A second press of the same button sends nothing more.
    await clock.settle(h.tap("Kirim", ADMIN));
    expect(h.lastText(ADMIN.id)).toBe("Siaran #1 sudah dikirim atau dibatalkan; tombol ini tidak berlaku lagi.");

    // Half-way: the app is closed (the batch under way finishes and is recorded) and a new one opens on the same file.
    await clock.settle(until(() => h.limits!.taken.length >= 600));
    // What the first app sends while it closes counts too: its outputs are read after it closed.
    const first = { outputs: h.outputs, clients: wa.clients, limits: h.limits! };
    h = await clock.settle(bot.start({ telegram: true }));
    const before = recipients(h).find((r) => r.state === "sent")!.n;
    expect(before).toBeGreaterThan(600);
    expect(before).toBeLessThan(audience - 600);
    blockBot(h);
    wa = await addWhatsApp(h, { perMinute: 600, chatGapMs: 1_000 });
    h.app.broadcaster.resume();
    await clock.settle(h.app.broadcaster.idle());
    await wa.channel.idle();

    const telegram = [...broadcastTexts(first.outputs), ...broadcastTexts(h.outputs)];
    const whatsapp = [...first.clients, ...wa.clients].flatMap((c) => c.sent).filter((s) => s.text.startsWith("Promo Desember"));
    // Each user at most once: no duplicates across the restart.
    const tgChats = telegram.map((o) => o.chatId);
    expect(new Set(tgChats).size).toBe(tgChats.length);
    const waTo = whatsapp.map((s) => s.to);
    expect(new Set(waTo).size).toBe(waTo.length);
    // Everyone reached who should be, nobody who should not.
    const skippedTg = new Set([...BLOCKED, ...OPTED_OUT, tgOff.id]);
    expect(tgChats.sort((a, b) => a - b)).toEqual([ADMIN.id, ...tgIds.filter((id) => !skippedTg.has(id))]);
    const skippedWa = new Set(OPTED_OUT.filter((id) => id > WHATSAPP_ID_BASE).map((id) => waChat(id - WHATSAPP_ID_BASE - 1)));
    skippedWa.add(waChat(0));
    expect(waTo.sort()).toEqual(Array.from({ length: WHATSAPP_USERS }, (_, i) => waChat(i)).filter((c) => !skippedWa.has(c)));
    // Each message as the user reads it: the text and how to stop them.
    expect(telegram[0]!.text).toBe("Promo Desember: diskon admin PLN!\n\nTidak mau menerima info seperti ini? Ketik /stopinfo.");
    expect(whatsapp[0]!.text).toBe("Promo Desember: diskon admin PLN!\n\nTidak mau menerima info seperti ini? Ketik /stopinfo.");
    // Telegram's limits were kept: nothing answered 429, before or after the restart.
    expect(first.limits.refused).toEqual([]);
    expect(h.limits!.refused).toEqual([]);

    const optedOut = OPTED_OUT.length + 2;
    const sent = audience - BLOCKED.length - optedOut;
    expect(recipients(h)).toEqual([
      { state: "blocked", n: BLOCKED.length },
      { state: "opted-out", n: optedOut },
      { state: "sent", n: sent },
    ]);
    // Those who blocked the bot are marked, so the next broadcast skips them without asking Telegram.
    const marked = h.app.deps.db.prepare("SELECT COUNT(*) AS n FROM users WHERE unreachable_at IS NOT NULL").get() as { n: number };
    expect(marked.n).toBe(BLOCKED.length);
    // The admin saw progress and the final counts.
    expect(h.texts(ADMIN.id).some((t) => /^📣 Siaran #1: [\d.]+ dari 2\.001 diproses\./.test(t))).toBe(true);
    expect(h.lastText(ADMIN.id)).toBe(
      `✅ Siaran #1 selesai: terkirim ${sent.toLocaleString("de-DE")} dari 2.001. Memblokir bot ${BLOCKED.length}, berhenti info ${optedOut}, gagal 0, tidak pasti 0.`,
    );
  });

  it("after a crash, recipients that were being sent are counted uncertain and never sent again; the rest go out", async () => {
    let h = await bot.start();
    await h.send("/start", ADMIN);
    const users = [11, 12, 13, 14, 15].map((id) => ({ id, firstName: `U${id}` }));
    for (const u of users) await h.send("/start", u);
    await h.send("/broadcast aktif 7\nPromo Desember: hari ini saja", ADMIN);
    const store = h.app.deps.broadcasts.store;
    // What a crash right after marking a batch leaves: "Kirim" pressed, two recipients marked sending, nothing sent yet.
    expect(store.start(1, clock.now())).toBe(6);
    const taken = store.take(1, 2);
    h = await bot.start();
    h.app.broadcaster.resume();
    await h.app.broadcaster.idle();

    const reached = broadcastTexts(h.outputs).map((o) => o.chatId);
    expect(reached.sort((a, b) => a - b)).toEqual([...users.map((u) => u.id), ADMIN.id].filter((id) => !taken.includes(id)));
    expect(recipients(h)).toEqual([
      { state: "sent", n: 4 },
      { state: "unknown", n: 2 },
    ]);
    expect(h.lastText(ADMIN.id)).toBe("✅ Siaran #1 selesai: terkirim 4 dari 6. Memblokir bot 0, berhenti info 0, gagal 0, tidak pasti 2.");
  });

  it("a picture with the command as its caption: Telegram users get it by its file id, WhatsApp users its bytes", async () => {
    // Telegram's file download, as api.telegram.org/file/bot<token>/<path> serves it.
    const picture = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("promo picture")]);
    const files = createServer((req, res) => {
      const ok = req.url === "/file/bot123456:TEST-TOKEN-FOR-THE-EMULATOR/photos/PROMO-PHOTO.jpg";
      res.writeHead(ok ? 200 : 404).end(ok ? picture : undefined);
    });
    await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
    try {
      const h = await bot.start({ env: { TELEGRAM_API_ROOT: `http://127.0.0.1:${(files.address() as AddressInfo).port}` } });
      const wa = await addWhatsApp(h);
      await h.send("/start", ADMIN);
      await h.send("/start", { id: 21, firstName: "Tina" });
      await wa.say(waChat(1), "/start");
      const from = { id: ADMIN.id, is_bot: false, first_name: ADMIN.firstName, username: ADMIN.username };
      const caption = "/broadcast semua\nPromo Desember: lihat gambarnya";
      const photoUpdate = {
        update_id: 900_001,
        message: {
          message_id: 9_001,
          date: Math.floor(clock.now() / 1000),
          chat: { id: ADMIN.id, type: "private", first_name: ADMIN.firstName },
          from,
          photo: [
            { file_id: "PROMO-SMALL", file_unique_id: "s", width: 90, height: 90 },
            { file_id: "PROMO-PHOTO", file_unique_id: "p", width: 800, height: 800 },
          ],
          caption,
          caption_entities: [{ type: "bot_command", offset: 0, length: "/broadcast".length }],
        },
      } as unknown as Update;
      await h.app.bot.handleUpdate(photoUpdate);
      expect(h.lastText(ADMIN.id)).toContain("📣 Pratinjau siaran #1 untuk semua pengguna, dengan gambar:");
      await h.tap("Kirim", ADMIN);
      await clock.settle(h.app.broadcaster.idle());
      await wa.channel.idle();

      const photos = h.emulator.calls.filter((c) => c.method === "sendPhoto");
      expect(photos.map((c) => [c.payload.chat_id, c.payload.photo]).sort()).toEqual([
        [21, "PROMO-PHOTO"],
        [ADMIN.id, "PROMO-PHOTO"],
      ]);
      expect(photos[0]!.payload.caption).toBe("Promo Desember: lihat gambarnya\n\nTidak mau menerima info seperti ini? Ketik /stopinfo.");
      const onWhatsApp = wa.client.sent.filter((s) => s.to === waChat(1) && s.media);
      expect(onWhatsApp).toHaveLength(1);
      expect(onWhatsApp[0]!.media!.bytes.equals(picture)).toBe(true);
      expect(onWhatsApp[0]!.text).toBe("Promo Desember: lihat gambarnya\n\nTidak mau menerima info seperti ini? Ketik /stopinfo.");
      expect(recipients(h)).toEqual([{ state: "sent", n: 3 }]);
    } finally {
      files.close();
    }
  });
});
