import { createRequire } from "node:module";
import type { Canvas, SKRSContext2D } from "@napi-rs/canvas";

/**
 * The canvas library and the pictures' fonts: DejaVu Sans and Sans Mono from the dejavu-fonts-ttf
 * package, registered once under names of our own, so a picture looks the same on every machine
 * whatever fonts it has. The library (a native Skia build) is loaded on the first picture, not at
 * start-up: loading it costs about half a second.
 */

export const SANS = "StrukSans";
export const SANS_BOLD = "StrukSansBold";
export const MONO_BOLD = "StrukMonoBold";

const FILES: [string, string][] = [
  ["DejaVuSans.ttf", SANS],
  ["DejaVuSans-Bold.ttf", SANS_BOLD],
  ["DejaVuSansMono-Bold.ttf", MONO_BOLD],
];

type CanvasModule = typeof import("@napi-rs/canvas");
let loading: Promise<CanvasModule> | undefined;

async function load(): Promise<CanvasModule> {
  const canvas = await import("@napi-rs/canvas");
  const require = createRequire(import.meta.url);
  for (const [file, name] of FILES) {
    if (!canvas.GlobalFonts.registerFromPath(require.resolve(`dejavu-fonts-ttf/ttf/${file}`), name)) throw new Error(`font ${file} could not be loaded`);
  }
  return canvas;
}

/** The canvas library, its fonts registered. */
export const canvasLibrary = (): Promise<CanvasModule> => (loading ??= load());

let measuring: Promise<SKRSContext2D> | undefined;

/** A context to measure text with (the layouts'), made once. */
export const measureContext = (): Promise<SKRSContext2D> => (measuring ??= canvasOf(1, 1).then(({ g }) => g));

/** A canvas of this size with the fonts registered, and its 2D context. */
async function canvasOf(width: number, height: number): Promise<{ canvas: Canvas; g: SKRSContext2D }> {
  const canvas = (await canvasLibrary()).createCanvas(width, height);
  return { canvas, g: canvas.getContext("2d") };
}

/** A white page of this size, text drawn from its top: where every picture starts. */
export async function whitePage(width: number, height: number): Promise<{ canvas: Canvas; g: SKRSContext2D }> {
  const page = await canvasOf(width, height);
  page.g.fillStyle = "#ffffff";
  page.g.fillRect(0, 0, width, height);
  page.g.textBaseline = "top";
  return page;
}

/**
 * PNG encoding: zlib level 3 without row filters. libpng's default (level 6, trying every filter on
 * every row) took 30-90 ms for a receipt here; this takes about 5 ms for a file about as large.
 */
export const PNG_OPTIONS = { compressionLevel: 3, filters: 0x08 };

/** CSS font string of one of our fonts at a pixel size. */
export const font = (family: string, size: number): string => `${size}px ${family}`;

/** The text in lines no wider than `width`, broken between words (inside a word too long for a line). */
export function wrap(g: SKRSContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (g.measureText(candidate).width <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (g.measureText(line).width > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && g.measureText(line.slice(0, cut)).width > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  lines.push(line);
  return lines;
}
