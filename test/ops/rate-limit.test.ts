import { expect, it } from "vitest";
import type { ChatUser } from "../../src/channels/emulator.js";
import { loadConfig } from "../../src/config.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { fundSari, pickProduct, quotePln, stateOf, summaryTxId } from "../support/pay.js";

/**
 * The flood limit, on the bot's clock: a person paying bills as fast as the bot answers is never
 * limited; a script or a stuck key is held to the sustained rate, told when it can go on; a button
 * pressed while limited is answered and its flow goes on with the next press; admins never are.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
const BUDI: ChatUser = { id: 77, firstName: "Budi" };

const NOTICE = "Pelan-pelan ya 🙏 Pesanmu datang terlalu cepat, jadi yang barusan belum saya proses.";
const pressNotice = (seconds: number) => `Terlalu cepat 🙏 Tombol tadi belum diproses. Tekan lagi dalam ${seconds} detik.`;

/** The limit as shipped (the harness turns it off unless a test sets it). */
const shipped = (() => {
  const r = loadConfig({});
  if (!r.ok) throw new Error(r.message);
  return { RATE_LIMIT_PER_MINUTE: String(r.config.rateLimit.perMinute), RATE_LIMIT_BURST: String(r.config.rateLimit.burst) };
})();

const chatOf = (h: Harness, user: ChatUser) => h.outputs.filter((o) => o.chatId === user.id);
const noticesIn = (h: Harness, user: ChatUser) =>
  chatOf(h, user)
    .filter((o) => o.kind === "notice")
    .map((o) => o.text);
/** Updates the metrics count as limited (what an operator's dashboard shows). */
const limitedCount = async (h: Harness) =>
  Number(/^bot_updates_total\{channel="telegram",outcome="limited"\} (\d+)$/m.exec(await h.app.metrics.text())?.[1] ?? 0);

it("a counter paying bills for three minutes at about 40 updates a minute is never limited", async () => {
  const h = await testBot.start({ env: shipped });
  await fundSari(h, 50_000_000);
  const paid: string[] = [];
  // One payment every 7.5 s: menu, category, product, number, Bayar half a second apart (as fast
  // as a thumb goes), then 5.5 s reading the receipt and taking the next customer's bill.
  for (let i = 0; clock.t - clock.startsAt < 180_000; i++) {
    const number = `5301${String(i).padStart(8, "0")}`;
    const steps = [() => h.send("/bayar"), () => h.tap("Listrik PLN"), () => h.tap("PLN Pascabayar"), () => h.send(number)];
    for (const step of steps) {
      await step();
      clock.advance(500);
    }
    const txId = summaryTxId(h);
    expect(txId, h.lastText()).toBeDefined();
    await h.tap("Bayar");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
    expect(stateOf(h, txId!)).toBe("success");
    paid.push(txId!);
    clock.advance(5_500);
  }
  expect(paid).toHaveLength(24);
  const texts = h.texts();
  expect(texts.filter((t) => t.includes("Pelan-pelan") || t.includes("Terlalu cepat"))).toEqual([]);
  expect(noticesIn(h, SARI)).toEqual([]);
  // 24 receipts of 120 updates in 3 minutes, none of them limited.
  expect(await limitedCount(h)).toBe(0);
  const spent = paid.reduce((sum, id) => sum + h.app.deps.payments.txs.get(id)!.price, 0);
  expect(h.balance()).toBe(50_000_000 - spent);
});

it("a script sending 20 updates a second is held to one a second after its burst, told when to go on, and let back at once when it stops", async () => {
  const h = await testBot.start({ env: shipped });
  await h.send("/start", BUDI);
  await h.send("/start");
  const before = h.texts(BUDI.id).length;
  // Twelve seconds of /saldo every 50 ms: 240 updates.
  for (let i = 0; i < 240; i++) {
    await h.send("/saldo", BUDI);
    clock.advance(50);
  }
  const after = h.texts(BUDI.id).slice(before);
  const notices = after.filter((t) => t.includes(NOTICE));
  const answers = after.filter((t) => !t.includes(NOTICE));
  // The burst of 30, then one a second for the 12 seconds: never the 240 it sent.
  expect(answers.length).toBeGreaterThanOrEqual(30 + 10);
  expect(answers.length).toBeLessThanOrEqual(30 + 12);
  // Told when it can go on, and told again only after the notice gap, not once a second.
  expect(notices).toEqual([`${NOTICE} Kirim lagi dalam 1 detik.`, `${NOTICE} Kirim lagi dalam 1 detik.`]);
  expect(await limitedCount(h)).toBe(240 - answers.length);
  // Meanwhile a person is answered as usual.
  await h.send("/saldo");
  expect(h.lastText()).toContain("Saldo");
  // The script waits the second it was told and is answered again.
  clock.advance(1_000);
  await h.send("/saldo", BUDI);
  expect(h.lastText(BUDI.id)).toContain("Saldo");
  expect(h.lastText(BUDI.id)).not.toContain(NOTICE);
});

it("a stuck key is limited within seconds, and an admin is never limited", async () => {
  const h = await testBot.start({ env: shipped });
  await h.send("/start", BUDI);
  // A key held down: the same text 30 times a second for five seconds.
  for (let i = 0; i < 150; i++) {
    await h.send("aaaa", BUDI);
    clock.advance(33);
  }
  const budi = h.texts(BUDI.id).slice(1);
  expect(budi.filter((t) => t.includes(NOTICE))).toEqual([`${NOTICE} Kirim lagi dalam 1 detik.`]);
  // The burst of 30 and about one a second after it: not the 150 it sent.
  const answered = budi.filter((t) => t.includes("belum mengerti")).length;
  expect(answered).toBeGreaterThanOrEqual(30 + 3);
  expect(answered).toBeLessThanOrEqual(30 + 5);

  for (let i = 0; i < 150; i++) {
    await h.send("/saldo", ADMIN);
    clock.advance(33);
  }
  expect(h.texts(ADMIN.id).filter((t) => t.includes(NOTICE))).toEqual([]);
  expect(h.texts(ADMIN.id).filter((t) => t.includes("Saldo"))).toHaveLength(150);
});

it("Bayar pressed while limited is answered with when to press again, and the bill is paid on the next press", async () => {
  // A small burst so the quote itself empties the bucket; 20 a minute: one token every 3 s.
  const h = await testBot.start({ env: { RATE_LIMIT_PER_MINUTE: "20", RATE_LIMIT_BURST: "5" } });
  await fundSari(h);
  const txId = await quotePln(h, "530000000001");
  const price = h.app.deps.payments.txs.get(txId)!.price;
  const shown = chatOf(h, SARI).length;

  await h.tap("Bayar");
  // An alert, not a message in the chat, and the bill still waits for its Bayar.
  expect(noticesIn(h, SARI)).toEqual([pressNotice(3)]);
  expect(
    chatOf(h, SARI)
      .slice(shown)
      .map((o) => o.kind),
  ).toEqual(["notice"]);
  expect(stateOf(h, txId)).toBe("quoted");
  expect(h.balance()).toBe(2_000_000);
  expect(h.lastKeyboard()?.buttons.map((b) => b.data)).toContain(`pay:${txId}`);

  // Too early again: the alert says how much longer.
  clock.advance(2_000);
  await h.tap("Bayar");
  expect(noticesIn(h, SARI).at(-1)).toBe(pressNotice(1));
  expect(stateOf(h, txId)).toBe("quoted");

  clock.advance(1_000);
  await h.tap("Bayar");
  expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  expect(stateOf(h, txId)).toBe("success");
  expect(h.balance()).toBe(2_000_000 - price);
});

it("a customer number typed while limited is not lost in silence: the notice says when to send it again, and the flow takes it then", async () => {
  const h = await testBot.start({ env: { RATE_LIMIT_PER_MINUTE: "20", RATE_LIMIT_BURST: "4" } });
  await fundSari(h);
  await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
  await h.send("530000000001");
  expect(h.lastText()).toBe(`${NOTICE} Kirim lagi dalam 3 detik.`);

  clock.advance(3_000);
  await h.send("530000000001");
  expect(h.lastText()).toContain("No. pelanggan: 530000000001");
  expect(summaryTxId(h)).toBeDefined();
});
