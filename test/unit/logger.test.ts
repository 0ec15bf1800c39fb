import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";

/** Lines as `npm start` writes them (JSON, through the scrubber), parsed back. */
function logged(): { lines: Record<string, unknown>[]; logger: ReturnType<typeof createLogger> } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: "info", pretty: false, secrets: [], write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { lines, logger };
}

describe("fields named like secrets", () => {
  it("are redacted at the top of a line and one level down, whatever the value", () => {
    const { lines, logger } = logged();
    logger.info({ event: "x", token: "tok-123456", apiKey: 42, pin: "482916", user: 7 }, "top");
    logger.info(
      {
        event: "y",
        config: { apiKey: "key-abcdef", url: "http://127.0.0.1" },
        headers: { authorization: "Bearer abc", "x-telegram-bot-api-secret-token": "whsec-1", accept: "json" },
      },
      "nested",
    );
    expect(lines[0]).toMatchObject({ event: "x", token: "[redacted]", apiKey: "[redacted]", pin: "[redacted]", user: 7, msg: "top" });
    expect(lines[1]).toMatchObject({
      config: { apiKey: "[redacted]", url: "http://127.0.0.1" },
      headers: { authorization: "[redacted]", "x-telegram-bot-api-secret-token": "[redacted]", accept: "json" },
    });
  });

  it("are redacted in a child logger's bindings too", () => {
    const { lines, logger } = logged();
    logger.child({ chat: 9, secret: "child-secret-1", provider: { apiKey: "child-key-2" } }).info({ event: "z" }, "child");
    logger.child({ chat: 9 }).child({ password: "grandchild-pw-3" }).info("grandchild");
    expect(lines[0]).toMatchObject({ chat: 9, secret: "[redacted]", provider: { apiKey: "[redacted]" }, event: "z" });
    expect(lines[1]).toMatchObject({ chat: 9, password: "[redacted]", msg: "grandchild" });
  });

  it("leave the logged objects as they were, and an error logged with a secret field stays an error", () => {
    const { lines, logger } = logged();
    const provider = { name: "digiflazz", sign: "abcdef0123" };
    const err = Object.assign(new TypeError("the provider refused"), { password: "hunter2-secret" });
    logger.info({ provider, err }, "failed");
    expect(provider.sign).toBe("abcdef0123");
    expect(err.password).toBe("hunter2-secret");
    expect(lines[0]).toMatchObject({
      provider: { name: "digiflazz", sign: "[redacted]" },
      err: { type: "TypeError", message: "the provider refused", password: "[redacted]" },
    });
    expect(String((lines[0]!.err as { stack: string }).stack)).toContain("the provider refused");
  });

  it("do not touch a line without them", () => {
    const { lines, logger } = logged();
    logger.info({ event: "update", chat: 5, kind: "token", tags: ["token"], ms: 3 }, "update");
    expect(lines[0]).toEqual({ level: 30, time: expect.any(Number), event: "update", chat: 5, kind: "token", tags: ["token"], ms: 3, msg: "update" });
  });
});
