import { expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { SARI, type Harness } from "../support/harness.js";
import { fundSari, pickProduct, quotePln, stateOf } from "../support/pay.js";
import { expireStaleFlows } from "../../src/db/conversation-store.js";
import { MAX_TRIES } from "../../conversations/wait.js";

/**
 * What one chat stores stays small whatever it sends: a prompt takes a few answers it cannot use
 * and then ends the flow with a hint, browsing the menu leaves nothing behind, and a flow left
 * waiting expires with its quote.
 */

const clock = new Clock();
const bot = botPerTest({ clock });
const GAVE_UP = "Jawabannya belum cocok beberapa kali";

const stored = (h: Harness): number | undefined =>
  (h.app.deps.db.prepare("SELECT length(value) AS n FROM conversations WHERE key = ?").get(String(SARI.id)) as { n: number } | undefined)?.n;

it(`a number prompt takes ${MAX_TRIES - 1} wrong answers, then the flow ends with a hint and nothing stays stored`, async () => {
  const h = await bot.start();
  await fundSari(h);
  await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
  for (let i = 1; i < MAX_TRIES; i++) {
    await h.send("bukan nomor");
    expect(h.lastText()).not.toContain(GAVE_UP);
  }
  expect(stored(h)).toBeGreaterThan(0);
  await h.send("bukan nomor");
  expect(h.lastText()).toContain(GAVE_UP);
  expect(stored(h)).toBeUndefined();
  // The next text is no longer an answer to the prompt.
  await h.send("530000000001");
  expect(h.texts().some((t) => t.includes("Tagihan"))).toBe(false);
});

it("stray messages at a prompt count as well", async () => {
  const h = await bot.start();
  await fundSari(h);
  await quotePln(h, "530000000001");
  // The bill summary waits for a button: text there is a stray.
  for (let i = 0; i < MAX_TRIES; i++) await h.send("hmm?");
  expect(h.lastText()).toContain(GAVE_UP);
  expect(stored(h)).toBeUndefined();
});

it("browsing the product menu back and forth stores nothing: the flow starts at the product", async () => {
  const h = await bot.start();
  await fundSari(h);
  await h.send("/bayar");
  for (let i = 0; i < 20; i++) {
    await h.tap("Listrik PLN");
    await h.tap(/Kembali/);
  }
  expect(stored(h)).toBeUndefined();
  await h.tap("Listrik PLN");
  await h.tap("PLN Pascabayar");
  await h.send("530000000001");
  expect(h.lastKeyboard()?.buttons.some((b) => b.data.startsWith("pay:"))).toBe(true);
});

it("a flow left waiting a day expires and its quote is cancelled; one still in use is left alone", async () => {
  const h = await bot.start();
  await fundSari(h);
  const txId = await quotePln(h, "530000000001");
  clock.advance(23 * 3_600_000);
  expect(expireStaleFlows(h.app.deps.db, clock.now() - 24 * 3_600_000, clock.now())).toEqual({ flows: 0, quotes: 0 });
  expect(stateOf(h, txId)).toBe("quoted");

  clock.advance(2 * 3_600_000);
  expect(expireStaleFlows(h.app.deps.db, clock.now() - 24 * 3_600_000, clock.now())).toEqual({ flows: 1, quotes: 1 });
  expect(stateOf(h, txId)).toBe("cancelled");
  expect(stored(h)).toBeUndefined();
  // Its Bayar button now only says the menu expired; nothing is charged.
  const before = h.balance();
  await h.tap("Bayar");
  expect(h.balance()).toBe(before);
  expect(stateOf(h, txId)).toBe("cancelled");
});

it("the bot sweeps flows left waiting at start (FLOW_EXPIRY_HOURS)", async () => {
  const h = await bot.start({ env: { FLOW_EXPIRY_HOURS: "2" } });
  await fundSari(h);
  const txId = await quotePln(h, "530000000001");
  clock.advance(3 * 3_600_000);
  const again = await bot.start({ env: { FLOW_EXPIRY_HOURS: "2" } });
  expect(stateOf(again, txId)).toBe("cancelled");
});
