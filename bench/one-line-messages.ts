import { join } from "node:path";
import { fundSari } from "../test/support/pay.js";
import { type Harness, SARI, startHarness, tempDir } from "../test/support/harness.js";
import { addWhatsApp } from "../test/support/whatsapp.js";

/**
 * Messages per one-line order, on Telegram and on WhatsApp: the real bot (in this process, the
 * sandbox biller), a user who types orders and "ya", and a count of what each side sends. Kept
 * apart from bench/run.ts, which measures speed from outside and has no parts to run alone.
 * `npx tsx bench/one-line-messages.ts` (BENCH_ONE_LINE_ORDERS orders of each kind, default 20).
 */

const ORDERS = Number(process.env.BENCH_ONE_LINE_ORDERS ?? 20);
const BUDI = "6281234567890@c.us";
const number = (i: number) => `0878${String(10_000_000 + i).slice(-8)}`;

interface Figures {
  in: number;
  out: number;
  orders: number;
}

const per = (f: Figures) => `${(f.in / f.orders).toFixed(2)} in, ${(f.out / f.orders).toFixed(2)} out per order (${f.orders} orders)`;

async function bot(): Promise<{ h: Harness; done: () => Promise<void> }> {
  const dir = tempDir();
  const h = await startHarness({ dbPath: join(dir.dir, "bot.sqlite") });
  await fundSari(h, 100_000_000);
  await h.app.prepaidPrices.refresh();
  return {
    h,
    done: async () => {
      await h.close();
      dir.cleanup();
    },
  };
}

/** Telegram: messages the bot sends (edits are not messages: Telegram shows them in place). */
async function telegram(lines: number): Promise<Figures> {
  const { h, done } = await bot();
  const from = h.outputs.length;
  let sent = 0;
  for (let i = 0; i < ORDERS; i++) {
    await h.send(Array.from({ length: lines }, (_, l) => `sbx-xl-10.${number(i * lines + l)}`).join("\n"));
    await h.send("ya");
    sent += 2;
  }
  const out = h.outputs.slice(from).filter((o) => o.kind === "message" && o.chatId === SARI.id).length;
  await done();
  return { in: sent, out, orders: ORDERS * lines };
}

/** WhatsApp: every message the client sends to the user. */
async function whatsapp(lines: number): Promise<Figures> {
  const { h, done } = await bot();
  const wa = await addWhatsApp(h);
  await wa.say(BUDI, "/start");
  const userId = Number((h.app.deps.db.prepare("SELECT user_id FROM whatsapp_ids WHERE wa_id = ?").get(BUDI) as { user_id: number }).user_id);
  h.app.deps.wallet.post({ userId, amount: 100_000_000, kind: "topup", actorId: 1 });
  const from = wa.client.sent.length;
  let sent = 0;
  for (let i = 0; i < ORDERS; i++) {
    await wa.say(BUDI, Array.from({ length: lines }, (_, l) => `sbx-xl-10.${number(i * lines + l)}`).join("\n"));
    await wa.say(BUDI, "ya");
    sent += 2;
  }
  const out = wa.client.sent.slice(from).filter((s) => s.to === BUDI).length;
  await done();
  return { in: sent, out, orders: ORDERS * lines };
}

const results = [
  ["Telegram, one order a message", await telegram(1)],
  ["WhatsApp, one order a message", await whatsapp(1)],
  ["Telegram, five orders a message", await telegram(5)],
  ["WhatsApp, five orders a message", await whatsapp(5)],
] as const;
for (const [name, f] of results) console.log(`${name}: ${per(f)}`);
