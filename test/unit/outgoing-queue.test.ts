import type { ApiClientOptions } from "grammy";
import { describe, expect, it } from "vitest";
import { retryingFetch } from "../../src/bot/api-retry.js";
import { chatOf, OutgoingQueue, TELEGRAM_LIMITS } from "../../src/bot/outgoing.js";
import { ApiFaults, tooManyRequests } from "../support/api-faults.js";
import { Clock } from "../support/clock.js";
import { TelegramLimitsStandIn } from "../support/telegram-limits.js";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;

/**
 * The queue alone, at client.fetch as the bot has it (retryingFetch + OutgoingQueue), in front of a
 * stand-in that refuses what Telegram would refuse; everything on a clock moved by hand.
 */
function telegram() {
  const clock = new Clock();
  const limits = new TelegramLimitsStandIn(clock.now);
  const arrived: { method: string; chat: number; text: string; at: number }[] = [];
  const api = (async (url: string, init?: { body?: string }) => {
    const p = JSON.parse(init?.body ?? "{}") as { chat_id?: number; text?: string };
    arrived.push({ method: String(url).split("/").pop()!, chat: p.chat_id ?? 0, text: p.text ?? "", at: clock.now() - clock.startsAt });
    return new Response(JSON.stringify({ ok: true, result: true }), { headers: { "content-type": "application/json" } });
  }) as unknown as Fetch;
  const faults = new ApiFaults(limits.fetch(api));
  const logs: string[] = [];
  const queue = new OutgoingQueue(TELEGRAM_LIMITS, clock, (m) => logs.push(m));
  const fetch = retryingFetch(faults.fetch, { timers: clock, queue });
  const call = (method: string, payload: Record<string, unknown> = {}) =>
    fetch(`http://api.test/bot1:x/${method}` as never, { method: "POST", body: JSON.stringify(payload) } as never) as unknown as Promise<Response>;
  const say = (chat: number, text: string) => call("sendMessage", { chat_id: chat, text });
  const texts = (chat: number) => arrived.filter((a) => a.chat === chat).map((a) => a.text);
  const times = (chat: number) => arrived.filter((a) => a.chat === chat).map((a) => a.at);
  return { clock, limits, arrived, faults, logs, queue, call, say, texts, times };
}

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

describe("the outgoing queue keeps Telegram's limits", () => {
  it("300 chats written to at once: 30 messages a second, none refused", async () => {
    const t = telegram();
    await t.clock.settle(Promise.all(range(300).map((chat) => t.say(chat, "halo"))));
    expect(t.limits.refused).toEqual([]);
    expect(t.arrived).toHaveLength(300);
    const perSecond = new Map<number, number>();
    for (const a of t.arrived) perSecond.set(Math.floor(a.at / 1000), (perSecond.get(Math.floor(a.at / 1000)) ?? 0) + 1);
    expect([...perSecond.values()]).toEqual(Array(10).fill(30));
  });

  it("one chat: a burst of three at once, then one a second, in the order they were sent", async () => {
    const t = telegram();
    await t.clock.settle(Promise.all(range(6).map((i) => t.say(7, `pesan ${i}`))));
    expect(t.texts(7)).toEqual(range(6).map((i) => `pesan ${i}`));
    expect(t.times(7)).toEqual([0, 0, 0, 1_000, 2_000, 3_000]);
    expect(t.limits.refused).toEqual([]);
  });

  it("a group chat gets 20 messages a minute", async () => {
    const t = telegram();
    await t.clock.settle(Promise.all(range(22).map((i) => t.say(-100123, `pesan ${i}`))));
    expect(t.limits.refused).toEqual([]);
    expect(t.texts(-100123)).toEqual(range(22).map((i) => `pesan ${i}`));
    const at = t.times(-100123);
    expect(at[20]! - at[0]!).toBeGreaterThanOrEqual(60_000);
    expect(at[19]).toBeLessThan(60_000);
  });

  it("getUpdates, getMe, callback answers and chat actions never wait behind messages", async () => {
    const t = telegram();
    const crowd = Promise.all(range(200).map((chat) => t.say(chat, "halo")));
    await Promise.all([
      t.call("getUpdates", { offset: 1 }),
      t.call("answerCallbackQuery", { callback_query_id: "9" }),
      t.call("getMe"),
      t.call("sendChatAction", { chat_id: 150, action: "typing" }),
    ]);
    expect(t.clock.now()).toBe(t.clock.startsAt);
    expect(t.arrived.filter((a) => a.method !== "sendMessage").map((a) => [a.method, a.at])).toEqual([
      ["getUpdates", 0],
      ["answerCallbackQuery", 0],
      ["getMe", 0],
      ["sendChatAction", 0],
    ]);
    expect(t.queue.stats().waiting).toBe(170);
    await t.clock.settle(crowd);
  });

  it("a 429 that still comes (another process on the same token) holds that chat for retry_after: its next message waits behind the one sent again; others go on", async () => {
    const t = telegram();
    t.faults.failNext("sendMessage", tooManyRequests(5), (p) => p.chat_id === 7);
    await t.clock.settle(Promise.all([t.say(7, "pertama"), t.say(7, "kedua"), t.say(8, "lain")]));
    expect(t.texts(7)).toEqual(["pertama", "kedua"]);
    expect(t.times(7)).toEqual([5_000, 5_000]);
    expect(t.times(8)).toEqual([0]);
  });

  it("shows how many wait and for how long, and says so in the log once a minute while the wait is long", async () => {
    const t = telegram();
    const crowd = t.clock.settle(Promise.all(range(900).map((chat) => t.say(chat, "halo"))));
    expect(t.queue.stats()).toEqual({ waiting: 870, oldestMs: 0 });
    while (t.clock.now() - t.clock.startsAt < 10_000) await new Promise((r) => setImmediate(r));
    const { waiting, oldestMs } = t.queue.stats();
    expect(waiting).toBeLessThanOrEqual(600);
    expect(oldestMs).toBeGreaterThanOrEqual(10_000);
    await crowd;
    expect(t.queue.stats()).toEqual({ waiting: 0, oldestMs: 0 });
    expect(t.logs).toHaveLength(1);
    expect(t.logs[0]).toMatch(/^Telegram: \d+ messages wait for Telegram's limits \(30 a second, 1 a second per chat\), the oldest for 5 s$/);
    expect(t.limits.refused).toEqual([]);
  });
});

describe("chatOf", () => {
  it("reads chat_id from grammY's JSON, from any JSON and from a multipart upload", () => {
    expect(chatOf(JSON.stringify({ chat_id: -1001, text: "x" }))).toBe("-1001");
    expect(chatOf(JSON.stringify({ text: "x", chat_id: 42 }))).toBe("42");
    expect(chatOf(JSON.stringify({ chat_id: "@kanal", text: "x" }))).toBe('"@kanal"');
    expect(chatOf(Buffer.from('--b\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42\r\n--b--'))).toBe("42");
    expect(chatOf(JSON.stringify({ offset: 3 }))).toBeUndefined();
  });
});
