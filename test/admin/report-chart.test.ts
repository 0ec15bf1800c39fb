import { describe, expect, it } from "vitest";
import type { Output } from "../../src/channels/emulator.js";
import { reportChartInput } from "../../src/bot/features/admin/report-chart.js";
import { parseDateRange } from "../../src/billing/date-range.js";
import { translate } from "../billing/support.js";
import { pngSize } from "../pictures/png.js";
import { ADMIN } from "../support/harness.js";
import { buyPrepaid, payBill, payPln } from "../support/pay.js";
import { adminBotPerTest, DAY } from "./helpers.js";

/** The end of a WIB day as /laporan reads it: the chart covers the 30 days up to it. */
function dayEnd(day: string): number {
  const read = parseDateRange(day, 0);
  if (!read.ok) throw new Error(`not a day: ${day}`);
  return read.range.to;
}

/** /laporan's chart: the 30 days up to the report's day from the books, sent with the text report as its caption. */

const bot = adminBotPerTest();
const DAY_MS = 86_400_000;
const id = translate("id");

const lastMessage = (chatId: number) =>
  bot.h.outputs.filter((o): o is Extract<Output, { kind: "message" }> => o.kind === "message" && o.chatId === chatId).at(-1)!;

describe("/laporan's chart", () => {
  it("no sales yet: a chart all the same, the text report as its caption", async () => {
    await bot.start();
    await bot.h.send("/laporan", ADMIN);
    const m = lastMessage(ADMIN.id);
    expect(m.text).toContain("📊 Laporan 10 Maret 2026 (WIB)");
    expect(m.photo!.filename).toBe(`laporan-${DAY}.png`);
    expect(pngSize(m.photo!.data).width).toBe(800);
    const input = reportChartInput(bot.h.app.deps, dayEnd(DAY), "id", id);
    expect(input.title).toBe("Penjualan 9 Februari 2026 – 10 Maret 2026");
    expect(input.days).toHaveLength(30);
    expect(input.days.every((d) => d.volume === 0 && d.margin === 0)).toBe(true);
    expect(input.shares).toEqual([]);
  });

  it("sales on two days: each day's volume and margin (price - cost) on its WIB day, each product's share", async () => {
    await bot.start();
    const { h, clock } = bot;
    await h.send("/topup @sari 2jt", ADMIN);
    const first = [await payPln(h, "530000000001"), await payBill(h, "Air PDAM", "PDAM", "1013226")];
    clock.advance(DAY_MS);
    expect(await h.app.prepaidPrices.refresh()).toMatchObject({ kind: "refreshed" });
    const pulsa = await buyPrepaid(h, "Pulsa", ["081234567890", { tap: "TELKOMSEL 10rb" }]);
    const second = [await payPln(h, "530000000002"), pulsa];
    const tx = (txId: string) => h.app.deps.payments.txs.get(txId)!;
    const sum = (ids: string[], f: (t: ReturnType<typeof tx>) => number) => ids.reduce((s, i) => s + f(tx(i)), 0);

    await h.send("/laporan", ADMIN);
    expect(lastMessage(ADMIN.id).photo!.filename).toBe("laporan-2026-03-11.png");
    const input = reportChartInput(h.app.deps, dayEnd("2026-03-11"), "id", id);
    expect(input.days.slice(-3)).toEqual([
      { label: "9", volume: 0, margin: 0 },
      { label: "10", volume: sum(first, (t) => t.price), margin: sum(first, (t) => t.price - t.cost) },
      { label: "11", volume: sum(second, (t) => t.price), margin: sum(second, (t) => t.price - t.cost) },
    ]);
    const pln = tx(first[0]!).price + tx(second[0]!).price;
    // A prepaid purchase counts by its category, named as the /beli menu names it (without the emoji).
    expect(input.shares).toEqual(
      [
        { label: "PLN Pascabayar", volume: pln },
        { label: "PDAM", volume: tx(first[1]!).price },
        { label: "Pulsa", volume: tx(pulsa).price },
      ].sort((a, b) => b.volume - a.volume),
    );
    // The report of the first day ends its chart there: the second day's sales are not in it.
    const earlier = reportChartInput(h.app.deps, dayEnd(DAY), "id", id);
    expect(earlier.days.at(-1)!.volume).toBe(sum(first, (t) => t.price));
    expect(earlier.days.reduce((s, d) => s + d.volume, 0)).toBe(sum(first, (t) => t.price));
  });
});
