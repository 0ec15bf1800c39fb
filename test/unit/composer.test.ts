import { Api, Composer, Context, type MiddlewareFn } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { LeanComposer } from "../../src/bot/composer.js";

const me = { id: 9, is_bot: true, first_name: "Bot", username: "bot" } as UserFromGetMe;

/** A real grammY context (no API calls are made) for a private text message, a command or a button press. */
function ctxOf(text?: string, data?: string): Context {
  const chat = { id: 1, type: "private" as const, first_name: "A" };
  const from = { id: 1, is_bot: false, first_name: "A" };
  const command = text?.match(/^\/[\w@]+/)?.[0];
  const update =
    data !== undefined
      ? { update_id: 1, callback_query: { id: "q", from, chat_instance: "i", data, message: { message_id: 1, date: 0, chat } } }
      : {
          update_id: 1,
          message: {
            message_id: 1,
            date: 0,
            chat,
            from,
            text: text ?? "",
            entities: command ? [{ type: "bot_command" as const, offset: 0, length: command.length }] : undefined,
          },
        };
  return new Context(update as Update, new Api("1:x"), me);
}

const real = <C extends Context>(mw: MiddlewareFn<C>, ctx: C) => mw(ctx, () => Promise.resolve());

// Every case runs against grammY's own Composer too: the lean one must behave exactly like it.
describe.each([
  ["grammY Composer", () => new Composer<Context>()],
  ["LeanComposer", () => new LeanComposer<Context>()],
])("%s", (_name, make) => {
  it("runs layers in order, each around the ones after it, and stops where one does not call next", async () => {
    const seen: string[] = [];
    const c = make();
    c.use(async (_ctx, next) => {
      seen.push("a in");
      await next();
      seen.push("a out");
    });
    c.use((_ctx, next) => {
      seen.push("b");
      return next();
    });
    c.use(() => void seen.push("c stops"));
    c.use(() => void seen.push("never"));
    await real(c.middleware(), ctxOf("hi"));
    expect(seen).toEqual(["a in", "b", "c stops", "a out"]);
  });

  it("rejects a second call of next and runs the rest once", async () => {
    let rest = 0;
    const c = make();
    let second: unknown;
    c.use(async (_ctx, next) => {
      await next();
      second = await next().then(
        () => "resolved",
        (err: Error) => err.message,
      );
    });
    c.use(() => void rest++);
    await real(c.middleware(), ctxOf("hi"));
    expect(second).toBe("`next` already called before!");
    expect(rest).toBe(1);
  });

  it("turns a synchronous throw into a rejection of the layer's next", async () => {
    const c = make();
    let caught: unknown;
    c.use((_ctx, next) => {
      const p = next();
      expect(p).toBeInstanceOf(Promise);
      return p.catch((err: Error) => void (caught = err.message));
    });
    c.use(() => {
      throw new Error("sync");
    });
    await real(c.middleware(), ctxOf("hi"));
    expect(caught).toBe("sync");
  });

  it("hands next a promise even when the following layer returns nothing", async () => {
    const c = make();
    let result: unknown;
    c.use((_ctx, next) => {
      result = next();
      return result as Promise<void>;
    });
    c.use(() => undefined);
    await real(c.middleware(), ctxOf("hi"));
    expect(result).toBeInstanceOf(Promise);
  });

  it("passes a synchronous and an asynchronous throw up to the caller as rejections", async () => {
    const sync = make();
    sync.use((_ctx, next) => next());
    sync.command("x", () => {
      throw new Error("sync");
    });
    await expect(real(sync.middleware(), ctxOf("/x"))).rejects.toThrow("sync");
    const async = make();
    async.on("message", async () => {
      await Promise.resolve();
      throw new Error("async");
    });
    await expect(real(async.middleware(), ctxOf("hi"))).rejects.toThrow("async");
  });

  it("branches on synchronous and asynchronous predicates, a throwing predicate rejecting", async () => {
    const seen: string[] = [];
    const c = make();
    c.filter(
      async (ctx) => (await Promise.resolve(ctx.msg?.text)) === "async",
      () => void seen.push("async yes"),
    );
    c.branch((ctx) => ctx.msg?.text === "sync", [() => void seen.push("sync yes")], [(_ctx, next) => next(), () => void seen.push("sync no")]);
    await real(c.middleware(), ctxOf("async"));
    await real(c.middleware(), ctxOf("sync"));
    await real(c.middleware(), ctxOf("other"));
    expect(seen).toEqual(["async yes", "sync yes", "sync no"]);
    const bad = make();
    bad.filter(() => {
      throw new Error("predicate");
    });
    await expect(real(bad.middleware(), ctxOf("hi"))).rejects.toThrow("predicate");
  });

  it("routes commands and button presses, with ctx.match, through nested composers extended after registration", async () => {
    const seen: string[] = [];
    const outer = make();
    const inner = new Composer<Context>();
    outer.use(inner);
    const privates = outer.chatType("private");
    privates.callbackQuery(/^p:(\d+)$/, (ctx) => void seen.push(`press ${String(ctx.match[1])}`));
    // Registered after `inner` was installed: still seen, as grammY reads a composer at every call.
    inner.command("start", (ctx) => void seen.push(`start ${ctx.match}`));
    privates.on("message:text", (ctx) => void seen.push(`text ${ctx.msg.text}`));
    await real(outer.middleware(), ctxOf("/start abc"));
    await real(outer.middleware(), ctxOf(undefined, "p:42"));
    await real(outer.middleware(), ctxOf("hello"));
    expect(seen).toEqual(["start abc", "press 42", "text hello"]);
  });

  it("runs what branch hands back after the chosen middleware calls next, and skips it when that does not", async () => {
    const seen: string[] = [];
    const c = make();
    c.branch(
      (ctx) => ctx.msg?.text === "go",
      (_ctx, next) => next(),
      () => void seen.push("stopped"),
    ).use(() => void seen.push("after branch"));
    await real(c.middleware(), ctxOf("go"));
    await real(c.middleware(), ctxOf("stop"));
    expect(seen).toEqual(["after branch", "stopped"]);
  });

  it("keeps the layers a handler had when it was taken, and an extended composer runs them all", async () => {
    const seen: string[] = [];
    const c = make();
    c.use((_ctx, next) => {
      seen.push("one");
      return next();
    });
    const taken = c.middleware();
    c.use(() => void seen.push("two"));
    await real(taken, ctxOf("hi"));
    await real(c.middleware(), ctxOf("hi"));
    expect(seen).toEqual(["one", "one", "two"]);
  });

  it("matches commands as grammY does: whole names, this bot's @name, the rest as ctx.match", async () => {
    const seen: string[] = [];
    const c = make();
    c.command(["start", "mulai"], (ctx) => void seen.push(`start:${ctx.match}`));
    c.command("start2", (ctx) => void seen.push(`start2:${ctx.match}`));
    c.on("message", (ctx) => void seen.push(`other:${ctx.msg.text ?? ""}`));
    for (const text of ["/start", "/mulai  a b", "/start@bot x", "/start@other x", "/startx", "/start2 y", "/START", "start", " /start"]) {
      await real(c.middleware(), ctxOf(text));
    }
    expect(seen).toEqual([
      "start:",
      "start:a b",
      "start:x",
      "other:/start@other x",
      "other:/startx",
      "start2:y",
      "other:/START",
      "other:start",
      "other: /start",
    ]);
  });

  it("keeps errors inside an error boundary, whose handler may go on with next", async () => {
    const seen: string[] = [];
    const c = make();
    const safe = c.errorBoundary((err, next) => {
      seen.push(`caught ${(err.error as Error).message}`);
      return next();
    });
    safe.command("boom", () => {
      throw new Error("boom");
    });
    c.use(() => void seen.push("after boundary"));
    await real(c.middleware(), ctxOf("/boom"));
    expect(seen).toEqual(["caught boom", "after boundary"]);
  });
});

describe("LeanComposer", () => {
  it("hands back lean composers from use, filter and the methods built on them", () => {
    const c = new LeanComposer<Context>();
    for (const composer of [c.use(), c.filter(() => true), c.command("x"), c.on("message"), c.callbackQuery("d"), c.hears("h"), c.chatType("private")]) {
      expect(composer).toBeInstanceOf(LeanComposer);
    }
  });
});
