import type { Image, SKRSContext2D } from "@napi-rs/canvas";
import type { StrukContent, StrukLine } from "../billing/struk.js";
import { canvasLibrary, whitePage, font, MONO_BOLD, measureContext, PNG_OPTIONS, SANS, SANS_BOLD, wrap } from "./fonts.js";

/**
 * The struk as a PNG: 576 pixels wide, the width an 80 mm thermal printer prints, so a counter can
 * print it as it is; as tall as its lines need. Laid out first (`layoutStruk`, what tests read),
 * then drawn.
 */

export const STRUK_WIDTH = 576;
const PAD = 28;
const INNER = STRUK_WIDTH - 2 * PAD;
const LOGO_MAX = { width: 240, height: 110 };
/** Pixel size of each kind of line; a code too wide for the line shrinks down to CODE_MIN first. */
const SIZE = { store: 30, title: 22, body: 20, total: 23, code: 32, footer: 17 };
const CODE_MIN = 20;
const GAP = 14;

export type DrawOp =
  /** `line`: the whole line this piece of text belongs to (a long line is drawn over several rows). */
  | { kind: "text"; text: string; line: string; font: string; x: number; y: number; center: boolean; box: boolean }
  | { kind: "rule"; y: number }
  | { kind: "logo"; x: number; y: number; width: number; height: number };

export interface StrukLayout {
  width: number;
  height: number;
  ops: DrawOp[];
}

const rowHeight = (size: number) => Math.round(size * 1.4);

/** Where everything goes; `logo` is the logo's natural size, when there is one. */
export async function layoutStruk(content: StrukContent, logo?: { width: number; height: number }): Promise<StrukLayout> {
  const g = await measureContext();
  const ops: DrawOp[] = [];
  let y = PAD;
  const text = (line: string, family: string, size: number, center: boolean, box = false) => {
    g.font = font(family, size);
    for (const row of wrap(g, line, box ? INNER - 16 : INNER)) {
      ops.push({ kind: "text", text: row, line, font: font(family, size), x: center ? STRUK_WIDTH / 2 : PAD + (box ? 8 : 0), y, center, box });
      y += rowHeight(size);
    }
  };
  const rule = () => {
    y += GAP / 2;
    ops.push({ kind: "rule", y });
    y += GAP;
  };

  if (logo) {
    const scale = Math.min(1, LOGO_MAX.width / logo.width, LOGO_MAX.height / logo.height);
    const [width, height] = [Math.round(logo.width * scale), Math.round(logo.height * scale)];
    ops.push({ kind: "logo", x: Math.round((STRUK_WIDTH - width) / 2), y, width, height });
    y += height + GAP;
  }
  if (content.store) text(content.store, SANS_BOLD, SIZE.store, true);
  text(content.title, SANS, SIZE.title, true);
  for (const block of content.blocks) {
    rule();
    for (const line of block) drawLine(g, line, text);
  }
  rule();
  text(content.footer, SANS, SIZE.footer, true);
  return { width: STRUK_WIDTH, height: y + PAD, ops };
}

function drawLine(g: SKRSContext2D, line: StrukLine, text: (line: string, family: string, size: number, center: boolean, box?: boolean) => void) {
  if (line.style === "body") return text(line.text, SANS, SIZE.body, false);
  if (line.style === "total") return text(line.text, SANS_BOLD, SIZE.total, false);
  // A code on one line if it can be, large enough to read off the picture and type in.
  let size = SIZE.code;
  g.font = font(MONO_BOLD, size);
  while (size > CODE_MIN && g.measureText(line.text).width > INNER - 16) g.font = font(MONO_BOLD, --size);
  text(line.text, MONO_BOLD, size, false, true);
}

/** Draws a layout on a white page (the logo, when given, where the layout placed it). */
async function draw(layout: StrukLayout, logo: Image | undefined): Promise<Buffer> {
  const { canvas, g } = await whitePage(layout.width, layout.height);
  for (const op of layout.ops) {
    if (op.kind === "logo") {
      if (logo) g.drawImage(logo, op.x, op.y, op.width, op.height);
    } else if (op.kind === "rule") {
      g.strokeStyle = "#9a9a9a";
      g.lineWidth = 2;
      g.setLineDash([8, 6]);
      g.beginPath();
      g.moveTo(PAD, op.y);
      g.lineTo(layout.width - PAD, op.y);
      g.stroke();
    } else {
      g.font = op.font;
      if (op.box) {
        const height = Number.parseInt(op.font, 10) * 1.4;
        g.fillStyle = "#eeeeee";
        g.fillRect(PAD, op.y - 4, INNER, height);
      }
      g.fillStyle = "#111111";
      g.textAlign = op.center ? "center" : "left";
      g.fillText(op.text, op.x, op.y);
    }
  }
  return canvas.encode("png", PNG_OPTIONS);
}

const logos = new Map<string, Promise<Image>>();

/** The struk picture as PNG bytes; `logoPath`: the operator's logo (STRUK_LOGO_PATH), read once. */
export async function renderStruk(content: StrukContent, logoPath?: string): Promise<Buffer> {
  let logo: Image | undefined;
  if (logoPath) {
    let loading = logos.get(logoPath);
    if (!loading) logos.set(logoPath, (loading = canvasLibrary().then((c) => c.loadImage(logoPath))));
    logo = await loading;
  }
  return draw(await layoutStruk(content, logo), logo);
}
