import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { startIakStub, type IakStub } from "../stubs/iak-server.js";
import type { TokopediaStub } from "../stubs/tokopedia-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { ADMIN, type Harness } from "../support/harness.js";
import { payPln, pickProduct, topUpSari } from "../support/pay.js";
import { digiflazzEnv, IAK_ACCOUNT, iakEnv, startTokopedia, tokopediaEnv, tokopediaKeys } from "../support/provider-env.js";

/**
 * The whole pay flow through the real bot against each provider's stand-in, configured by
 * environment variables alone, as an operator would.
 */

const testBot = botPerTest();

async function start(env: Record<string, string>): Promise<Harness> {
  const h = await testBot.start({ env });
  await topUpSari(h, "2jt");
  return h;
}

describe.each(["whitelabel", "canonical"] as const)("Digiflazz (%s dialect)", (dialect) => {
  let stub: DigiflazzStub;
  beforeEach(async () => {
    stub = await startDigiflazzStub({ apiKey: "dev-key-123" });
  });
  afterEach(() => stub.close());
  const env = () => ({ ...digiflazzEnv(stub), DIGIFLAZZ_DIALECT: dialect });

  it("pays a PLN bill once and sends the receipt", async () => {
    const bot = await start(env());
    const txId = await payPln(bot, "530000000001");
    expect(bot.lastText()).toContain("✅ Pembayaran berhasil");
    expect(bot.lastText()).toContain(`No. referensi: ${txId}`);
    expect(stub.payCalls(txId)).toBe(1);
    const tx = bot.app.deps.payments.txs.get(txId)!;
    expect(tx.state).toBe("success");
    expect(tx.bill.customerName).toBe("Nama Pelanggan Pertama");
    expect(bot.balance()).toBe(2_000_000 - tx.price);
  });

  it("refunds a payment Digiflazz says failed", async () => {
    const bot = await start(env());
    const txId = await payPln(bot, "530000000006");
    expect(bot.lastText()).toContain("❌ Pembayaran gagal");
    expect(bot.balance()).toBe(2_000_000);
    expect(stub.payCalls(txId)).toBe(1);
  });

  it("refunds a payment refused for the operator's deposit and tells the admins once, not the customer's fault", async () => {
    await stub.close();
    stub = await startDigiflazzStub({ apiKey: "dev-key-123", deposit: 1_000 });
    const bot = await start(env());
    const first = await payPln(bot, "530000000001");
    expect(bot.lastText()).toContain("❌ Pembayaran gagal");
    expect(bot.balance()).toBe(2_000_000);
    const alerts = () => bot.texts(ADMIN.id).filter((t) => t.startsWith("⚠️ Provider menolak"));
    expect(alerts()).toEqual([expect.stringContaining("Saldo tidak cukup (kode 44)")]);
    // The same problem again within minutes is not told twice.
    await payPln(bot, "530000000002");
    expect(alerts()).toHaveLength(1);
    expect(stub.payCalls(first)).toBe(1);
  });

  it("holds the money while Digiflazz says pending and settles it by status, paying once", async () => {
    const bot = await start(env());
    const txId = await payPln(bot, "630000000001");
    expect(bot.app.deps.payments.txs.get(txId)!.state).toBe("pending");
    await bot.app.worker.checkNow(txId);
    expect(bot.app.deps.payments.txs.get(txId)!.state).toBe("success");
    expect(stub.payCalls(txId)).toBe(1);
  });
});

describe("IAK", () => {
  let stub: IakStub;
  beforeEach(async () => {
    stub = await startIakStub({ ...IAK_ACCOUNT, pendingPolls: 0 });
  });
  afterEach(() => stub.close());
  const env = () => iakEnv(stub);

  it("pays a PLN bill by its tr_id, once", async () => {
    const bot = await start(env());
    const txId = await payPln(bot, "530000000000");
    expect(bot.lastText()).toContain("✅ Pembayaran berhasil");
    expect(stub.payCalls(txId)).toBe(1);
    expect(bot.app.deps.payments.txs.get(txId)!.bill.refs.trId).toMatch(/^\d+$/);
  });

  it("explains IAK's refusals in the user's words, not IAK's", async () => {
    const bot = await start(env());
    for (const [number, text] of [
      ["530000000001", "✅ Tagihan ini sudah lunas, tidak ada yang perlu dibayar."],
      ["530000000014", "❌ Nomor ini tidak terdaftar di biller."],
    ]) {
      await pickProduct(bot, "Listrik PLN", "PLN Pascabayar");
      await bot.send(number!);
      expect(bot.lastText()).toContain(text);
    }
  });

  it("tells the admins, not the customer, when IAK refuses an inquiry for the operator's account", async () => {
    const bot = await start(iakEnv(stub));
    await pickProduct(bot, "Listrik PLN", "PLN Pascabayar");
    await bot.send("530000000017");
    expect(bot.lastText()).toContain("Admin sudah diberi tahu");
    expect(bot.lastText(ADMIN.id)).toMatch(/^⚠️ Provider menolak permintaan karena pengaturan akun operator: .+ \(kode 17\)\.\nProduk: PLN Pascabayar/);
  });

  it("refunds only after checkstatus confirms the failure", async () => {
    const bot = await start(env());
    const txId = await payPln(bot, "530000001037");
    const tx = bot.app.deps.payments.txs.get(txId)!;
    expect(tx.state).toBe("pending");
    expect(bot.balance()).toBe(2_000_000 - tx.price);
    await bot.app.worker.checkNow(txId);
    expect(bot.app.deps.payments.txs.get(txId)!.state).toBe("failed");
    expect(bot.balance()).toBe(2_000_000);
    expect(stub.payCalls(txId)).toBe(1);
  });
});

describe("Tokopedia", () => {
  let stub: TokopediaStub;
  const keys = tokopediaKeys();
  beforeEach(async () => {
    stub = await startTokopedia(keys, { pendingPolls: 0 });
  });
  afterEach(() => stub.close());
  const env = () => tokopediaEnv(stub, keys, testBot.dir);

  it("orders a PLN bill with a signed checkout, follows it from Pending to Success", async () => {
    const bot = await start(env());
    const txId = await payPln(bot, "102111106111");
    const tx = bot.app.deps.payments.txs.get(txId)!;
    expect(tx.bill.customerName).toBe("TOKOP**** US**");
    expect(tx.bill.cost).toBe(936246);
    expect(tx.state).toBe("pending");
    await bot.app.worker.checkNow(txId);
    expect(bot.app.deps.payments.txs.get(txId)!.state).toBe("success");
    expect(bot.lastText()).toContain("✅ Pembayaran berhasil");
    expect(stub.payCalls(txId)).toBe(1);
  });
});
