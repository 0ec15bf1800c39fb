import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { nodeArgs } from "../support/entry.js";
import { tempDir } from "../support/harness.js";

/**
 * `npm start` with BOT_TOKEN: the real entry point, long polling a Bot API stand-in on 127.0.0.1
 * (TELEGRAM_API_ROOT), the way an operator runs it against Telegram.
 */

const TOKEN = "123456:TEST-telegram-token-abcdefghij";

interface FakeTelegram {
  url: string;
  calls: { method: string; body: Record<string, unknown> }[];
  push(update: Record<string, unknown>): void;
  close(): Promise<void>;
}

async function fakeTelegram(): Promise<FakeTelegram> {
  const calls: FakeTelegram["calls"] = [];
  const queue: Record<string, unknown>[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const [, bot, method = ""] = (req.url ?? "").split("/");
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      calls.push({ method, body });
      const answer = (result: unknown) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(bot === `bot${TOKEN}` ? { ok: true, result } : { ok: false, error_code: 401, description: "Unauthorized" }));
      };
      if (method === "getMe") return answer({ id: 99, is_bot: true, first_name: "Tagihan", username: "tagihan_test_bot" });
      if (method === "getUpdates") {
        // A short long-poll: hand over what is queued, or an empty batch after a moment.
        const offset = Number(body.offset ?? 0);
        const ready = queue.filter((u) => Number(u.update_id) >= offset);
        return ready.length ? answer(ready) : setTimeout(() => answer([]), 100);
      }
      if (method === "sendMessage") return answer({ message_id: calls.length, date: 0, chat: { id: body.chat_id, type: "private" }, text: body.text });
      return answer(true);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    push: (u) => queue.push(u),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

it("runs on Telegram with long polling when BOT_TOKEN is set", async () => {
  const tg = await fakeTelegram();
  const dir = tempDir();
  cleanup.push(
    () => tg.close(),
    () => dir.cleanup(),
  );
  const child = spawn(process.execPath, nodeArgs("main"), {
    env: { PATH: process.env.PATH, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: tg.url, DATABASE_PATH: join(dir.dir, "bot.sqlite"), ADMIN_IDS: "777" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c) => (stderr += c));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  cleanup.push(() => {
    child.kill("SIGKILL");
  });

  tg.push({
    update_id: 1,
    message: {
      message_id: 1,
      date: 0,
      chat: { id: 4242, type: "private", first_name: "Sari" },
      from: { id: 4242, is_bot: false, first_name: "Sari" },
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  });
  const deadline = Date.now() + 20_000;
  while (!tg.calls.some((c) => c.method === "sendMessage") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  const greeting = tg.calls.find((c) => c.method === "sendMessage");
  expect(greeting?.body.chat_id, stderr).toBe(4242);
  expect(String(greeting?.body.text)).toContain("Halo Sari!");
  expect(JSON.stringify(greeting?.body.reply_markup)).toContain("menu:pay");
  // The command menu was published: Indonesian default, English, and the admin's own.
  const menus = tg.calls.filter((c) => c.method === "setMyCommands").map((c) => c.body);
  expect(menus.map((m) => m.language_code ?? (m.scope as { chat_id?: number } | undefined)?.chat_id ?? "default")).toEqual(["default", "en", 777]);

  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(stderr).toContain("Running on Telegram as @tagihan_test_bot");
});
