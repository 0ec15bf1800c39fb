import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type ChartInput, CHART_WIDTH, layoutChart, renderChart } from "../../src/pictures/report-chart.js";
import { pngSize } from "./png.js";

/** /laporan's chart with no sales, one day of them, and 30 days; STRUK_PNG_DIR keeps the pictures to look at. */

const texts = { volume: "Volume per hari", margin: "Margin per hari", shares: "Bagian volume per produk", empty: "Belum ada transaksi berhasil" };
const days = (sold: (i: number) => { volume: number; margin: number }) => Array.from({ length: 30 }, (_, i) => ({ label: String(i + 1), ...sold(i) }));

const inputs: Record<string, ChartInput> = {
  empty: { title: "Penjualan 1 – 30 November 2026", days: days(() => ({ volume: 0, margin: 0 })), shares: [], texts },
  "one-day": {
    title: "Penjualan 1 – 30 November 2026",
    days: days((i) => (i === 29 ? { volume: 212_500, margin: 2_500 } : { volume: 0, margin: 0 })),
    shares: [{ label: "PLN Pascabayar", volume: 212_500 }],
    texts,
  },
  "thirty-days": {
    title: "Penjualan 1 – 30 November 2026",
    days: days((i) => ({ volume: 1_000_000 + ((i * 7919) % 13) * 250_000, margin: i === 12 ? -4_000 : 20_000 + ((i * 31) % 7) * 5_000 })),
    shares: [
      { label: "PLN Pascabayar", volume: 9_000_000 },
      { label: "Pulsa", volume: 7_500_000 },
      { label: "Token listrik PLN", volume: 5_000_000 },
      { label: "PDAM", volume: 3_000_000 },
      { label: "BPJS Kesehatan", volume: 2_000_000 },
      { label: "Lainnya", volume: 1_250_000 },
    ],
    texts,
  },
};

const bars = (input: ChartInput, series: string) => layoutChart(input).ops.filter((op) => op.kind === "rect" && op.series === series);
const shown = (input: ChartInput) => layoutChart(input).ops.flatMap((op) => (op.kind === "text" ? [op.text] : []));

describe("report chart", () => {
  it.each(Object.keys(inputs))("%s: a PNG of the laid-out size", async (name) => {
    const input = inputs[name]!;
    const png = await renderChart(input);
    if (process.env.STRUK_PNG_DIR) {
      mkdirSync(process.env.STRUK_PNG_DIR, { recursive: true });
      writeFileSync(`${process.env.STRUK_PNG_DIR}/chart-${name}.png`, png);
    }
    const layout = layoutChart(input);
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: layout.height });
  });

  it("no sales: no bars, and each panel says so", () => {
    expect(layoutChart(inputs.empty!).ops.filter((op) => op.kind === "rect")).toEqual([]);
    expect(shown(inputs.empty!).filter((t) => t === texts.empty)).toHaveLength(3);
  });

  it("one day: one volume bar and one margin bar, each the panel's full height, on the last day", () => {
    const [volume] = bars(inputs["one-day"]!, "volume");
    const [margin] = bars(inputs["one-day"]!, "margin");
    expect(bars(inputs["one-day"]!, "volume")).toHaveLength(1);
    expect(volume).toMatchObject({ height: 170 });
    expect(margin).toMatchObject({ height: 170 });
    expect(volume!.kind === "rect" && volume!.x).toBeGreaterThan(CHART_WIDTH - 60);
    expect(shown(inputs["one-day"]!)).toEqual(expect.arrayContaining(["Rp 212.500", "Rp 2.500", "PLN Pascabayar", "Rp 212.500 (100%)"]));
  });

  it("30 days: a bar a day, heights in proportion, a loss below the zero line; shares in percent of the volume", () => {
    const input = inputs["thirty-days"]!;
    const volume = bars(input, "volume");
    expect(volume).toHaveLength(30);
    const tallest = Math.max(...input.days.map((d) => d.volume));
    input.days.forEach((d, i) => {
      const bar = volume[i]!;
      expect(bar.kind === "rect" && bar.height).toBeCloseTo((170 * d.volume) / tallest, 6);
    });
    const margins = bars(input, "margin");
    expect(margins).toHaveLength(30);
    // Day 13 lost money: its bar hangs below the zero line, in red.
    const loss = margins[12]!;
    const others = margins.filter((_, i) => i !== 12);
    expect(loss).toMatchObject({ color: "#c0392b" });
    expect(loss.kind === "rect" && others.every((m) => m.kind === "rect" && m.y + m.height <= loss.y)).toBe(true);
    expect(shown(input)).toEqual(expect.arrayContaining(["Rp 9.000.000 (32%)", "Rp 1.250.000 (5%)"]));
  });
});
