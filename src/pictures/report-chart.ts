import { formatRupiah } from "../billing/format.js";
import { whitePage, font, PNG_OPTIONS, SANS, SANS_BOLD } from "./fonts.js";

/**
 * /laporan's picture: volume and margin per day over the last 30 days, and each product's (or
 * prepaid category's) share of the volume. Laid out first (`layoutChart`, what tests read), then drawn.
 */

export interface ChartInput {
  title: string;
  /** Oldest first; every day of the span, zero when nothing sold. */
  days: { label: string; volume: number; margin: number }[];
  /** Largest first. */
  shares: { label: string; volume: number }[];
  texts: { volume: string; margin: string; shares: string; empty: string };
}

export type ChartOp =
  | { kind: "text"; text: string; x: number; y: number; font: string; align: "left" | "center" | "right"; color: string }
  | { kind: "rect"; x: number; y: number; width: number; height: number; color: string; series?: "volume" | "margin" | "share" }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; color: string };

export const CHART_WIDTH = 800;
const LEFT = 120;
const RIGHT = CHART_WIDTH - 24;
const PLOT_HEIGHT = 170;
const SHARE_ROW = 30;
const SHARE_ROWS = 6;
const COLORS = { volume: "#2f6fb3", margin: "#2e9e5b", loss: "#c0392b", share: "#e08a1e", axis: "#888888", grid: "#e2e2e2", text: "#222222" };

/** One panel of bars per day; values may be negative (a day sold at a loss), the zero line then sits above the bottom. */
function dayBars(ops: ChartOp[], top: number, title: string, values: number[], labels: string[], series: "volume" | "margin", empty: string): void {
  ops.push({ kind: "text", text: title, x: LEFT, y: top, font: font(SANS_BOLD, 16), align: "left", color: COLORS.text });
  const plotTop = top + 30;
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  // Nothing sold: the zero line at the bottom, as it would be under sales.
  const zero = plotTop + (max === min ? PLOT_HEIGHT : (PLOT_HEIGHT * max) / span);
  ops.push({ kind: "line", x1: LEFT, y1: plotTop, x2: RIGHT, y2: plotTop, color: COLORS.grid });
  ops.push({ kind: "line", x1: LEFT, y1: zero, x2: RIGHT, y2: zero, color: COLORS.axis });
  const axis = (value: number, y: number) =>
    ops.push({ kind: "text", text: formatRupiah(value), x: LEFT - 8, y: y - 7, font: font(SANS, 12), align: "right", color: COLORS.text });
  axis(0, zero);
  if (max > 0) axis(max, plotTop);
  // The lowest loss, unless it would sit on the zero line's label.
  if (min < 0 && plotTop + PLOT_HEIGHT - zero >= 16) axis(min, plotTop + PLOT_HEIGHT);
  const slot = (RIGHT - LEFT) / Math.max(1, values.length);
  values.forEach((v, i) => {
    const x = LEFT + i * slot + slot * 0.15;
    if (v !== 0) {
      const height = (PLOT_HEIGHT * Math.abs(v)) / span;
      ops.push({ kind: "rect", x, y: v > 0 ? zero - height : zero, width: slot * 0.7, height, color: v > 0 ? COLORS[series] : COLORS.loss, series });
    }
    // The first day, every fifth and the last: enough to read the dates by.
    if (i === 0 || i === values.length - 1 || (values.length - 1 - i) % 5 === 0)
      ops.push({
        kind: "text",
        text: labels[i] ?? "",
        x: x + slot * 0.35,
        y: plotTop + PLOT_HEIGHT + 6,
        font: font(SANS, 12),
        align: "center",
        color: COLORS.text,
      });
  });
  if (values.every((v) => v === 0))
    ops.push({
      kind: "text",
      text: empty,
      x: (LEFT + RIGHT) / 2,
      y: plotTop + PLOT_HEIGHT / 2 - 10,
      font: font(SANS, 16),
      align: "center",
      color: COLORS.axis,
    });
}

/** Where everything goes. */
export function layoutChart(input: ChartInput): { width: number; height: number; ops: ChartOp[] } {
  const ops: ChartOp[] = [{ kind: "text", text: input.title, x: CHART_WIDTH / 2, y: 18, font: font(SANS_BOLD, 22), align: "center", color: COLORS.text }];
  const labels = input.days.map((d) => d.label);
  dayBars(
    ops,
    62,
    input.texts.volume,
    input.days.map((d) => d.volume),
    labels,
    "volume",
    input.texts.empty,
  );
  dayBars(
    ops,
    312,
    input.texts.margin,
    input.days.map((d) => d.margin),
    labels,
    "margin",
    input.texts.empty,
  );

  const top = 562;
  ops.push({ kind: "text", text: input.texts.shares, x: LEFT, y: top, font: font(SANS_BOLD, 16), align: "left", color: COLORS.text });
  const total = input.shares.reduce((sum, s) => sum + s.volume, 0);
  const shares = input.shares.slice(0, SHARE_ROWS);
  if (total === 0)
    ops.push({ kind: "text", text: input.texts.empty, x: (LEFT + RIGHT) / 2, y: top + 40, font: font(SANS, 16), align: "center", color: COLORS.axis });
  shares.forEach((s, i) => {
    const y = top + 32 + i * SHARE_ROW;
    const label = s.label.length > 26 ? `${s.label.slice(0, 25)}…` : s.label;
    ops.push({ kind: "text", text: label, x: 24, y, font: font(SANS, 14), align: "left", color: COLORS.text });
    const width = Math.max(1, (330 * s.volume) / total);
    ops.push({ kind: "rect", x: 250, y: y - 1, width, height: SHARE_ROW - 10, color: COLORS.share, series: "share" });
    const percent = Math.round((100 * s.volume) / total);
    ops.push({ kind: "text", text: `${formatRupiah(s.volume)} (${percent}%)`, x: 258 + width, y, font: font(SANS, 13), align: "left", color: COLORS.text });
  });
  return { width: CHART_WIDTH, height: top + 32 + SHARE_ROWS * SHARE_ROW + 16, ops };
}

/** The chart as PNG bytes. */
export async function renderChart(input: ChartInput): Promise<Buffer> {
  const layout = layoutChart(input);
  const { canvas, g } = await whitePage(layout.width, layout.height);
  for (const op of layout.ops) {
    if (op.kind === "rect") {
      g.fillStyle = op.color;
      g.fillRect(op.x, op.y, op.width, op.height);
    } else if (op.kind === "line") {
      g.strokeStyle = op.color;
      g.lineWidth = 1;
      g.beginPath();
      g.moveTo(op.x1, op.y1);
      g.lineTo(op.x2, op.y2);
      g.stroke();
    } else {
      g.font = op.font;
      g.fillStyle = op.color;
      g.textAlign = op.align;
      g.fillText(op.text, op.x, op.y);
    }
  }
  return canvas.encode("png", PNG_OPTIONS);
}
