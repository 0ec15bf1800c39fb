import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Bill } from "../../src/billing/bill.js";
import type { Outcome, Provider } from "../../src/providers/provider.js";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { botPerTest, type BotOptions } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { SARI, type Harness } from "../support/harness.js";
import { fundSari, quotePln, stateOf } from "../support/pay.js";
import { digiflazzEnv } from "../support/provider-env.js";

/**
 * Digiflazz and IAK bills are payable on the WIB day of their inquiry. A quote confirmed on a
 * later day (or older than QUOTE_MAX_AGE_MINUTES) is inquired again, under a new reference, before
 * any money moves; only the same bill goes on to be paid.
 */

const MINUTE = 60_000;
const clock = new Clock();
const testBot = botPerTest({ clock });

async function start(opts: BotOptions = {}): Promise<Harness> {
  const h = await testBot.start(opts);
  await fundSari(h);
  return h;
}

const charges = (bot: Harness) => bot.app.deps.wallet.entries(SARI.id).filter((e) => e.kind === "charge");

describe("against the Digiflazz stand-in", () => {
  let stub: DigiflazzStub;
  beforeEach(async () => {
    stub = await startDigiflazzStub();
  });
  afterEach(() => stub.close());
  const env = () => digiflazzEnv(stub);
  const inquiries = () => stub.calls.filter((c) => c.command === "inq-pasca").map((c) => c.body.ref_id as string);

  it("a quote from the evening before is inquired again under a new ref_id and paid with that one, once", async () => {
    clock.t = Date.UTC(2026, 10, 23, 16, 50); // 23:50 WIB
    const bot = await start({ env: env() });
    const oldRef = await quotePln(bot, "530000000001");
    clock.advance(20 * MINUTE); // 00:10 WIB the next day, well within QUOTE_MAX_AGE_MINUTES
    await bot.tap("Bayar");

    expect(bot.lastText()).toContain("✅ Pembayaran berhasil");
    const [first, newRef] = inquiries();
    expect(first).toBe(oldRef);
    expect(newRef).not.toBe(oldRef);
    expect(bot.lastText()).toContain(`No. referensi: ${newRef}`);
    expect(stateOf(bot, oldRef)).toBe("cancelled");
    expect(stateOf(bot, newRef!)).toBe("success");
    expect(stub.payCalls(oldRef)).toBe(0);
    expect(stub.payCalls(newRef!)).toBe(1);
    expect(charges(bot).map((c) => c.txId)).toEqual([newRef]);
  });

  it("a quote of today, younger than QUOTE_MAX_AGE_MINUTES, is paid as it is", async () => {
    const bot = await start({ env: { ...env(), QUOTE_MAX_AGE_MINUTES: "15" } });
    const ref = await quotePln(bot, "530000000001");
    clock.advance(14 * MINUTE);
    await bot.tap("Bayar");
    expect(inquiries()).toEqual([ref]);
    expect(stub.payCalls(ref)).toBe(1);
  });

  it("a quote older than QUOTE_MAX_AGE_MINUTES is inquired again the same day", async () => {
    const bot = await start({ env: { ...env(), QUOTE_MAX_AGE_MINUTES: "15" } });
    const ref = await quotePln(bot, "530000000001");
    clock.advance(16 * MINUTE);
    await bot.tap("Bayar");
    expect(inquiries()).toHaveLength(2);
    expect(stub.payCalls(ref)).toBe(0);
    expect(stub.payCalls(inquiries()[1]!)).toBe(1);
  });

  it("two confirmations of one stale quote at the same moment inquire twice but charge and pay once", async () => {
    const bot = await start({ env: env() });
    const ref = await quotePln(bot, "530000000001");
    clock.advance(24 * 60 * MINUTE);
    const results = await Promise.all([bot.app.deps.payments.confirmFresh(ref, SARI.id), bot.app.deps.payments.confirmFresh(ref, SARI.id)]);
    expect(results.map((r) => r.kind).sort()).toEqual(["confirmed", "not-open"]);
    for (const r of results) if (r.kind === "confirmed") bot.app.deps.startPayment(r.txId);
    await bot.app.worker.idle();
    expect(charges(bot)).toHaveLength(1);
    const paid = inquiries().filter((r) => stub.payCalls(r) > 0);
    expect(paid).toHaveLength(1);
    expect(stub.payCalls(paid[0]!)).toBe(1);
    // A replay of the confirmation afterwards finds the old quote closed.
    expect(await bot.app.deps.payments.confirmFresh(ref, SARI.id)).toEqual({ kind: "not-open", state: "cancelled" });
  });
});

/** The sandbox biller whose second and later inquiries answer `later` instead. */
function changingBiller(later: (bill: Bill) => Outcome<Bill>): Provider {
  const sandbox = createSandboxProvider();
  let inquiries = 0;
  return {
    ...sandbox,
    inquiry: async (req) => {
      const answer = await sandbox.inquiry(req);
      return ++inquiries > 1 && answer.kind === "success" ? later(answer.value) : answer;
    },
  };
}

describe("when the bill asked for again is not the one the user saw", () => {
  it("a changed bill charges nothing and tells the user the new total and what to do", async () => {
    const bot = await start({
      provider: changingBiller((bill) => ({ kind: "success", value: { ...bill, cost: bill.cost + 5_000, billAmount: bill.billAmount + 5_000 }, raw: "{}" })),
    });
    const ref = await quotePln(bot, "530000000001");
    const price = bot.app.deps.payments.txs.get(ref)!.price;
    clock.advance(24 * 60 * MINUTE);
    await bot.tap("Bayar");

    const fmt = (n: number) => `Rp ${n.toLocaleString("de-DE")}`;
    expect(bot.lastText()).toBe(
      `⚠️ Tagihan ini berubah sejak dicek: tadi ${fmt(price)}, sekarang ${fmt(price + 5_000)}. Tidak ada yang dibayar dan saldo kamu tidak berubah.\nKetik /bayar untuk melihat tagihan terbaru.`,
    );
    expect(bot.balance()).toBe(2_000_000);
    expect(charges(bot)).toEqual([]);
    expect(stateOf(bot, ref)).toBe("cancelled");
  });

  it("a bill that is gone (paid elsewhere) charges nothing and says why", async () => {
    const bot = await start({
      provider: changingBiller(() => ({ kind: "failed", code: "34", message: "Tagihan sudah terbayar", blame: "customer", raw: "{}" })),
    });
    const ref = await quotePln(bot, "530000000001");
    clock.advance(24 * 60 * MINUTE);
    await bot.tap("Bayar");
    expect(bot.lastText()).toContain("❌ Tagihan tidak bisa diproses: Tagihan sudah terbayar");
    expect(bot.balance()).toBe(2_000_000);
    expect(stateOf(bot, ref)).toBe("cancelled");
  });

  it("a biller that does not answer charges nothing", async () => {
    const bot = await start({ provider: changingBiller(() => ({ kind: "unknown", reason: "timeout" })) });
    await quotePln(bot, "530000000001");
    clock.advance(24 * 60 * MINUTE);
    await bot.tap("Bayar");
    expect(bot.lastText()).toContain("⚠️ Biller tidak menjawab");
    expect(bot.balance()).toBe(2_000_000);
  });
});
