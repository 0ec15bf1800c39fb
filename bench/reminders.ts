import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { billerStandIn } from "../test/support/biller-stand-in.js";
import { Clock } from "../test/support/clock.js";
import { startHarness, tempDir } from "../test/support/harness.js";
import { calendarRunner, HOUR, WIB } from "../test/support/reminders.js";

/**
 * The bill calendar's figure: BENCH_REMINDERS saved PLN bills (ten per user), all with their
 * reminder on for the 5th, run through one simulated day on the bot's clock (the real app, its
 * SQLite file and the sandbox biller, counted): how many inquiries each hour against
 * REMINDER_MAX_PER_HOUR, the hours they spread over, the messages, and the CPU the day cost.
 * Runs on its own (npx tsx bench/reminders.ts) and as the last figure of npm run bench.
 */

const SAVED = Number(process.env.BENCH_REMINDERS ?? 1000);
const CAP = Number(process.env.REMINDER_MAX_PER_HOUR ?? 120);

export async function reminderFigure(): Promise<{ figure: string; bot: string; goal: string; problems: string[] }> {
  const clock = new Clock(WIB("2026-12-01T08:00:00"));
  const biller = billerStandIn(clock);
  const dir = tempDir();
  const h = await startHarness({
    dbPath: join(dir.dir, "reminders.sqlite"),
    provider: biller.provider,
    now: clock.now,
    env: { REMINDER_MAX_PER_HOUR: String(CAP) },
  });
  const { users, favorites } = h.app.deps;
  // One commit for the lot: seeding is not what is measured.
  h.app.deps.db.transaction(() => {
    for (let u = 0; u < Math.ceil(SAVED / 10); u++) {
      const userId = 7_000 + u;
      users.upsert({ id: userId, channel: "telegram", firstName: `U${u}` });
      for (let n = 0; n < 10 && u * 10 + n < SAVED; n++)
        favorites.save(userId, "pln-pascabayar", { customerNo: `5400${String(u * 10 + n).padStart(8, "0")}` }, `Rumah ${n}`);
      for (const f of favorites.list(userId)) h.app.calendar.enable(userId, f.id);
    }
  })();
  const { sent, runTo } = calendarRunner(h, clock);
  await runTo(WIB("2026-12-05T00:00:00"), HOUR);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  await runTo(WIB("2026-12-06T00:00:00"));
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - wall;
  await h.close();
  dir.cleanup();

  const perHour = new Map<number, number>();
  for (const i of biller.inquiries) perHour.set(Math.floor(i.at / HOUR), (perHour.get(Math.floor(i.at / HOUR)) ?? 0) + 1);
  const hourOf = (slot: number) => new Date(slot * HOUR + 7 * HOUR).getUTCHours();
  const hours = [...perHour.keys()].sort((a, b) => a - b);
  const busiest = Math.max(...perHour.values());
  const told = sent.filter((s) => s.text.includes("sudah terbit")).length;
  const problems = [
    ...(biller.inquiries.length === SAVED ? [] : [`reminders: ${biller.inquiries.length} inquiries for ${SAVED} saved bills`]),
    ...(busiest <= CAP ? [] : [`reminders: ${busiest} inquiries in one hour, above the cap of ${CAP}`]),
    ...(told === SAVED ? [] : [`reminders: ${told} reminders sent for ${SAVED} bills`]),
  ];
  const spread = hours.length ? `${String(hourOf(hours[0]!)).padStart(2, "0")}:00-${String(hourOf(hours.at(-1)!) + 1).padStart(2, "0")}:00 WIB` : "-";
  return {
    figure: `Bill reminders: ${SAVED} saved bills due the same day`,
    bot: `${biller.inquiries.length} inquiries over ${hours.length} hours (${spread}), at most ${busiest} an hour (cap ${CAP}), ${told} reminders sent; the day took ${((used.user + used.system) / 1000).toFixed(0)} ms of CPU (${ms.toFixed(0)} ms on the clock moved by hand)`,
    goal: `every bill asked once, no hour above REMINDER_MAX_PER_HOUR, none in the quiet hours`,
    problems,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await reminderFigure();
  console.log(`${r.figure}\n   bot:  ${r.bot}\n   goal: ${r.goal}`);
  if (r.problems.length) {
    console.error(r.problems.join("\n"));
    process.exitCode = 1;
  }
}
