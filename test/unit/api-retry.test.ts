import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ApiClientOptions } from "grammy";
import { describe, expect, it } from "vitest";
import { retryingFetch } from "../../src/bot/api-retry.js";
import { Clock } from "../support/clock.js";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;

/** A Bot API stand-in answering `answers` in turn (HTTP status = error_code), recording each body it got and when. */
function telegram(answers: Record<string, unknown>[], clock = new Clock()) {
  const bodies: string[] = [];
  const at: number[] = [];
  const fetch = (async (_url: string, init?: { body?: unknown }) => {
    const body = init?.body;
    bodies.push(typeof body === "string" ? body : Buffer.isBuffer(body) ? body.toString("utf8") : `<${typeof body}>`);
    at.push(clock.now() - clock.startsAt);
    const answer = answers.shift()!;
    return new Response(JSON.stringify(answer), { status: typeof answer.error_code === "number" ? answer.error_code : 200 });
  }) as unknown as Fetch;
  return { fetch, bodies, at, clock };
}

const call = (fetch: Fetch, body: unknown, method = "sendPhoto") =>
  fetch(`http://api.test/bot1:x/${method}` as never, { method: "POST", body } as never) as unknown as Promise<Response>;
const flood = (seconds: number) => ({
  ok: false,
  error_code: 429,
  description: `Too Many Requests: retry after ${seconds}`,
  parameters: { retry_after: seconds },
});
const badGateway = { ok: false, error_code: 502, description: "Bad Gateway" };

describe("retryingFetch (flood-waits and 5xx at client.fetch)", () => {
  it("sends a multipart upload again after a 429: the one-shot stream is read once and resent whole", async () => {
    const stand = telegram([flood(0), { ok: true, result: { message_id: 7 } }]);
    const stream = Readable.from([Buffer.from("--b\r\npart one\r\n"), Buffer.from("--b--\r\n")]);
    const res = await call(retryingFetch(stand.fetch), stream);
    expect(await res.json()).toEqual({ ok: true, result: { message_id: 7 } });
    expect(stand.bodies).toEqual(["--b\r\npart one\r\n--b--\r\n", "--b\r\npart one\r\n--b--\r\n"]);
  });

  it("waits out a flood-wait as long as Telegram says, as often as it says, and the message still goes", async () => {
    const stand = telegram([flood(3600), flood(5), { ok: true, result: { message_id: 8 } }]);
    const fetch = retryingFetch(stand.fetch, { timers: stand.clock });
    const res = await stand.clock.settle(call(fetch, "{}", "sendMessage"));
    expect(await res.json()).toEqual({ ok: true, result: { message_id: 8 } });
    expect(stand.at).toEqual([0, 3_600_000, 3_605_000]);
  });

  it("hands back a plain refusal at once, and a flood-wait on a callback answer too (it is only worth giving at once)", async () => {
    const stand = telegram([{ ok: false, error_code: 400, description: "Bad Request: chat not found" }, flood(10)]);
    const fetch = retryingFetch(stand.fetch, { timers: stand.clock });
    expect(await (await call(fetch, "{}", "sendMessage")).json()).toMatchObject({ error_code: 400 });
    expect(await (await call(fetch, "{}", "answerCallbackQuery")).json()).toMatchObject({ error_code: 429 });
    expect(stand.at).toEqual([0, 0]);
  });

  it("tries a 5xx again after 3 s, 6 s and 12 s, then hands it back", async () => {
    const stand = telegram([
      badGateway,
      { ok: false, error_code: 500, description: "Internal Server Error" },
      { ok: true, result: true },
      badGateway,
      badGateway,
      badGateway,
      badGateway,
    ]);
    const fetch = retryingFetch(stand.fetch, { timers: stand.clock });
    expect(await (await stand.clock.settle(call(fetch, "{}"))).json()).toEqual({ ok: true, result: true });
    expect(stand.at).toEqual([0, 3_000, 9_000]);
    expect(await (await stand.clock.settle(call(fetch, "{}"))).json()).toMatchObject({ error_code: 502 });
    expect(stand.at.slice(3)).toEqual([9_000, 12_000, 18_000, 30_000]);
  });

  it("gives up an exchange with the Bot API that stays silent for attemptTimeoutMs", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const fetch = retryingFetch(undefined, { policy: { attemptTimeoutMs: 50 } });
      await expect(
        fetch(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/bot1:x/sendMessage` as never, { method: "POST", body: "{}" } as never),
      ).rejects.toThrow("no answer within 50 ms");
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
