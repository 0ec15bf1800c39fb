import { expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { payPln, topUpSari } from "../support/pay.js";

/** GET /health and GET /metrics on the bot's real HTTP server. */

const testBot = botPerTest();

it("health is 200 when all is well and 503 naming what is wrong: a closed database, a stopped worker, a dropped channel", async () => {
  const h = await testBot.start();
  const server = (await h.app.listen({ ephemeral: true }))!;
  const health = async () => {
    const res = await fetch(`${server.url}/health`);
    return [res.status, await res.json()];
  };
  expect(await health()).toEqual([503, { status: "unhealthy", problems: { worker: "not running" } }]);
  h.app.worker.start();
  expect(await health()).toEqual([200, { status: "ok" }]);

  let connected = true;
  h.app.health.set("whatsapp", () => (connected ? undefined : "not connected"));
  connected = false;
  expect(await health()).toEqual([503, { status: "unhealthy", problems: { whatsapp: "not connected" } }]);
  connected = true;

  h.app.deps.db.close();
  expect(await health()).toEqual([503, { status: "unhealthy", problems: { database: "closed" } }]);
  await h.app.worker.stop();
  expect(await health()).toEqual([503, { status: "unhealthy", problems: { database: "closed", worker: "not running" } }]);
  await server.close();
  // The bot is closed by hand here: its database already is.
  await testBot.finish().catch(() => {});
});

it("metrics expose updates, payments by state, provider latency, the in-flight backlog, the outbox and memory", async () => {
  const h = await testBot.start();
  const server = (await h.app.listen({ ephemeral: true }))!;
  await topUpSari(h, "1jt");
  await payPln(h, "530000000001");
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  const text = await res.text();
  expect(text).toMatch(/^bot_updates_total\{channel="telegram",outcome="handled"\} [1-9]\d*$/m);
  expect(text).toMatch(/^payments\{state="success"\} 1$/m);
  expect(text).toMatch(/^provider_call_seconds_count\{provider="sandbox",operation="pay",outcome="success"\} 1$/m);
  expect(text).toMatch(/^provider_call_seconds_count\{provider="sandbox",operation="inquiry",outcome="success"\} 1$/m);
  expect(text).toMatch(/^payments_in_flight 0$/m);
  expect(text).toMatch(/^payments_in_flight_oldest_seconds 0$/m);
  expect(text).toMatch(/^whatsapp_outbox_messages 0$/m);
  expect(text).toMatch(/^process_memory_bytes\{kind="rss"\} [1-9]\d*$/m);
  await server.close();
});
