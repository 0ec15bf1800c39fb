import { createHmac } from "node:crypto";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HttpServer } from "../../src/server/http-server.js";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import type { TokopediaStub } from "../stubs/tokopedia-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { startHarness, type Harness } from "../support/harness.js";
import { freePort } from "../support/main-process.js";
import { fundSari, payPln, stateOf } from "../support/pay.js";
import { digiflazzEnv, startTokopedia, tokopediaEnv, tokopediaKeys } from "../support/provider-env.js";

/**
 * Provider callbacks over real HTTP into the bot's server: a bad or missing signature is 401 and
 * changes nothing; a good one is recorded and only a status check the provider answers moves money.
 */

const SECRET = "digiflazz-webhook-secret";
const clock = new Clock();
const testBot = botPerTest({ clock });
let server: HttpServer;

async function start(env: Record<string, string>): Promise<Harness> {
  const h = await testBot.start({ env });
  server = (await h.app.listen({ ephemeral: true }))!;
  await fundSari(h);
  return h;
}

const callbacks = () =>
  testBot.h.app.deps.db.prepare("SELECT provider, tx_id AS txId, signature_ok AS ok FROM provider_callbacks ORDER BY id").all() as {
    provider: string;
    txId: string | null;
    ok: number;
  }[];

async function post(path: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(server.url + path, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
  await res.arrayBuffer();
  await testBot.h.app.worker.idle();
  return res.status;
}

describe("Digiflazz webhook", () => {
  let stub: DigiflazzStub;
  beforeEach(async () => {
    stub = await startDigiflazzStub({ pendingChecks: 1 });
  });
  afterEach(() => stub.close());
  const env = (secret = SECRET) => ({ ...digiflazzEnv(stub), DIGIFLAZZ_WEBHOOK_SECRET: secret });
  const statusChecks = (ref: string) => stub.calls.filter((c) => c.command === "status-pasca" && c.body.ref_id === ref).length;

  it("a good callback is recorded, confirmed by a status check, and only then settles the payment", async () => {
    const bot = await start(env());
    const txId = await payPln(bot, "630000000001");
    expect(stateOf(bot, txId)).toBe("pending");

    expect(await stub.sendWebhook(`${server.url}/callbacks/digiflazz`, txId, SECRET)).toBe(200);
    // Answered before the provider is asked: the check runs in the worker.
    await bot.app.worker.idle();
    expect(callbacks()).toEqual([{ provider: "digiflazz", txId, ok: 1 }]);
    expect(statusChecks(txId)).toBe(1);
    expect(stateOf(bot, txId)).toBe("success");
    expect(bot.lastText()).toContain("✅ Pembayaran berhasil");
    expect(stub.payCalls(txId)).toBe(1);
  });

  it("a well-signed callback saying success moves no money while the status check still says pending", async () => {
    const bot = await start(env());
    const txId = await payPln(bot, "630000000001");
    const held = bot.balance();
    const body = JSON.stringify({ data: { ref_id: txId, customer_no: "630000000001", rc: "00", status: "Sukses", sn: "FAKE", message: "Transaksi Sukses" } });
    const signature = `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`;

    expect(await post("/callbacks/digiflazz", body, { "X-Hub-Signature": signature })).toBe(200);
    expect(statusChecks(txId)).toBe(1);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBe(held);

    // Another callback within the minute asks nothing: it only brings the next check forward.
    expect(await post("/callbacks/digiflazz", body, { "X-Hub-Signature": signature })).toBe(200);
    expect(statusChecks(txId)).toBe(1);
    const { nextCheckAt, updatedAt } = bot.app.deps.payments.txs.get(txId)!;
    expect(nextCheckAt).toBe(updatedAt + 60_000);

    clock.advance(60_000);
    bot.app.worker.tick();
    await bot.app.worker.idle();
    expect(statusChecks(txId)).toBe(2);
    expect(stateOf(bot, txId)).toBe("success");
  });

  it.each([
    ["a wrong signature", (body: string) => ({ "X-Hub-Signature": `sha1=${createHmac("sha1", "not-the-secret").update(body).digest("hex")}` })],
    ["a signature of another body", (body: string) => ({ "X-Hub-Signature": `sha1=${createHmac("sha1", SECRET).update(`${body} `).digest("hex")}` })],
    ["no signature", () => ({})],
    ["a malformed signature header", () => ({ "X-Hub-Signature": "sha256=abc" })],
  ])("%s is answered 401, logged, and changes nothing", async (_, headers) => {
    const bot = await start(env());
    const txId = await payPln(bot, "630000000006");
    const held = bot.balance();
    const body = JSON.stringify({ data: { ref_id: txId, rc: "02", status: "Gagal", message: "Transaksi Gagal" } });

    expect(await post("/callbacks/digiflazz", body, headers(body))).toBe(401);
    expect(callbacks()).toEqual([{ provider: "digiflazz", txId, ok: 0 }]);
    expect(statusChecks(txId)).toBe(0);
    expect(stateOf(bot, txId)).toBe("pending");
    expect(bot.balance()).toBe(held);
  });

  it("keeps a refused callback only by its first 512 characters, reference included; a signed one whole", async () => {
    await start(env());
    const stored = () =>
      testBot.h.app.deps.db.prepare("SELECT tx_id AS txId, body FROM provider_callbacks ORDER BY id DESC LIMIT 1").get() as { txId: string; body: string };
    const forged = JSON.stringify({ data: { ref_id: `TX${"A".repeat(20_000)}`, rc: "00", status: "Sukses", message: "x".repeat(40_000) } });
    expect(await post("/callbacks/digiflazz", forged, {})).toBe(401);
    expect(stored()).toEqual({ txId: `TX${"A".repeat(510)}`, body: forged.slice(0, 512) });

    const signed = JSON.stringify({ data: { ref_id: "TXSOMEONEELSE", rc: "00", status: "Sukses", message: "y".repeat(40_000) } });
    const signature = `sha1=${createHmac("sha1", SECRET).update(signed).digest("hex")}`;
    expect(await post("/callbacks/digiflazz", signed, { "X-Hub-Signature": signature })).toBe(200);
    expect(stored()).toEqual({ txId: "TXSOMEONEELSE", body: signed });
  });

  it("without DIGIFLAZZ_WEBHOOK_SECRET every callback is refused", async () => {
    const bot = await start(env(""));
    const txId = await payPln(bot, "630000000001");
    expect(await stub.sendWebhook(`${server.url}/callbacks/digiflazz`, txId, SECRET)).toBe(401);
    expect(await stub.sendWebhook(`${server.url}/callbacks/digiflazz`, txId, "")).toBe(401);
    expect(callbacks().map((c) => c.ok)).toEqual([0, 0]);
    expect(stateOf(bot, txId)).toBe("pending");
  });

  it("a good callback about a payment that is not ours is recorded and acknowledged, nothing else", async () => {
    await start(env());
    const body = JSON.stringify({ data: { ref_id: "TXSOMEONEELSE", rc: "00", status: "Sukses" } });
    const signature = `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`;
    expect(await post("/callbacks/digiflazz", body, { "X-Hub-Signature": signature })).toBe(200);
    expect(callbacks()).toEqual([{ provider: "digiflazz", txId: "TXSOMEONEELSE", ok: 1 }]);
    expect(stub.calls.filter((c) => c.command === "status-pasca")).toEqual([]);
  });
});

describe("Tokopedia callback", () => {
  let stub: TokopediaStub;
  const keys = tokopediaKeys();
  beforeEach(async () => {
    stub = await startTokopedia(keys, { pendingPolls: 1 });
  });
  afterEach(() => stub.close());
  const env = (verifyCallbacks = true) => tokopediaEnv(stub, keys, testBot.dir, { verifyCallbacks });

  it("a good callback triggers a status check; money moves when the status agrees", async () => {
    const bot = await start(env());
    const txId = await payPln(bot, "102111106111");
    expect(stateOf(bot, txId)).toBe("pending");

    // The callback says Success but the order still answers Pending: nothing moves.
    const first = await stub.postCallback(`${server.url}/callbacks/tokopedia`, txId);
    await bot.app.worker.idle();
    expect(first.status).toBe(200);
    expect(stub.statusCalls(txId)).toBe(1);
    expect(stateOf(bot, txId)).toBe("pending");

    clock.advance(60_000);
    expect((await stub.postCallback(`${server.url}/callbacks/tokopedia`, txId)).status).toBe(200);
    await bot.app.worker.idle();
    expect(stub.statusCalls(txId)).toBe(2);
    expect(stateOf(bot, txId)).toBe("success");
    expect(callbacks()).toEqual([
      { provider: "tokopedia", txId, ok: 1 },
      { provider: "tokopedia", txId, ok: 1 },
    ]);
    expect(stub.payCalls(txId)).toBe(1);
  });

  it.each(["bad", "none"] as const)("a %s signature is answered 401, logged, and changes nothing", async (signature) => {
    const bot = await start(env());
    const txId = await payPln(bot, "102111106111");
    const res = await stub.postCallback(`${server.url}/callbacks/tokopedia`, txId, { signature });
    await bot.app.worker.idle();
    expect(res.status).toBe(401);
    expect(callbacks()).toEqual([{ provider: "tokopedia", txId, ok: 0 }]);
    expect(stub.statusCalls(txId)).toBe(0);
    expect(stateOf(bot, txId)).toBe("pending");
  });

  it("without TOKOPEDIA_PUBLIC_KEY_PATH every callback is refused", async () => {
    const bot = await start(env(false));
    const txId = await payPln(bot, "102111106111");
    const res = await stub.postCallback(`${server.url}/callbacks/tokopedia`, txId);
    expect(res.status).toBe(401);
    expect(stateOf(bot, txId)).toBe("pending");
  });
});

describe("the HTTP server", () => {
  it("answers /health, refuses big bodies, unknown paths and wrong methods", async () => {
    const h = await start({ DIGIFLAZZ_WEBHOOK_SECRET: SECRET });
    h.app.worker.start();
    const health = await fetch(`${server.url}/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    expect(await post("/callbacks/digiflazz", "x".repeat(70_000), {})).toBe(413);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/callbacks/digiflazz`)).status).toBe(405);
    expect(callbacks()).toEqual([]);
  });

  it("is off when HTTP_PORT is 0 and listens on HTTP_PORT otherwise", async () => {
    const off = await startHarness({ dbPath: join(testBot.dir, "off.sqlite"), env: { HTTP_PORT: "0" } });
    expect(await off.app.listen()).toBeUndefined();
    await off.close();

    const port = await freePort();
    const h = await testBot.start({ env: { HTTP_PORT: String(port) } });
    const on = (await h.app.listen())!;
    expect(on.url).toBe(`http://127.0.0.1:${port}`);
    h.app.worker.start();
    expect((await fetch(`${on.url}/health`)).status).toBe(200);
  });
});
