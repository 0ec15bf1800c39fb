import { Readable } from "node:stream";
import type { ApiClientOptions } from "grammy";
import { describe, expect, it } from "vitest";
import { retryingFetch } from "../../src/bot/api-retry.js";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;

/** A Bot API stand-in answering `answers` in turn (HTTP status = error_code), recording each body it got. */
function telegram(answers: Record<string, unknown>[]) {
  const bodies: string[] = [];
  const fetch = (async (_url: string, init?: { body?: unknown }) => {
    const body = init?.body;
    bodies.push(typeof body === "string" ? body : Buffer.isBuffer(body) ? body.toString("utf8") : `<${typeof body}>`);
    const answer = answers.shift()!;
    return new Response(JSON.stringify(answer), { status: typeof answer.error_code === "number" ? answer.error_code : 200 });
  }) as unknown as Fetch;
  return { fetch, bodies };
}

const call = (fetch: Fetch, body: unknown) => fetch("http://api.test/bot1:x/sendPhoto" as never, { method: "POST", body } as never);

describe("retryingFetch (auto-retry at client.fetch)", () => {
  it("sends a multipart upload again after a 429: the one-shot stream is read once and resent whole", async () => {
    const stand = telegram([
      { ok: false, error_code: 429, description: "Too Many Requests: retry after 0", parameters: { retry_after: 0 } },
      { ok: true, result: { message_id: 7 } },
    ]);
    const stream = Readable.from([Buffer.from("--b\r\npart one\r\n"), Buffer.from("--b--\r\n")]);
    const res = await call(retryingFetch(stand.fetch), stream);
    expect(await res.json()).toEqual({ ok: true, result: { message_id: 7 } });
    expect(stand.bodies).toEqual(["--b\r\npart one\r\n--b--\r\n", "--b\r\npart one\r\n--b--\r\n"]);
  });

  it("hands back a flood-wait longer than it waits, and a plain refusal, without retrying", async () => {
    const stand = telegram([
      { ok: false, error_code: 429, description: "Too Many Requests: retry after 3600", parameters: { retry_after: 3600 } },
      { ok: false, error_code: 400, description: "Bad Request: chat not found" },
    ]);
    const fetch = retryingFetch(stand.fetch);
    expect(await (await call(fetch, "{}")).json()).toMatchObject({ error_code: 429 });
    expect(await (await call(fetch, "{}")).json()).toMatchObject({ error_code: 400 });
    expect(stand.bodies).toHaveLength(2);
  });

  it("tries a 5xx again after a pause that doubles, at most three times", async () => {
    const stand = telegram([
      { ok: false, error_code: 502, description: "Bad Gateway" },
      { ok: false, error_code: 500, description: "Internal Server Error" },
      { ok: true, result: true },
      { ok: false, error_code: 502, description: "Bad Gateway" },
      { ok: false, error_code: 502, description: "Bad Gateway" },
      { ok: false, error_code: 502, description: "Bad Gateway" },
      { ok: false, error_code: 502, description: "Bad Gateway" },
    ]);
    const fetch = retryingFetch(stand.fetch, { serverErrorDelayMs: 1 });
    expect(await (await call(fetch, "{}")).json()).toEqual({ ok: true, result: true });
    expect(stand.bodies).toHaveLength(3);
    expect(await (await call(fetch, "{}")).json()).toMatchObject({ error_code: 502 });
    expect(stand.bodies).toHaveLength(7);
  });
});
