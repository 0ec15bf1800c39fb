import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { startIakStub, type IakStub } from "../stubs/iak-server.js";
import { startTokopediaStub, testKeyPair, type TokopediaStub } from "../stubs/tokopedia-server.js";
import { ADMIN, SARI, startHarness, tempDir, type Harness } from "../support/harness.js";

/**
 * The whole pay flow through the real bot against each provider's stand-in, configured by
 * environment variables alone, as an operator would.
 */

let dir: ReturnType<typeof tempDir>;
let h: Harness | undefined;
afterEach(async () => {
  if (h) {
    expect(h.app.deps.wallet.mismatches()).toEqual([]);
    await h.close();
  }
  h = undefined;
  dir.cleanup();
});
beforeEach(() => {
  dir = tempDir();
});

async function start(env: Record<string, string>): Promise<Harness> {
  h = await startHarness({ dbPath: join(dir.dir, "bot.sqlite"), env });
  await h.send("/start");
  await h.send(`/topup ${SARI.id} 2jt`, ADMIN);
  return h;
}

async function payPln(bot: Harness, number: string): Promise<string> {
  await bot.send("/bayar");
  await bot.tap("Listrik PLN");
  await bot.tap("PLN Pascabayar");
  await bot.send(number);
  const txId = /pay:(\S+)/.exec(bot.lastKeyboard()?.buttons.map((b) => b.data).join(" ") ?? "")?.[1];
  if (!txId) throw new Error(`no summary; bot said: ${bot.lastText()}`);
  await bot.tap("Bayar");
  return txId;
}

describe.each(["whitelabel", "canonical"] as const)("Digiflazz (%s dialect)", (dialect) => {
  let stub: DigiflazzStub;
  beforeEach(async () => {
    stub = await startDigiflazzStub({ apiKey: "dev-key-123" });
  });
  afterEach(() => stub.close());
  const env = () => ({
    PROVIDER: "digiflazz",
    DIGIFLAZZ_USERNAME: stub.username,
    DIGIFLAZZ_API_KEY: stub.apiKey,
    DIGIFLAZZ_BASE_URL: stub.url,
    DIGIFLAZZ_DIALECT: dialect,
    DIGIFLAZZ_TESTING: "true",
  });

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
    stub = await startIakStub({ username: "081234567890", apiKey: "iak-dev-key", pendingPolls: 0 });
  });
  afterEach(() => stub.close());
  const env = () => ({ PROVIDER: "iak", IAK_USERNAME: "081234567890", IAK_API_KEY: "iak-dev-key", IAK_BASE_URL: stub.url });

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
      await bot.send("/bayar");
      await bot.tap("Listrik PLN");
      await bot.tap("PLN Pascabayar");
      await bot.send(number!);
      expect(bot.lastText()).toContain(text);
    }
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
  const partner = testKeyPair();
  const tokopedia = testKeyPair();
  beforeEach(async () => {
    stub = await startTokopediaStub({
      partnerPublicKey: partner.publicKey,
      tokopediaPrivateKey: tokopedia.privateKey,
      clientId: "partner-id",
      clientSecret: "partner-secret",
      pendingPolls: 0,
    });
  });
  afterEach(() => stub.close());
  const env = () => {
    writeFileSync(join(dir.dir, "partner.pem"), partner.privateKey);
    writeFileSync(join(dir.dir, "tokopedia.pem"), tokopedia.publicKey);
    return {
      PROVIDER: "tokopedia",
      TOKOPEDIA_CLIENT_ID: "partner-id",
      TOKOPEDIA_CLIENT_SECRET: "partner-secret",
      TOKOPEDIA_PRIVATE_KEY_PATH: join(dir.dir, "partner.pem"),
      TOKOPEDIA_PUBLIC_KEY_PATH: join(dir.dir, "tokopedia.pem"),
      TOKOPEDIA_BASE_URL: stub.url,
      TOKOPEDIA_TOKEN_URL: stub.tokenUrl,
    };
  };

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
