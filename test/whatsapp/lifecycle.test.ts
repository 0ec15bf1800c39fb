import { describe, expect, it, vi } from "vitest";
import { backoffMs } from "../../src/channels/whatsapp/connection.js";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN } from "../support/harness.js";
import { gatedProvider } from "../support/gated-provider.js";
import { addWhatsApp, numberOf } from "../support/whatsapp.js";

/** Linking, losing and getting back the WhatsApp connection, with the rest of the bot real. */

const bot = botPerTest();
const BUDI = "6281234567890@c.us";

describe("linking the number", () => {
  it("sends each QR code to the Telegram admins as a picture with a line saying WhatsApp needs linking", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h, { ready: false });
    wa.client.emit("qr", "2@Qm9ndXNRUkNvZGU=,abc,def,ghi");
    await wa.channel.idle();
    const photo = h.emulator.calls.find((c) => c.method === "sendPhoto");
    expect(photo?.payload).toMatchObject({ chat_id: String(ADMIN.id), photo: { bytes: expect.any(Number) } });
    expect((photo!.payload.photo as { bytes: number }).bytes).toBeGreaterThan(500);
    expect(h.lastText(ADMIN.id)).toContain("WhatsApp bot perlu ditautkan");
    expect(wa.logs.join("\n")).toContain("Link WhatsApp: scan this QR code");
  });

  it("sends a pairing code to the admins", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h, { ready: false });
    wa.client.emit("code", "ABCD1234");
    await wa.channel.idle();
    expect(h.lastText(ADMIN.id)).toContain("masukkan kode ABCD1234");
  });

  it("on logout tells the Telegram admins the number must be linked again, and builds a new client", async () => {
    const h = await bot.start({ env: { ADMIN_PHONES: "081122223333" } });
    const wa = await addWhatsApp(h);
    await wa.say("6281122223333@c.us", "/start");
    wa.client.emit("disconnected", "LOGOUT");
    await vi.waitFor(() => expect(wa.clients).toHaveLength(2));
    await wa.channel.idle();
    expect(h.lastText(ADMIN.id)).toContain("nomor bot harus ditautkan lagi");
    expect(wa.clients[0]!.destroyed).toBe(true);
    // Not kept for the WhatsApp admin: it would arrive once linked again, stale.
    expect(wa.channel.outbox.size()).toBe(0);
  });
});

describe("staying up", () => {
  it("builds a new client after `disconnected`, a failed start, or a state stuck off CONNECTED, with a growing back-off", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    expect(wa.channel.connection.connected).toBe(true);

    wa.client.emit("disconnected", "NAVIGATION");
    expect(wa.channel.connection.connected).toBe(false);
    await vi.waitFor(() => expect(wa.clients).toHaveLength(2));
    expect(wa.clients[0]!.destroyed).toBe(true);
    expect(wa.clients[1]!.initialized).toBe(true);

    // The new one's start fails too (no network): the wait grows.
    wa.clients[1]!.initError = new Error("net::ERR_NAME_NOT_RESOLVED");
    wa.clients[1]!.emit("disconnected", "TIMEOUT");
    await vi.waitFor(() => expect(wa.clients).toHaveLength(3));
    const failing = wa.clients[2]!;
    expect(wa.clock.sleeps.filter((ms) => ms >= 5_000)).toEqual([backoffMs(1), backoffMs(2)]);

    // Old clients' events no longer count.
    wa.clients[0]!.emit("ready");
    expect(wa.channel.connection.connected).toBe(false);

    // Ready again: the back-off starts over. Then the state goes quiet off CONNECTED for minutes.
    failing.emit("ready");
    expect(wa.channel.connection.connected).toBe(true);
    failing.state = "OPENING" as typeof failing.state;
    await wa.channel.connection.checkState();
    expect(wa.channel.connection.connected).toBe(false);
    wa.clock.t += 60_000;
    await wa.channel.connection.checkState();
    expect(wa.clients).toHaveLength(3);
    wa.clock.t += 2 * 60_000;
    await wa.channel.connection.checkState();
    await vi.waitFor(() => expect(wa.clients).toHaveLength(4));
    expect(wa.clock.sleeps.filter((ms) => ms >= 5_000)).toEqual([backoffMs(1), backoffMs(2), backoffMs(1)]);
    expect(backoffMs(20)).toBe(300_000);
  });

  it("builds a new client when linking goes silent (a browser that crashed before the QR code was scanned)", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h, { ready: false });
    wa.clock.t += 4 * 60_000;
    wa.client.emit("qr", "2@first,abc,def,ghi");
    wa.clock.t += 4 * 60_000;
    await wa.channel.connection.checkState();
    expect(wa.clients).toHaveLength(1);
    wa.clock.t += 60_000;
    await wa.channel.connection.checkState();
    await vi.waitFor(() => expect(wa.clients).toHaveLength(2));
    expect(wa.clients[0]!.destroyed).toBe(true);
    await wa.channel.idle();
  });

  it("stopping waits for a message being handled only so long, then goes on and says so", async () => {
    const slow = gatedProvider();
    const h = await bot.start({ provider: slow.provider });
    const wa = await addWhatsApp(h, { drainMs: 50 });
    await wa.say(BUDI, "/bayar");
    await wa.say(BUDI, numberOf(wa, BUDI, "Listrik PLN"));
    await wa.say(BUDI, numberOf(wa, BUDI, "PLN Pascabayar"));
    // The biller holds the inquiry: this message is still being handled when the stop comes.
    wa.client.receive(BUDI, "530000000001");
    await vi.waitFor(() => expect(slow.inquiries()).toBe(1));
    await wa.channel.stop();
    expect(wa.logs).toContain("WhatsApp: 1 messages still being handled after 0.05 s; stopping anyway.");
    expect(wa.client.destroyed).toBe(true);
    slow.open();
  });

  it("stopping destroys the client and builds no new one", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    await wa.channel.stop();
    expect(wa.client.destroyed).toBe(true);
    wa.client.emit("disconnected", "NAVIGATION");
    expect(wa.clients).toHaveLength(1);
  });
});

describe("the outbox", () => {
  it("keeps a top-up note that finds WhatsApp disconnected, and sends it once connected again", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    await wa.say(BUDI, "/start");
    const id = h.app.deps.users.byPhone("081234567890")!.id;
    wa.client.emit("change_state", "TIMEOUT");
    await h.send(`/topup ${id} 25rb`, ADMIN);
    await wa.channel.idle();
    expect(wa.texts(BUDI).some((t) => t.includes("Saldo kamu bertambah"))).toBe(false);
    expect(wa.channel.outbox.size()).toBe(1);

    // The connection does not come back: a new client, ready after the back-off, sends it.
    wa.client.emit("disconnected", "TIMEOUT");
    await vi.waitFor(() => expect(wa.clients).toHaveLength(2));
    wa.client.emit("ready");
    await wa.channel.idle();
    expect(wa.clients[1]!.sent.map((s) => s.text)).toEqual([expect.stringContaining("💰 Saldo kamu bertambah Rp 25.000")]);
    expect(wa.channel.outbox.size()).toBe(0);
  });

  it("keeps what waits across a restart", async () => {
    let h = await bot.start();
    let wa = await addWhatsApp(h);
    await wa.say(BUDI, "/start");
    const id = h.app.deps.users.byPhone("081234567890")!.id;
    wa.client.emit("change_state", "TIMEOUT");
    await h.send(`/topup ${id} 25rb`, ADMIN);

    h = await bot.start();
    wa = await addWhatsApp(h, { ready: false });
    expect(wa.channel.outbox.size()).toBe(1);
    wa.client.emit("ready");
    await wa.channel.idle();
    expect(wa.lastText(BUDI)).toContain("💰 Saldo kamu bertambah Rp 25.000");
  });

  it("never messages someone who has not written first", async () => {
    const h = await bot.start({ env: { ADMIN_PHONES: "081122223333" } });
    const wa = await addWhatsApp(h);
    await wa.say(BUDI, "/start");
    const id = h.app.deps.users.byPhone("081234567890")!.id;
    // Budi wrote; the WhatsApp admin never did: told on Telegram only.
    await h.send(`/topup ${id} 25rb`, ADMIN);
    await wa.channel.idle();
    expect(wa.client.sent.map((s) => s.to)).toEqual([BUDI, BUDI]);
    // A WhatsApp user row without any WhatsApp id (never wrote) gets nothing either.
    h.app.deps.db.prepare("INSERT INTO users (id, channel, first_name, phone, created_at) VALUES (?, 'whatsapp', 'X', '6281999999999', 0)").run(2 ** 52 + 99);
    await h.app.deps.notifyUser(2 ** 52 + 99, () => "halo");
    await wa.channel.idle();
    expect(wa.client.sent).toHaveLength(2);
    expect(wa.logs.join("\n")).toContain("never wrote to the bot");
  });
});
