import { describe, expect, it } from "vitest";
import { WHATSAPP_ID_BASE } from "../../src/db/whatsapp-users.js";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN, SARI } from "../support/harness.js";
import { fundSari } from "../support/pay.js";
import { addWhatsApp, numberOf, type WhatsAppSide } from "../support/whatsapp.js";

/**
 * WhatsApp users through the real thing: the channel, the Bot API emulator, the grammY bot and
 * its conversations, SQLite, the sandbox biller and the worker. Only the whatsapp-web.js client
 * is a fake, handing over the library's own Message objects.
 */

const bot = botPerTest();
const BUDI = "6281234567890@c.us";

async function choose(wa: WhatsAppSide, to: string, label: string): Promise<void> {
  await wa.say(to, numberOf(wa, to, label));
}

const budiId = (_wa: WhatsAppSide) =>
  Number((bot.h.app.deps.db.prepare("SELECT user_id FROM whatsapp_ids WHERE wa_id = ?").get(BUDI) as { user_id: number }).user_id);

async function fundBudi(wa: WhatsAppSide, amount = 1_000_000): Promise<number> {
  await wa.say(BUDI, "/start");
  const id = budiId(wa);
  if (amount > 0) bot.h.app.deps.wallet.post({ userId: id, amount, kind: "topup", actorId: ADMIN.id });
  return id;
}

describe("paying on WhatsApp", () => {
  it("pays a PLN bill: numbered menus, the summary, the receipt, in WhatsApp markup", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    const id = await fundBudi(wa);
    expect(wa.texts(BUDI)[0]).toContain("Halo Budi!");
    expect(id).toBeGreaterThanOrEqual(WHATSAPP_ID_BASE);

    await wa.say(BUDI, "/bayar");
    expect(wa.lastText(BUDI)).toMatch(/^1\. .+/m);
    expect(wa.lastText(BUDI)).toMatch(/\*Balas dengan nomor pilihan \(1-\d+\)\.\*/);
    await choose(wa, BUDI, "Listrik PLN");
    await choose(wa, BUDI, "PLN Pascabayar");
    await wa.say(BUDI, "530000000001");
    const summary = wa.lastText(BUDI);
    expect(summary).toContain("🧾 Tagihan PLN Pascabayar");
    expect(summary).toContain("No. pelanggan: 530000000001");
    await choose(wa, BUDI, "Bayar");

    const receipt = wa.texts(BUDI).find((t) => t.includes("✅ Pembayaran berhasil"));
    expect(receipt).toBeDefined();
    const price = (h.app.deps.db.prepare("SELECT price FROM transactions WHERE user_id = ? AND state = 'success'").get(id) as { price: number }).price;
    expect(h.balance(id)).toBe(1_000_000 - price);
    expect(receipt).toContain(`Sisa saldo: Rp ${(1_000_000 - price).toLocaleString("de-DE")}`);
    // Nothing Telegram-only reached WhatsApp.
    expect(wa.texts(BUDI).join("\n")).not.toMatch(/<\/?b>|parse_mode/);
    // "typing…" came before every message.
    expect(wa.client.sent.every((s) => s.typedAt !== undefined && s.typedAt <= s.at)).toBe(true);
  });

  it("asks again for a wrong number, and /batal ends the flow without moving money", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    const id = await fundBudi(wa);
    await wa.say(BUDI, "/bayar");
    await choose(wa, BUDI, "Listrik PLN");
    await choose(wa, BUDI, "PLN Pascabayar");
    await wa.say(BUDI, "12ab");
    expect(wa.lastText(BUDI)).toContain('Nomor "12ab" tidak sesuai');
    await wa.say(BUDI, "/batal");
    expect(wa.lastText(BUDI)).toContain("Dibatalkan");
    await wa.say(BUDI, "530000000001");
    expect(wa.lastText(BUDI)).not.toContain("🧾 Tagihan");
    expect(h.balance(id)).toBe(1_000_000);
  });

  it("goes on where it was after a restart: the numbered list still answers", async () => {
    let h = await bot.start();
    let wa = await addWhatsApp(h);
    await fundBudi(wa);
    await wa.say(BUDI, "/bayar");
    await choose(wa, BUDI, "Listrik PLN");
    const pick = numberOf(wa, BUDI, "PLN Pascabayar");

    h = await bot.start();
    wa = await addWhatsApp(h);
    await wa.say(BUDI, pick);
    expect(wa.lastText(BUDI)).toContain("ID pelanggan");
    await wa.say(BUDI, "530000000001");
    expect(wa.lastText(BUDI)).toContain("🧾 Tagihan PLN Pascabayar");
  });

  it("a Telegram user and a WhatsApp user pay at the same time; each receipt goes to its own channel", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    await fundSari(h, 1_000_000);
    await fundBudi(wa);
    await h.send("/bayar");
    await h.tap("Listrik PLN");
    await h.tap("PLN Pascabayar");
    await h.send("530000000001");
    await wa.say(BUDI, "/bayar");
    await choose(wa, BUDI, "Listrik PLN");
    await choose(wa, BUDI, "PLN Pascabayar");
    await wa.say(BUDI, "530000000002");

    const tap = h.lastKeyboard()!.buttons.find((b) => b.text.includes("Bayar"))!;
    await Promise.all([h.app.bot.handleUpdate(h.emulator.press(SARI, h.lastKeyboard()!.messageId, tap.data)), wa.say(BUDI, numberOf(wa, BUDI, "Bayar"))]);
    await h.app.worker.idle();
    await wa.channel.idle();
    const sariReceipts = h.texts().filter((t) => t.includes("✅ Pembayaran berhasil"));
    const budiReceipts = wa.texts(BUDI).filter((t) => t.includes("✅ Pembayaran berhasil"));
    expect(sariReceipts).toHaveLength(1);
    expect(sariReceipts[0]).toContain("No. pelanggan: 530000000001");
    expect(budiReceipts).toHaveLength(1);
    expect(budiReceipts[0]).toContain("No. pelanggan: 530000000002");
    // The Telegram side never saw Budi's messages, nor WhatsApp Sari's.
    expect(h.outputs.some((o) => o.chatId === budiId(wa))).toBe(false);
  });
});

describe("who is who on WhatsApp", () => {
  it("an admin on WhatsApp (ADMIN_PHONES) tops up a user named by phone number in any form", async () => {
    const h = await bot.start({ env: { ADMIN_PHONES: "0811-2222-3333" } });
    const wa = await addWhatsApp(h);
    const boss = "6281122223333@c.us";
    const id = await fundBudi(wa, 0);
    await wa.say(boss, "/start", { name: "Bos" });
    await wa.say(boss, "/topup 081234567890 50rb");
    expect(wa.lastText(boss)).toContain("+6281234567890");
    expect(wa.lastText(boss)).toContain("Rp 50.000");
    expect(wa.lastText(BUDI)).toContain("💰 Saldo kamu bertambah Rp 50.000");
    await wa.say(boss, "/user +62 812-3456-7890");
    expect(wa.lastText(boss)).toContain("Budi");
    await wa.say(boss, "/topup 6281234567890 1rb");
    expect(h.balance(id)).toBe(51_000);
    // The Telegram admin hears about it on Telegram.
    expect(h.texts(ADMIN.id).some((t) => t.includes("Rp 50.000"))).toBe(true);
    // Someone not named in ADMIN_PHONES is refused.
    await wa.say(BUDI, "/topup 081234567890 1jt");
    expect(h.balance(id)).toBe(51_000);
  });

  it("maps an @lid sender to their phone number: both ids reach the same user", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    const lid = "123456789012345@lid";
    wa.client.lids.set(lid, BUDI);
    await wa.say(lid, "/start");
    const user = h.app.deps.users.byPhone("081234567890");
    expect(user).toMatchObject({ channel: "whatsapp", phone: "6281234567890", firstName: "Budi" });
    await wa.say(BUDI, "/saldo");
    expect(budiId(wa)).toBe(user!.id);
    // Replies go where the user last wrote from.
    expect(wa.lastText(BUDI)).toContain("Rp 0");
    expect(wa.texts(lid)[0]).toContain("Halo Budi!");
  });

  it("ignores groups, status, channels, its own messages and the backlog; a message id is handled once", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    await wa.say("120363012345678901@g.us", "/start", { extra: { author: BUDI } });
    await wa.say("status@broadcast", "/start", { extra: { author: BUDI } });
    await wa.say("120363098765432109@newsletter", "/start");
    await wa.say(BUDI, "/start", { fromMe: true, to: BUDI });
    await wa.say(BUDI, "/start", { t: Math.floor(wa.clock.now() / 1000) - 3600 });
    expect(wa.client.sent).toEqual([]);
    expect(h.app.deps.db.prepare("SELECT COUNT(*) AS n FROM users WHERE channel = 'whatsapp'").get()).toEqual({ n: 0 });

    const first = wa.client.receive(BUDI, "/saldo", { id: "3EB0SAME" });
    wa.client.emit("message", first);
    wa.client.receive(BUDI, "/saldo", { id: "3EB0SAME" });
    await wa.channel.idle();
    expect(wa.texts(BUDI)).toHaveLength(1);
  });

  it("answers a photo, sticker, voice note, location or contact with a note asking for text", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    await wa.say(BUDI, "", { type: "image", extra: { directPath: "/v/t62/abc", mimetype: "image/jpeg" } });
    await wa.say(BUDI, "", { type: "sticker", extra: { directPath: "/v/t62/def" } });
    await wa.say(BUDI, "", { type: "ptt", extra: { directPath: "/v/t62/ghi", duration: 3 } });
    await wa.say(BUDI, "", { type: "location", extra: { lat: -6.2, lng: 106.8 } });
    await wa.say(BUDI, "BEGIN:VCARD\nEND:VCARD", { type: "vcard" });
    expect(wa.texts(BUDI)).toHaveLength(5);
    for (const t of wa.texts(BUDI)) expect(t).toContain("hanya bisa membaca pesan teks");
    void h;
  });
});
