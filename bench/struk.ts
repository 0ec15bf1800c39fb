import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { strukContent } from "../src/billing/struk.js";
import { renderStruk } from "../src/pictures/struk-picture.js";
import { translate, txFor } from "../test/billing/support.js";
import { PLN_TWO_MONTHS } from "../test/pictures/struk-bill.js";

/**
 * The time to draw one struk picture (a two-month PLN bill with penalty, as a counter's receipt):
 * the first one, which loads the canvas library and the fonts, then the mean and the slowest of
 * the next RUNS. In-process, one at a time. `npx tsx bench/struk.ts` prints this row alone;
 * `npm run bench` prints it last.
 */

const RUNS = Number(process.env.BENCH_STRUK_RUNS ?? 100);

const bill = PLN_TWO_MONTHS;

export async function strukRenderRow(): Promise<{ figure: string; bot: string; goal: string }> {
  const t = translate("id");
  const tx = txFor(bill, { state: "success", price: 226_500, sn: "0ABC1234567890XYZ" });
  const draw = async () => {
    const start = performance.now();
    const content = strukContent(
      { tx, productName: "PLN Pascabayar", balance: { now: 75_000 }, kind: "pln" },
      { storeName: "Loket Berkah Jaya", footer: undefined, counterFee: 2_500 },
      t,
    )!;
    const png = await renderStruk(content);
    return { ms: performance.now() - start, bytes: png.length };
  };
  const first = await draw();
  const runs: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await draw());
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  return {
    figure: `one struk picture (PLN bill, 2 months): lines, layout, drawing and PNG, ${RUNS} one after another`,
    bot: `${mean.toFixed(1)} ms mean, ${ms[Math.floor(ms.length * 0.95)]!.toFixed(1)} ms p95, ${(runs[0]!.bytes / 1024).toFixed(0)} KB (the first, loading the library and fonts: ${first.ms.toFixed(0)} ms)`,
    goal: "well under what a user notices (~100 ms)",
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const row = await strukRenderRow();
  console.log(`${row.figure}\n   bot:   ${row.bot}\n   goal:  ${row.goal}`);
}
