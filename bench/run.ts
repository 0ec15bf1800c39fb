import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { startDigiflazzStub } from "../test/stubs/digiflazz-server.js";
import { startFakeBotApi, type FakeBotApi, type SentMessage } from "../test/support/fake-bot-api.js";
import { digiflazzEnv } from "../test/support/provider-env.js";
import { strukRenderRow } from "./struk.js";
import { reminderFigure } from "./reminders.js";
import { whatsappMessagesPerPayment } from "./whatsapp-messages.js";

/**
 * The figures of the speed issue, measured black-box: the real `npm start` entry point in its own
 * process, long-polling a fake Bot API on 127.0.0.1 and paying through a Digiflazz stand-in behind
 * a proxy that can add latency. Next to it, the floor: a minimal grammY bot over the same kind of
 * fake Bot API (bench/floor-bot.ts), driven the same way, so every figure is printed beside the
 * floor's; and for the crowd, the CPU and the answer times the stack floor (bench/stack-floor-bot.ts), the bot's libraries
 * walking the same flow without the bot's own work. CPU and memory are read from /proc for each
 * bot's process only. It fails only when a payment is lost, doubled or left unanswered, never on
 * a timing.
 *
 * The crowd pays first under Telegram's flood limits, kept by the fake Bot API as Telegram does
 * (30 messages a second, one a second per chat after a burst of 3) and by the bot's outgoing queue,
 * measured against the time those limits need for its messages; then another crowd pays without
 * them, against one user's time. BENCH_TELEGRAM_LIMITS=0 leaves out the first. The other figures
 * measure the bot's own work, with the limits off on both sides (TELEGRAM_LIMITS=false for the
 * bot): a thousand flows one after another would otherwise mostly wait for them.
 */

const CONCURRENT_USERS = Number(process.env.BENCH_CONCURRENT_USERS ?? 1000);
const BILLER_LATENCY_MS = Number(process.env.BENCH_BILLER_LATENCY_MS ?? 1000);
const CPU_FLOWS = Number(process.env.BENCH_CPU_FLOWS ?? 300);
const OPEN_FLOWS = Number(process.env.BENCH_OPEN_FLOWS ?? 1000);
const WAITING_FLOWS = Number(process.env.BENCH_WAITING_FLOWS ?? 10_000);
const WRONG_ANSWERS = Number(process.env.BENCH_WRONG_ANSWERS ?? 1500);
const FLOOR_UPDATES = Number(process.env.BENCH_FLOOR_UPDATES ?? 2000);
const TELEGRAM_LIMITS = process.env.BENCH_TELEGRAM_LIMITS !== "0";
/** Telegram's overall limit, as the fake Bot API keeps it. */
const MESSAGES_PER_SECOND = 30;

const ADMIN = 1;
const CUSTOMER_NO = "530000000001";
const TOKEN = "123456:BENCH-token-abcdefghijklmnop";
const problems: string[] = [];

// --- the processes ----------------------------------------------------------------------------

/** A proxy in front of the biller stand-in that holds every request `latency` ms. */
async function latencyProxy(target: string): Promise<{ url: string; latency: number; close(): Promise<void> }> {
  const proxy = {
    url: "",
    latency: 0,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () =>
      setTimeout(() => {
        const up = request(target + req.url, { method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        up.end(Buffer.concat(chunks));
      }, proxy.latency),
    );
  });
  // Node's default of 5 s would close a connection the bot is about to reuse now and then, when a
  // flow waits a few seconds for Telegram's limits: its pay call fails before it is sent and the
  // payment waits for a status check, minutes later. That race is the HTTP client's, not the bench's subject.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

/** BENCH_PROFILE_DIR: each process writes a CPU profile there (open it in Chrome's DevTools). */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

/** The flags `npm start` gives node (package.json): the bot, and the floor beside it, run with them. */
const START_FLAGS =
  /^node (.*?) ?--import tsx /
    .exec(JSON.parse(readFileSync("package.json", "utf8")).scripts.start)?.[1]
    ?.split(" ")
    .filter(Boolean) ?? [];

function startProcess(script: string, env: Record<string, string>): ChildProcess {
  const profile = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...START_FLAGS, ...profile, "--import", "tsx", script], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (c: Buffer) => {
    const text = String(c);
    if (/error|failed/i.test(text)) process.stderr.write(`[${script}] ${text}`);
  });
  return child;
}

const TICK_MS = 1000 / 100;
/** CPU time the process has used (user + system, and the system part), in ms, from /proc (clock ticks of 10 ms). */
function cpuTimes(pid: number): { total: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const system = Number(fields[12]) * TICK_MS;
  return { total: Number(fields[11]) * TICK_MS + system, system };
}
const cpuMs = (pid: number) => cpuTimes(pid).total;
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]!;
  return Number(kb) / 1024;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  child.kill("SIGKILL");
}

// --- a user, driven through the fake Bot API ---------------------------------------------------

/** Sends what the user does and resolves with the bot's first reply (sent or edited) that matches. */
async function act(api: FakeBotApi, user: number, doIt: () => void, match: (m: SentMessage) => boolean = () => true): Promise<SentMessage> {
  const reply = api.next(user, { match, timeoutMs: 120_000 });
  doIt();
  return reply;
}
const hasButtons = (m: SentMessage) => m.buttons.length > 0;

/** /bayar -> first category -> first product (PLN Pascabayar): the bot now waits for the number. */
async function openFlow(api: FakeBotApi, user: number): Promise<void> {
  const categories = await act(api, user, () => api.text(user, "/bayar"), hasButtons);
  const products = await act(api, user, () => api.press(user, categories.messageId, categories.buttons[0]!.data), hasButtons);
  await act(api, user, () => api.press(user, products.messageId, products.buttons[0]!.data));
}

/** A whole payment from /bayar to the receipt. */
async function pay(api: FakeBotApi, user: number): Promise<void> {
  await openFlow(api, user);
  const summary = await act(
    api,
    user,
    () => api.text(user, CUSTOMER_NO),
    (m) => m.buttons.some((b) => b.data.startsWith("pay:")),
  );
  const bayar = summary.buttons.find((b) => b.data.startsWith("pay:"))!;
  await act(
    api,
    user,
    () => api.press(user, summary.messageId, bayar.data),
    (m) => m.text.startsWith("✅"),
  );
}

/** Each user greets the bot (an admin can only credit users it knows), then the admin credits them. */
async function topUp(api: FakeBotApi, users: number[]): Promise<void> {
  await inBatches(users, 100, async (u) => void (await act(api, u, () => api.text(u, "/start"))));
  for (const u of users) {
    const reply = await act(api, ADMIN, () => api.text(ADMIN, `/topup ${u} 1jt`));
    if (!reply.text.includes("1.000.000")) throw new Error(`top-up of ${u} answered: ${reply.text}`);
  }
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

async function inBatches(users: number[], size: number, each: (u: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < users.length; i += size) await Promise.all(users.slice(i, i + size).map(each));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** "p99 ms (p50 ms)" of the time each of `users` waits for the answer to `text`, one chat after another. */
async function answerTimes(target: FakeBotApi, users: number[], text: string): Promise<string> {
  const ms: number[] = [];
  for (const u of users) {
    const start = performance.now();
    await act(target, u, () => target.text(u, text));
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return `${percentile(ms, 99).toFixed(2)} ms (${percentile(ms, 50).toFixed(2)} ms)`;
}

/** CPU of process `pid` per payment while `users` pay one after another, and the kernel's share of it. */
async function cpuPerPayment(pid: number, target: FakeBotApi, users: number[]): Promise<{ total: number; system: number }> {
  const before = cpuTimes(pid);
  for (const u of users) await pay(target, u);
  const after = cpuTimes(pid);
  return { total: (after.total - before.total) / users.length, system: (after.system - before.system) / users.length };
}

// --- the run ----------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), "tagihan-bench-"));
const dbPath = join(dir, "bench.sqlite");
const biller = await startDigiflazzStub({ deposit: 10_000_000_000 });
const proxy = await latencyProxy(biller.url);
const api = await startFakeBotApi();
/** The bot as `npm start` runs it, on the bench's database, with or without Telegram's limits on both sides; resolves once it answers. */
async function startBot(limits = false): Promise<ChildProcess> {
  api.limits(limits);
  const child = startProcess("src/main.ts", {
    TELEGRAM_LIMITS: String(limits),
    ...digiflazzEnv(biller),
    DIGIFLAZZ_BASE_URL: proxy.url,
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.url,
    DATABASE_PATH: dbPath,
    ADMIN_IDS: String(ADMIN),
    // The bench's users write at machine speed (the stubborn chat above all): the per-user limit
    // would silence them, and what is measured here is the bot's work on each update.
    RATE_LIMIT_PER_MINUTE: "0",
    // Receipts as text, as in the figures measured before struk pictures: drawing one is measured
    // on its own (the last row) and adds that much CPU to each payment.
    STRUK_PICTURES: "false",
  });
  await act(api, ADMIN, () => api.text(ADMIN, "/start"));
  return child;
}
let bot = await startBot();
let pid = bot.pid!;
const rssIdle = rssMb(pid);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** The table: each figure of the bot next to the floor's and the goal. */
type Row = { figure: string; bot: string; floor?: string; stack?: string; goal: string };
const rows: Row[] = [];

// 1. Many users paying at once against a slow biller: under Telegram's limits against the time
// they need for the crowd's messages, and without them against one user alone. The second crowd
// also warms up the process the CPU figure is read in, as the one crowd did before the limits.
const payers = range(10_000, CONCURRENT_USERS);
const alone = 9_999;
const freePayers = TELEGRAM_LIMITS ? range(20_000, CONCURRENT_USERS) : payers;
const freeAlone = TELEGRAM_LIMITS ? 9_998 : alone;
await topUp(api, [alone, ...payers]);

/** One user pays alone, then `users` all at once; payments that do not get through are counted, not thrown. */
async function crowd(one: number, users: number[]) {
  let t = performance.now();
  await pay(api, one);
  const aloneMs = performance.now() - t;
  const [taken, refused] = [api.taken(), api.refused()];
  let lost = 0;
  t = performance.now();
  await Promise.all(users.map((u) => pay(api, u).catch(() => void lost++)));
  const crowdMs = performance.now() - t;
  if (lost > 0) problems.push(`${lost} of ${users.length} payers did not get through their payment`);
  return { aloneMs, crowdMs, lost, messages: api.taken() - taken, refused: api.refused() - refused };
}

proxy.latency = BILLER_LATENCY_MS;
// Beside Telegram's messages per payment: WhatsApp's, whose pace (WHATSAPP_MESSAGES_PER_MINUTE) they count against.
const whatsappPerPayment = await whatsappMessagesPerPayment();
if (TELEGRAM_LIMITS) {
  await stop(bot);
  bot = await startBot(true);
  const { aloneMs, crowdMs, lost, messages, refused } = await crowd(alone, payers);
  const limitsMs = (messages / MESSAGES_PER_SECOND) * 1000;
  rows.push({
    figure: `${CONCURRENT_USERS} users pay at once under Telegram's limits, biller ${BILLER_LATENCY_MS} ms: wall / the time the limits need`,
    bot: `${(crowdMs / limitsMs).toFixed(2)} (${(crowdMs / 1000).toFixed(1)} s / ${(limitsMs / 1000).toFixed(1)} s for ${messages} messages at ${MESSAGES_PER_SECOND} a second, ${(messages / CONCURRENT_USERS).toFixed(1)} per payment; on WhatsApp ${whatsappPerPayment}, biller answering at once); ${lost} lost, ${refused} answered 429; one user alone ${(aloneMs / 1000).toFixed(2)} s`,
    goal: "about 1; 0 lost, 0 answered 429",
  });
  await stop(bot);
  bot = await startBot();
  pid = bot.pid!;
  // The second crowd's top-ups warm the fresh process up, as the first crowd's did the first one.
  await topUp(api, [freeAlone, ...freePayers]);
}
const free = await crowd(freeAlone, freePayers);
const payRow: Row = {
  figure: `${CONCURRENT_USERS} users pay at once${TELEGRAM_LIMITS ? " without Telegram's limits" : ""}, biller ${BILLER_LATENCY_MS} ms: wall / one user's time`,
  bot: `${(free.crowdMs / free.aloneMs).toFixed(2)} (${(free.crowdMs / 1000).toFixed(1)} s / ${(free.aloneMs / 1000).toFixed(2)} s); ${free.lost} lost`,
  goal: "<= 1.5",
};
rows.push(payRow);

// 2. CPU per full payment flow, biller answering at once.
proxy.latency = 0;
const cpuUsers = range(200_000, CPU_FLOWS);
await topUp(api, cpuUsers);
const callsBefore = api.calls();
// The kernel's share (sockets, SQLite's writes and syncs) moves with the host more than the rest.
const botCpu = await cpuPerPayment(pid, api, cpuUsers);
const callsPerFlow = (api.calls() - callsBefore) / CPU_FLOWS;
const cpuRow: Row = {
  figure: `CPU per full payment flow (5 updates, inquiry, pay, receipt; ${callsPerFlow.toFixed(1)} Bot API calls)`,
  bot: `${botCpu.total.toFixed(2)} ms (${botCpu.system.toFixed(2)} of it in the kernel)`,
  goal: "<= 8 ms",
};
rows.push(cpuRow);

// 3. Answering a text while many flows are open.
const open = range(300_000, OPEN_FLOWS);
await inBatches(open, 100, (u) => openFlow(api, u));
const latencyRow: Row = {
  figure: `time to answer a text, ${OPEN_FLOWS} flows open: p99 (p50)`,
  bot: await answerTimes(api, open, "bukan nomor"),
  goal: "p99 <= 3 ms",
};
rows.push(latencyRow);

// 4. Memory with many flows waiting at the number prompt, read twice: in the process that has
// just served the figures above (it still holds their heap peak), and in a fresh one started on the same
// database for this phase alone, which is what a bot with that many chats waiting needs.
const waiting = range(1_000_000, WAITING_FLOWS);
await inBatches(waiting, 200, (u) => openFlow(api, u));
const rssAfterLoad = rssMb(pid);
await stop(bot);
bot = await startBot();
pid = bot.pid!;
const rssFreshIdle = rssMb(pid);
await inBatches(range(2_000_000, WAITING_FLOWS), 200, (u) => openFlow(api, u));
const rssWaiting = rssMb(pid);
const rssRow: Row = {
  figure: `RSS with ${WAITING_FLOWS} flows waiting at the number prompt, in a fresh process (idle; after ${TELEGRAM_LIMITS ? "2-4" : "1-3"} in one process)`,
  bot: `${rssWaiting.toFixed(0)} MB (${rssFreshIdle.toFixed(0)} MB idle; ${rssAfterLoad.toFixed(0)} MB after ${TELEGRAM_LIMITS ? "2-4" : "1-3"}, ${rssIdle.toFixed(0)} MB idle before them)`,
  goal: "<= 200 MB",
};
rows.push(rssRow);

// 5. One chat that keeps answering wrong at one prompt. The prompt gives up after a few tries
// (flow-too-many-tries): the chat opens the flow again and goes on, outside the timing.
const gaveUp = /^flow-too-many-tries = (.*)$/m.exec(readFileSync("locales/id.ftl", "utf8"))![1]!;
const stubborn = 5_000_000;
await openFlow(api, stubborn);
const stateBytes = () => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare("SELECT length(value) FROM conversations WHERE key = ?").pluck().get(String(stubborn)) as number | undefined) ?? 0;
  } finally {
    db.close();
  }
};
let largestState = 0;
const wrongAnswer = async (): Promise<number> => {
  const s = performance.now();
  const reply = await act(api, stubborn, () => api.text(stubborn, "salah"));
  const ms = performance.now() - s;
  if (reply.text === gaveUp) await openFlow(api, stubborn);
  else largestState = Math.max(largestState, stateBytes());
  return ms;
};
const first: number[] = [];
for (let i = 0; i < 10; i++) first.push(await wrongAnswer());
const stateFirst = largestState;
for (let i = 10; i < WRONG_ANSWERS - 10; i++) await wrongAnswer();
const last: number[] = [];
for (let i = 0; i < 10; i++) last.push(await wrongAnswer());
const stubbornRow: Row = {
  figure: `one chat after ${WRONG_ANSWERS} wrong answers at one prompt: ms per update, largest state (after 10)`,
  bot: `${mean(last).toFixed(2)} ms, ${(largestState / 1024).toFixed(1)} KB (${mean(first).toFixed(2)} ms, ${(stateFirst / 1024).toFixed(1)} KB)`,
  goal: "the same as after one",
};
rows.push(stubbornRow);

await stop(bot);

// The books: every payer paid once, charged once, refunded never, and told.
const db = new Database(dbPath, { readonly: true });
const paid = [...new Set([alone, ...payers, freeAlone, ...freePayers, ...cpuUsers])];
const perUser = db.prepare(`
  SELECT u.id, u.balance,
    (SELECT COALESCE(SUM(amount), 0) FROM ledger l WHERE l.user_id = u.id) AS ledger,
    (SELECT COUNT(*) FROM transactions t WHERE t.user_id = u.id AND t.state = 'success') AS successes,
    (SELECT COUNT(*) FROM ledger l WHERE l.user_id = u.id AND l.kind = 'charge') AS charges,
    (SELECT group_concat(id) FROM transactions t WHERE t.user_id = u.id AND t.state = 'success') AS refs
  FROM users u WHERE u.id = ?`);
for (const u of paid) {
  const row = perUser.get(u) as { balance: number; ledger: number; successes: number; charges: number; refs: string | null } | undefined;
  if (!row) {
    problems.push(`user ${u} unknown to the bot`);
    continue;
  }
  if (row.balance !== row.ledger) problems.push(`user ${u}: balance ${row.balance} != ledger ${row.ledger}`);
  if (row.successes !== 1 || row.charges !== 1) problems.push(`user ${u}: ${row.successes} successes, ${row.charges} charges`);
  for (const ref of (row.refs ?? "").split(",").filter(Boolean)) if (biller.payCalls(ref) !== 1) problems.push(`${ref} paid ${biller.payCalls(ref)} times`);
  if (!api.sent(u).some((m) => m.text.startsWith("✅"))) problems.push(`user ${u} got no receipt`);
}
db.close();

// The floor: a minimal grammY bot, same runner, same kind of fake Bot API, driven the same way
// (five updates stand for a flow, one for an answer), so each figure has its lower bound.
const floorApi = await startFakeBotApi();
let t: number;
const floor = startProcess("bench/floor-bot.ts", { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: floorApi.url });
const floorPid = floor.pid!;
const hello = (u: number) => act(floorApi, u, () => floorApi.text(u, "hi"));
const fiveUpdates = async (u: number) => {
  for (let i = 0; i < 5; i++) await hello(u);
};
await hello(1);
const floorIdle = rssMb(floorPid);
t = performance.now();
await fiveUpdates(2);
const floorAlone = performance.now() - t;
t = performance.now();
await Promise.all(range(10_000, CONCURRENT_USERS).map(fiveUpdates));
const floorCrowd = performance.now() - t;
payRow.floor = `${(floorCrowd / 1000).toFixed(1)} s for ${CONCURRENT_USERS} x 5 updates at once (${floorAlone.toFixed(0)} ms alone): the CPU-bound part`;
const cpu = cpuMs(floorPid);
for (let i = 0; i < FLOOR_UPDATES; i++) await hello(3);
const floorPerUpdate = (cpuMs(floorPid) - cpu) / FLOOR_UPDATES;
cpuRow.floor = `${(floorPerUpdate * 5).toFixed(2)} ms for 5 updates (${floorPerUpdate.toFixed(2)} per update, 1 sendMessage each)`;
latencyRow.floor = await answerTimes(floorApi, range(300_000, OPEN_FLOWS), "hi");
await inBatches(range(1_000_000, WAITING_FLOWS), 200, async (u) => {
  for (let i = 0; i < 3; i++) await hello(u);
});
rssRow.floor = `${rssMb(floorPid).toFixed(0)} MB after ${WAITING_FLOWS} chats wrote 3 times (${floorIdle.toFixed(0)} MB idle)`;
const floorAnswers: number[] = [];
for (let i = 0; i < 10; i++) {
  t = performance.now();
  await hello(5);
  floorAnswers.push(performance.now() - t);
}
stubbornRow.floor = `${mean(floorAnswers).toFixed(2)} ms per update, no state`;
await stop(floor);

// The stack floor: the same flow, driven the same way, on what the bot is built on (grammY, the
// runner, the conversations plugin and the bot's SQLite state store) without the bot's own work
// (bench/stack-floor-bot.ts). Between the two floors is what the chosen libraries cost.
const stackApi = await startFakeBotApi();
const stack = startProcess("bench/stack-floor-bot.ts", { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: stackApi.url, DATABASE_PATH: join(dir, "stack.sqlite") });
const stackPid = stack.pid!;
await act(stackApi, ADMIN, () => stackApi.text(ADMIN, `/latency ${BILLER_LATENCY_MS}`));
t = performance.now();
await pay(stackApi, 9_999);
const stackAlone = performance.now() - t;
t = performance.now();
await Promise.all(range(10_000, CONCURRENT_USERS).map((u) => pay(stackApi, u)));
const stackCrowd = performance.now() - t;
payRow.stack = `${(stackCrowd / stackAlone).toFixed(2)} (${(stackCrowd / 1000).toFixed(1)} s / ${(stackAlone / 1000).toFixed(2)} s): the same flow and biller on grammY + conversations + SQLite state alone`;
await act(stackApi, ADMIN, () => stackApi.text(ADMIN, "/latency 0"));
const stackCpu = await cpuPerPayment(stackPid, stackApi, range(200_000, CPU_FLOWS));
cpuRow.stack = `${stackCpu.total.toFixed(2)} ms (${stackCpu.system.toFixed(2)} in the kernel) for the same flow and Bot API calls on grammY + conversations + SQLite state alone`;
await inBatches(open, 100, (u) => openFlow(stackApi, u));
latencyRow.stack = await answerTimes(stackApi, open, "bukan nomor");
await stop(stack);

// The struk picture, drawn in this process once the bots are gone.
rows.push(await strukRenderRow());
// The bill calendar, in this process on a clock moved by hand: a day of reminders is a count, not a wait.
const reminders = await reminderFigure();
rows.push({ figure: reminders.figure, bot: reminders.bot, goal: reminders.goal });
problems.push(...reminders.problems);

console.log("");
for (const [i, r] of rows.entries()) {
  const stackLine = r.stack ? `\n   stack: ${r.stack}` : "";
  console.log(`${i + 1}. ${r.figure}\n   bot:   ${r.bot}\n   floor: ${r.floor ?? "-"}${stackLine}\n   goal:  ${r.goal}`);
}

await Promise.all([api.close(), floorApi.close(), stackApi.close(), proxy.close(), biller.close()]);
rmSync(dir, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`FAILED: ${problems.length} problems with the money, e.g.\n  ${problems.slice(0, 10).join("\n  ")}`);
  process.exitCode = 1;
} else {
  console.log(`books: ${paid.length} payments, each charged once, paid once and answered with a receipt`);
}
