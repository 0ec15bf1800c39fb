import { expect, it } from "vitest";
import type { Bill } from "../../src/billing/bill.js";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import type { Provider } from "../../src/providers/provider.js";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN, SARI } from "../support/harness.js";
import { fundSari, quotePln, stateOf } from "../support/pay.js";

/** One biller that hangs on one bill must not hold up everybody else's payments. */

const bot = botPerTest();
const SLOW = "530000000111";

it("pays other users while one payment waits on a slow biller, and still pays that one once", async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const sandbox = createSandboxProvider();
  const payCalls = new Map<string, number>();
  const provider: Provider = {
    ...sandbox,
    async pay(bill: Bill) {
      payCalls.set(bill.refs.refId, (payCalls.get(bill.refs.refId) ?? 0) + 1);
      if (bill.customerNo === SLOW) await gate;
      return sandbox.pay(bill);
    },
  };
  const h = await bot.start({ provider });
  await fundSari(h);
  await h.send("/start", ADMIN);
  h.app.deps.wallet.post({ userId: ADMIN.id, amount: 1_000_000, kind: "topup", actorId: ADMIN.id });

  const slow = await quotePln(h, SLOW);
  const fast = await quotePln(h, "530000000001", ADMIN);
  // Press Bayar without waiting for the worker (the harness's tap would wait for the slow one too).
  const press = async (user: typeof SARI, txId: string) => h.app.bot.handleUpdate(h.emulator.press(user, h.lastKeyboard(user.id)!.messageId, `pay:${txId}`));
  await press(SARI, slow);
  await press(ADMIN, fast);

  for (let i = 0; i < 100 && stateOf(h, fast) !== "success"; i++) await new Promise((r) => setTimeout(r, 10));
  expect(stateOf(h, fast)).toBe("success");
  expect(stateOf(h, slow)).toBe("sending");

  release();
  await h.app.worker.idle();
  expect(stateOf(h, slow)).toBe("success");
  expect([...payCalls.values()]).toEqual([1, 1]);
  expect(h.lastText(SARI.id)).toContain("✅ Pembayaran berhasil");
});
