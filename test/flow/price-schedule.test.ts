import { afterEach, beforeEach, expect, it } from "vitest";
import { startDigiflazzStub, type DigiflazzStub } from "../stubs/digiflazz-server.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, type Harness } from "../support/harness.js";
import { digiflazzEnv } from "../support/provider-env.js";

/**
 * Digiflazz answers a price-list call made within 5 minutes of the last one with rc 83 ("Limitasi
 * pricelist", "Max 1x per 5 menit"); the stand-in keeps that limit on the bot's clock. The bot
 * fetches its two lists six minutes apart and then hourly, and backs off when it meets rc 83 anyway.
 */

const clock = new Clock();
const testBot = botPerTest({ clock });
let stub: DigiflazzStub;
beforeEach(async () => {
  stub = await startDigiflazzStub({ apiKey: "dev-key-123", now: clock.now });
});
afterEach(() => stub.close());

const start = () => testBot.start({ env: digiflazzEnv(stub) });
const minute = () => (clock.t - clock.startsAt) / 60_000;

/** The schedule as its timer runs it (a look every 30 s) for `minutes` of the bot's clock: each call as "minute list outcome". */
async function runFor(h: Harness, minutes: number): Promise<string[]> {
  const seen: string[] = [];
  for (const end = clock.t + minutes * 60_000; clock.t < end; clock.advance(30_000)) {
    const result = await h.app.priceSchedule.tick();
    if (result) seen.push(`${minute()} ${String(stub.calls.at(-1)!.body.cmd)} ${result.kind}`);
  }
  return seen;
}

it("fetches the prepaid list at start and the postpaid one six minutes later, then each hourly: never within Digiflazz's five minutes", async () => {
  const h = await start();
  expect(await runFor(h, 130)).toEqual([
    "0 prepaid refreshed",
    "6 pasca refreshed",
    "60 prepaid refreshed",
    "66 pasca refreshed",
    "120 prepaid refreshed",
    "126 pasca refreshed",
  ]);
  expect(stub.calls.filter((c) => c.command === "pricelist")).toHaveLength(6);
});

it("meets rc 83 after a restart: backs off 5, then 10 minutes, says so in the log and tells the admins once", async () => {
  let h = await start();
  await h.send("/start", ADMIN);
  expect(await runFor(h, 1)).toEqual(["0 prepaid refreshed"]);
  // A restart a minute later fetches at once, inside Digiflazz's five minutes.
  h = await start();
  expect(await runFor(h, 3)).toEqual(["1 prepaid rate-limited"]);
  expect(h.logs).toContain(
    "price list digiflazz:prepaid not refreshed (the last good one stays): Digiflazz rate limit (rc 83: Limitasi pricelist); asked again later; next try in 5 min",
  );
  // Another client of the account fetches meanwhile: the next try meets rc 83 again and waits twice as long.
  stub.otherClientFetchesPriceList();
  expect(await runFor(h, 16)).toEqual(["7 prepaid rate-limited", "13 pasca refreshed", "19 prepaid refreshed"]);
  expect(h.logs.filter((l) => l.includes("rc 83")).map((l) => l.split("; ").at(-1))).toEqual(["next try in 5 min", "next try in 10 min"]);
  const alerts = h.texts(ADMIN.id).filter((t) => t.includes("tidak bisa diambil"));
  expect(alerts).toHaveLength(1);
  expect(alerts[0]).toContain("(Digiflazz rate limit (rc 83: Limitasi pricelist); asked again later; next try in 5 min)");
  expect(alerts[0]).toContain("Menu tetap memakai daftar terakhir (23 November 2026 10:00 WIB)");
  expect(alerts[0]).toContain("pembelian prabayar dihentikan mulai 23 November 2026 13:00 WIB");
  expect(h.app.deps.priceLists.state("digiflazz:prepaid")).toEqual({ fetchedAt: clock.startsAt + 19 * 60_000 });
});
