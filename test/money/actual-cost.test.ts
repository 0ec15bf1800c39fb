import { expect, it } from "vitest";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import type { Provider } from "../../src/providers/provider.js";
import { botPerTest } from "../support/bot-per-test.js";
import { fundSari, payPln } from "../support/pay.js";

/** The books keep what the provider actually took for a payment, not what the inquiry quoted. */

const bot = botPerTest();

it("records the provider's cost from the payment answer, so the day's markup is the real one", async () => {
  const sandbox = createSandboxProvider();
  const provider: Provider = {
    ...sandbox,
    // Billers' commission can differ between inquiry and payment (Digiflazz's seed: 10900 vs 10000).
    async pay(bill) {
      const paid = await sandbox.pay(bill);
      return paid.kind === "success" ? { ...paid, value: { ...paid.value, cost: bill.cost - 900 } } : paid;
    },
  };
  const h = await bot.start({ provider });
  await fundSari(h);
  const txId = await payPln(h, "530000000001");
  const tx = h.app.deps.payments.txs.get(txId)!;
  expect(tx.state).toBe("success");
  expect(tx.cost).toBe(tx.bill.cost - 900);
});
