import { afterEach, describe, expect, it } from "vitest";
import { startDigiflazzStub } from "../stubs/digiflazz-server.js";
import { startIakStub } from "../stubs/iak-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN, type Harness } from "../support/harness.js";
import { fundSari, pickProduct, quotePln } from "../support/pay.js";
import { digiflazzEnv, IAK_ACCOUNT, iakEnv } from "../support/provider-env.js";

/**
 * An inquiry whose answer was lost after it got through is asked again under a fresh reference:
 * the provider refuses a reused one (Digiflazz rc 49, IAK rc 11), which must not reach the user as
 * a refusal nor the operator as their fault. The payment carries the reference that answered.
 */

const testBot = botPerTest();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function start(env: Record<string, string>): Promise<Harness> {
  const h = await testBot.start({ env });
  await fundSari(h);
  return h;
}

describe("a retried inquiry", () => {
  it("Digiflazz: asked again under a fresh ref_id; the bill is quoted and paid under the ref that answered", async () => {
    const stub = await startDigiflazzStub();
    closers.push(() => stub.close());
    const bot = await start(digiflazzEnv(stub));
    stub.setMode("dropped", { commands: ["inq-pasca"], times: 1 });
    const txId = await quotePln(bot, "530000000001");

    const refs = stub.calls.filter((c) => c.command === "inq-pasca").map((c) => c.body.ref_id);
    expect(refs).toHaveLength(2);
    expect(refs[0]).not.toBe(refs[1]);
    expect(txId).toBe(refs[1]);
    expect(bot.app.deps.payments.txs.get(txId)!.bill.refs.refId).toBe(txId);

    await bot.tap("Bayar");
    expect(bot.app.deps.payments.txs.get(txId)!.state).toBe("success");
    expect(stub.calls.filter((c) => c.command === "pay-pasca").map((c) => c.body.ref_id)).toEqual([txId]);
    expect(bot.texts(ADMIN.id).filter((t) => t.startsWith("⚠️ Provider menolak"))).toEqual([]);
  });

  it("IAK: asked again under a fresh ref_id; the tr_id paid is the one of the inquiry that answered", async () => {
    const stub = await startIakStub(IAK_ACCOUNT);
    closers.push(() => stub.close());
    const bot = await start(iakEnv(stub));
    stub.setMode("lost", { command: "inq-pasca", times: 1 });
    const txId = await quotePln(bot, "530000000000");

    const refs = stub.calls.filter((c) => c.command === "inq-pasca").map((c) => c.body.ref_id);
    expect(refs).toHaveLength(2);
    expect(refs[0]).not.toBe(refs[1]);
    expect(txId).toBe(refs[1]);
    const bill = bot.app.deps.payments.txs.get(txId)!.bill;
    expect(bill.refs.refId).toBe(txId);

    await bot.tap("Bayar");
    expect(bot.app.deps.payments.txs.get(txId)!.state).toBe("success");
    expect(stub.calls.filter((c) => c.command === "pay-pasca").map((c) => c.body.tr_id)).toEqual([bill.refs.trId]);
    expect(stub.payCalls(txId)).toBe(1);
  });

  it("an inquiry that gets no answer twice is 'unavailable': nothing recorded, the user may try again", async () => {
    const stub = await startDigiflazzStub();
    closers.push(() => stub.close());
    const bot = await start(digiflazzEnv(stub));
    stub.setMode("http500", { commands: ["inq-pasca"], times: 2 });
    await pickProduct(bot, "Listrik PLN", "PLN Pascabayar");
    await bot.send("530000000001");
    expect(bot.lastText()).toContain("Biller tidak menjawab");
    expect(stub.calls.filter((c) => c.command === "inq-pasca")).toHaveLength(2);
    expect(bot.app.deps.db.prepare("SELECT COUNT(*) AS n FROM transactions").get()).toEqual({ n: 0 });
  });
});
