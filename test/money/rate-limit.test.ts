import { afterEach, expect, it } from "vitest";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { booksProblems } from "../support/books.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { fundSari, payPln, stateOf } from "../support/pay.js";
import { digiflazzEnv } from "../support/provider-env.js";

/**
 * "Too many requests" from the provider slows the whole worker down and fails nobody: a pay that
 * Digiflazz turned away unread (rc 85) goes back to confirmed and is sent again after the pause,
 * under the same ref_id, and paid once.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
let stub: DigiflazzStub;
afterEach(async () => {
  await stub?.close();
});

async function start(): Promise<Harness> {
  stub = await startDigiflazzStub();
  const h = await testBot.start({ env: digiflazzEnv(stub) });
  await fundSari(h);
  await h.send("/start", ADMIN);
  h.app.deps.wallet.post({ userId: ADMIN.id, amount: 2_000_000, kind: "topup", actorId: ADMIN.id });
  return h;
}

async function pass(h: Harness, ms: number): Promise<void> {
  clock.advance(ms);
  h.app.worker.tick();
  await h.app.worker.idle();
}

const paysOf = (ref: string) => stub.calls.filter((c) => c.command === "pay-pasca" && c.body.ref_id === ref);

it("a pay refused with rc 85 is confirmed again, held through the minute Digiflazz asks for, then paid once", async () => {
  const h = await start();
  stub.setMode("rate-limited", { commands: ["pay-pasca"], times: 1 });
  const txId = await payPln(h, "530000000001");
  expect(stateOf(h, txId)).toBe("confirmed");
  expect(paysOf(txId).map((c) => c.fault)).toEqual(["rate-limited"]);

  // Still within the minute: nothing is sent, not even by the sweep of forgotten confirmed payments.
  await pass(h, 45_000);
  expect(paysOf(txId)).toHaveLength(1);
  expect(stateOf(h, txId)).toBe("confirmed");

  await pass(h, 15_000);
  expect(stateOf(h, txId)).toBe("success");
  expect(paysOf(txId).map((c) => c.fault)).toEqual(["rate-limited", undefined]);
  const ledger = h.app.deps.wallet.entries(SARI.id).filter((e) => e.txId === txId);
  expect(ledger.map((e) => e.kind)).toEqual(["charge"]);
  expect(h.lastText(SARI.id)).toContain("✅ Pembayaran berhasil");
  expect(booksProblems(h.app.deps.db)).toEqual([]);
});

it("the pause holds every payment, not only the refused one; afterwards both are paid", async () => {
  const h = await start();
  stub.setMode("rate-limited", { commands: ["pay-pasca"], times: 1 });
  const first = await payPln(h, "530000000001");
  const second = await payPln(h, "530000000002", ADMIN);
  expect(paysOf(second)).toEqual([]);
  expect(stateOf(h, second)).toBe("confirmed");

  await pass(h, 60_000);
  expect([stateOf(h, first), stateOf(h, second)]).toEqual(["success", "success"]);
  expect(paysOf(second)).toHaveLength(1);
  expect(booksProblems(h.app.deps.db)).toEqual([]);
});

it("a payment refused for rate limit and interrupted by a restart is sent at the next start, once", async () => {
  const h = await start();
  stub.setMode("rate-limited", { commands: ["pay-pasca"], times: 1 });
  const txId = await payPln(h, "530000000001");
  expect(stateOf(h, txId)).toBe("confirmed");
  // The same SQLite file, a new process: the pause is forgotten, the confirmed payment is not.
  const again = await testBot.start({ env: digiflazzEnv(stub) });
  again.app.worker.resume();
  await again.app.worker.idle();
  expect(stateOf(again, txId)).toBe("success");
  expect(paysOf(txId)).toHaveLength(2);
});
