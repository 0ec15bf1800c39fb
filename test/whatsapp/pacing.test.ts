import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_CHARS, splitMessage } from "../../src/channels/whatsapp/render.js";
import { botPerTest } from "../support/bot-per-test.js";
import { addWhatsApp } from "../support/whatsapp.js";

/**
 * The pace WhatsApp sees, read from the channel's virtual clock (it moves only when the channel
 * waits): order per chat, the gap per chat, the cap per minute, "typing…" first.
 */

const bot = botPerTest();
const USERS = ["6281200000001@c.us", "6281200000002@c.us", "6281200000003@c.us"];
const COMMANDS = ["/start", "/saldo", "/bantuan", "/saldo", "/riwayat"];

describe("pacing", () => {
  it("holds under a burst: each chat in order, gaps kept, at most N a minute", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h, { chatGapMs: 3_000, perMinute: 6 });
    // Everyone writes everything at once, before a single answer went out.
    for (const text of COMMANDS) for (const user of USERS) wa.client.receive(user, text, { name: "Tamu" });
    await wa.channel.idle();

    const sent = wa.client.sent;
    expect(sent).toHaveLength(USERS.length * COMMANDS.length);
    for (const user of USERS) {
      const mine = sent.filter((s) => s.to === user);
      // The answers come in the order the commands were written.
      expect(mine[0]!.text).toContain("Halo Tamu!");
      expect(mine[1]!.text).toContain("Saldo kamu: Rp 0");
      expect(mine[2]!.text).toContain("/batal");
      expect(mine[3]!.text).toContain("Saldo kamu: Rp 0");
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(3_000);
    }
    for (let i = 6; i < sent.length; i++) expect(sent[i]!.at - sent[i - 6]!.at).toBeGreaterThanOrEqual(60_000);
    expect(sent.every((s) => s.typedAt !== undefined && s.typedAt < s.at)).toBe(true);
  });
});

describe("broadcasts in the outbox", () => {
  it("wait behind replies, and leave a quarter of the minute's cap for them", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h, { chatGapMs: 1_000, perMinute: 8 });
    for (const user of USERS) await wa.say(user, "/start");
    const ids = h.app.deps.db.prepare("SELECT user_id AS id FROM whatsapp_ids ORDER BY user_id").all() as { id: number }[];
    // A broadcast's messages wait (as the Broadcaster leaves them: bulk), 4 to each user.
    for (let i = 0; i < 4; i++) for (const { id } of ids) wa.channel.outbox.add(id, [`Promo ${i}`], wa.clock.now(), undefined, true);
    const before = wa.client.sent.length;
    await wa.say(USERS[2]!, "/saldo");

    const after = wa.client.sent.slice(before);
    // The reply went first, though the broadcast was there before it.
    expect(after[0]!.text).toContain("Saldo kamu: Rp 0");
    const promos = after.filter((s) => s.text.startsWith("Promo"));
    expect(promos).toHaveLength(12);
    // At most 6 of 8 a minute for the broadcast.
    for (let i = 6; i < promos.length; i++) expect(promos[i]!.at - promos[i - 6]!.at).toBeGreaterThanOrEqual(60_000);
  });
});

describe("long messages", () => {
  it("are split at line breaks into parts WhatsApp takes, nothing lost", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${i + 1}. Baris yang cukup panjang untuk tagihan`);
    const parts = splitMessage(lines.join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(parts.join("\n")).toBe(lines.join("\n"));
    expect(splitMessage("x".repeat(MAX_MESSAGE_CHARS * 2 + 1)).map((p) => p.length)).toEqual([MAX_MESSAGE_CHARS, MAX_MESSAGE_CHARS, 1]);
  });
});
