import { describe, expect, it } from "vitest";
import type { ChatUser } from "../../src/channels/emulator.js";
import { tooManyRequests } from "../support/api-faults.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { SARI, type Harness } from "../support/harness.js";
import { payPln } from "../support/pay.js";

/**
 * The bot as it talks to Telegram: its outgoing queue on, and in front of the emulator a stand-in
 * that refuses with 429 what Telegram would (30 messages a second, a chat's burst of 3 then one a
 * second, 20 a minute in a group). Everything runs on the test's clock, moved by `clock.settle`
 * whenever the bot waits.
 */

const clock = new Clock();
const bot = botPerTest({ clock });

const people = (n: number, from = 1_000): ChatUser[] => Array.from({ length: n }, (_, i) => ({ id: from + i, firstName: `Orang${i}` }));
const GREETING = /^Halo Orang\d+!/;
const since = (start: number) => (m: { at: number }) => m.at - start;
/** What the stand-in took for a chat, with the clock's time of each. */
const taken = (h: Harness, chat: number) => h.limits!.taken.filter((m) => m.chat === chat);

describe("a crowd under Telegram's limits", () => {
  it("200 users sending /start and /saldo at once: every greeting and balance arrives, in order per chat, none refused", async () => {
    const h = await bot.start({ telegram: true });
    const crowd = people(200);
    const start = clock.now();
    await clock.settle(Promise.all(crowd.flatMap((p) => [h.send("/start", p), h.send("/saldo", p)])));
    for (const p of crowd) {
      const texts = h.texts(p.id);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toMatch(GREETING);
      expect(texts[1]).toContain("Saldo kamu: Rp 0");
    }
    expect(h.limits!.refused).toEqual([]);
    expect(h.apiFaults.answered).toEqual([]);
    expect(h.logs.filter((l) => /not delivered|failed/.test(l))).toEqual([]);
    // 400 messages at 30 a second: the limits allow no less than 13 s, and the queue takes no more.
    expect(clock.now() - start).toBe(13_000);
  });

  it("30 users paying at once: each chat's messages come in the flow's order, none refused", async () => {
    const h = await bot.start({ telegram: true });
    const crowd = people(30);
    for (const p of crowd) {
      await clock.settle(h.send("/start", p));
      h.app.deps.wallet.post({ userId: p.id, amount: 1_000_000, kind: "topup", actorId: 1 });
    }
    await clock.settle(Promise.all(crowd.map((p) => payPln(h, "530000000001", p))));
    const flow = (p: ChatUser) =>
      taken(h, p.id)
        .map((m) => m.method)
        .slice(1);
    for (const p of crowd) {
      // The receipt is the struk picture with the text as its caption: a message like any other for Telegram's limits.
      expect(flow(p)).toEqual(["sendMessage", "editMessageText", "editMessageText", "sendMessage", "editMessageText", "sendPhoto"]);
      const texts = h.texts(p.id);
      expect(texts.at(-2)).toBe("⏳ Pembayaran sedang diproses…");
      expect(texts.at(-1)).toContain("✅ Pembayaran berhasil");
      expect(h.balance(p.id)).toBeLessThan(1_000_000);
    }
    expect(h.limits!.refused).toEqual([]);
  });

  it("the queue shows in /metrics while the crowd waits, and the log says so while the wait is long", async () => {
    const h = await bot.start({ telegram: true });
    const crowd = Promise.all(people(300).map((p) => h.send("/start", p)));
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    const metrics = await h.app.metrics.text();
    expect(metrics).toContain('bot_api_queue_messages{channel="telegram"} 270');
    expect(metrics).toContain('bot_api_queue_oldest_seconds{channel="telegram"} 0');
    await clock.settle(crowd);
    expect(h.logs.filter((l) => l.startsWith("Telegram: "))).toEqual([
      "Telegram: 150 messages wait for Telegram's limits (30 a second, 1 a second per chat), the oldest for 5 s",
    ]);
    expect(await h.app.metrics.text()).toContain('bot_api_queue_messages{channel="telegram"} 0');
  });
});

describe("one user under Telegram's limits", () => {
  it("a flow at a human pace (a step a second) is not slowed: each reply goes out the moment it is made", async () => {
    const h = await bot.start({ telegram: true });
    await clock.settle(h.send("/start"));
    h.app.deps.wallet.post({ userId: SARI.id, amount: 1_000_000, kind: "topup", actorId: 1 });
    const steps = [() => h.send("/bayar"), () => h.tap("Listrik PLN"), () => h.tap("PLN Pascabayar"), () => h.send("530000000001"), () => h.tap("Bayar")];
    for (const step of steps) {
      clock.advance(1_000);
      const at = clock.now();
      const before = taken(h, SARI.id).length;
      await clock.settle(step());
      const sent = taken(h, SARI.id).slice(before);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.map(since(at))).toEqual(sent.map(() => 0));
      expect(clock.now()).toBe(at);
    }
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  });

  it("a 429 with retry_after 5 is waited out: the greeting still arrives, 5 s later, and what follows comes after it", async () => {
    const h = await bot.start({ telegram: true });
    const start = clock.now();
    h.apiFaults.failNext("sendMessage", tooManyRequests(5), (p) => p.chat_id === SARI.id);
    await clock.settle(Promise.all([h.send("/start"), h.send("/saldo")]));
    expect(h.apiFaults.answered.map((f) => f.error.error_code)).toEqual([429]);
    expect(h.texts()).toEqual([expect.stringMatching(/^Halo Sari!/), expect.stringContaining("Saldo kamu: Rp 0")]);
    expect(taken(h, SARI.id).map(since(start))).toEqual([5_000, 5_000]);
    expect(h.limits!.refused).toEqual([]);
    expect(h.logs.filter((l) => /not delivered|failed/.test(l))).toEqual([]);
  });

  it("a 429 inside a conversation (the bill summary) is waited out too, and the flow goes on in order", async () => {
    const h = await bot.start({ telegram: true });
    await clock.settle(h.send("/start"));
    h.app.deps.wallet.post({ userId: SARI.id, amount: 1_000_000, kind: "topup", actorId: 1 });
    h.apiFaults.failNext("sendMessage", tooManyRequests(5), (p) => p.chat_id === SARI.id && String(p.text).startsWith("🧾"));
    await clock.settle(payPln(h, "530000000001"));
    expect(h.apiFaults.answered).toHaveLength(1);
    const texts = h.texts();
    expect(texts.at(-3)).toContain("🧾 Tagihan PLN Pascabayar");
    expect(texts.at(-2)).toBe("⏳ Pembayaran sedang diproses…");
    expect(texts.at(-1)).toContain("✅ Pembayaran berhasil");
    expect(h.limits!.refused).toEqual([]);
  });
});
