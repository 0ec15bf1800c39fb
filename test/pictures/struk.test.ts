import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Bill } from "../../src/billing/bill.js";
import { renderReceipt } from "../../src/billing/receipt.js";
import { strukContent, type StrukOptions, withoutEmoji } from "../../src/billing/struk.js";
import { layoutStruk, renderStruk, STRUK_WIDTH } from "../../src/pictures/struk-picture.js";
import { translate, txFor } from "../billing/support.js";
import { pngSize } from "./png.js";
import { PLN_TWO_MONTHS } from "./struk-bill.js";

/**
 * The struk picture says what the text receipt says (less its title and the payer's balance), for
 * a bill, a PLN token and a voucher; a failed, refunded payment has none. Set STRUK_PNG_DIR to keep
 * the pictures and look at them.
 */

const id = translate("id");
const NO_FEE: StrukOptions = { storeName: "Loket Berkah Jaya", footer: undefined, counterFee: 0 };

const postpaid = PLN_TWO_MONTHS;

const prepaid = (category: "pln" | "voucher", over: Partial<Bill> = {}): Bill => ({
  provider: "digiflazz",
  productCode: category === "pln" ? "PLN50" : "GPLAY20",
  customerNo: category === "pln" ? "12345678901" : "081234567890",
  customerName: category === "pln" ? "SITI AMINAH" : "",
  periods: [],
  details: category === "pln" ? [{ key: "segment_power", value: "R1 /000001300" }] : [],
  billAmount: 0,
  adminFee: 0,
  cost: 50_500,
  refs: { refId: category === "pln" ? "TX5002" : "TX5003" },
  prepaid: { category, quotedAt: "2024-05-17T07:00:00.000Z" },
  ...over,
});

const cases = {
  postpaid: { tx: txFor(postpaid, { state: "success", price: 226_500, sn: "0ABC1234567890XYZ" }), productName: "PLN Pascabayar", kind: "pln" as const },
  token: {
    tx: txFor(prepaid("pln"), { state: "success", price: 52_000, token: { token: "12345678901234567890", kwh: "32,5" } }),
    productName: "Token PLN 50.000",
    kind: undefined,
  },
  voucher: {
    tx: txFor(prepaid("voucher"), {
      state: "success",
      price: 21_000,
      codes: [
        { kind: "serial", value: "SN-99812" },
        { kind: "voucher", value: "GPLY-7K2Q-PX9M-44RT" },
      ],
    }),
    productName: "Voucher Google Play 20.000",
    kind: undefined,
  },
};

/** The text receipt's lines, less the title (first) and the balance note (last) and without emoji, as the picture must show them. */
function textLines(c: (typeof cases)[keyof typeof cases]): string[] {
  const text = renderReceipt({ ...c, balance: { now: 75_000 } }, id);
  const lines = text.split("\n").filter(Boolean);
  expect(lines[0]).toMatch(/Pembayaran berhasil$/);
  expect(lines.at(-1)).toBe("Sisa saldo: Rp 75.000");
  return lines.slice(1, -1).map(withoutEmoji);
}

/** The lines the layout draws, each once (a long one is drawn over several rows). */
function drawnLines(layout: Awaited<ReturnType<typeof layoutStruk>>): string[] {
  const lines: string[] = [];
  for (const op of layout.ops) if (op.kind === "text" && lines.at(-1) !== op.line) lines.push(op.line);
  return lines;
}

async function picture(name: string, content: NonNullable<ReturnType<typeof strukContent>>): Promise<Buffer> {
  const png = await renderStruk(content);
  if (process.env.STRUK_PNG_DIR) {
    mkdirSync(process.env.STRUK_PNG_DIR, { recursive: true });
    writeFileSync(`${process.env.STRUK_PNG_DIR}/${name}.png`, png);
  }
  return png;
}

describe("struk picture", () => {
  it.each(Object.keys(cases) as (keyof typeof cases)[])(
    "%s: draws the text receipt's lines under the store's name and is a PNG of the laid-out size",
    async (name) => {
      const c = cases[name];
      const content = strukContent({ ...c, balance: { now: 75_000 } }, NO_FEE, id)!;
      const layout = await layoutStruk(content);
      expect(drawnLines(layout)).toEqual([
        "Loket Berkah Jaya",
        "Pembayaran berhasil",
        ...textLines(c),
        "Terima kasih. Simpan struk ini sebagai bukti pembayaran.",
      ]);
      const png = await picture(name, content);
      expect(pngSize(png)).toEqual({ width: STRUK_WIDTH, height: layout.height });
    },
  );

  it("draws the serial, the token and the voucher code large, in the mono font", async () => {
    const large = async (c: (typeof cases)[keyof typeof cases]) =>
      (await layoutStruk(strukContent({ ...c, balance: undefined }, NO_FEE, id)!)).ops.flatMap((op) =>
        op.kind === "text" && op.box ? [{ text: op.text, font: op.font }] : [],
      );
    // Too wide at 32 px for one line: made smaller, not broken.
    expect(await large(cases.postpaid)).toEqual([{ text: "No. ref biller: 0ABC1234567890XYZ", font: expect.stringMatching(/^(2\d|3[01])px StrukMonoBold$/) }]);
    expect(await large(cases.token)).toEqual([{ text: "1234 5678 9012 3456 7890", font: "32px StrukMonoBold" }]);
    expect((await large(cases.voucher)).map((l) => l.text)).toEqual(["GPLY-7K2Q-PX9M-44RT", "SN-99812"]);
    const token = strukContent({ ...cases.token, balance: undefined }, NO_FEE, id)!;
    expect(token.blocks[0]).toEqual([
      { text: "TOKEN LISTRIK:", style: "body" },
      { text: "1234 5678 9012 3456 7890", style: "code" },
      { text: "32,5 kWh", style: "body" },
    ]);
  });

  it("with a counter fee: the fee and the total the customer pays, in place of the bill's total; a prepaid price stays", () => {
    const fee = { ...NO_FEE, counterFee: 2_500 };
    const bill = strukContent({ ...cases.postpaid, balance: undefined }, fee, id)!
      .blocks.flat()
      .map((l) => l.text);
    expect(bill).not.toContain("Total dibayar: Rp 226.500");
    expect(bill).toEqual(expect.arrayContaining(["Biaya admin: Rp 5.000", "Biaya loket: Rp 2.500", "Total bayar: Rp 229.000"]));
    expect(bill.indexOf("Biaya loket: Rp 2.500")).toBe(bill.indexOf("Biaya admin: Rp 5.000") + 1);
    const token = strukContent({ ...cases.token, balance: undefined }, fee, id)!
      .blocks.flat()
      .map((l) => l.text);
    const price = token.indexOf("Harga: Rp 52.000");
    expect(token.slice(price, price + 3)).toEqual(["Harga: Rp 52.000", "Biaya loket: Rp 2.500", "Total bayar: Rp 54.500"]);
  });

  it("a failed (refunded), pending or cancelled payment has no picture", () => {
    for (const state of ["failed", "pending", "cancelled", "quoted", "confirmed", "sending"] as const) {
      expect(strukContent({ ...cases.postpaid, tx: { ...cases.postpaid.tx, state }, balance: { now: 1 } }, NO_FEE, id)).toBeUndefined();
    }
  });

  it("no store name: the title heads the picture; a long line wraps and stays whole in the layout", async () => {
    const long = txFor(
      { ...postpaid, details: [{ key: "alamat", value: "JL. RAYA PASAR MINGGU NO. 123 RT 004 RW 009 KELURAHAN PEJATEN TIMUR KECAMATAN PASAR MINGGU" }] },
      {
        state: "success",
        price: 226_500,
      },
    );
    const content = strukContent({ tx: long, productName: "PLN Pascabayar", balance: undefined, kind: "pln" }, { ...NO_FEE, storeName: undefined }, id)!;
    const layout = await layoutStruk(content);
    const address = layout.ops.filter((op) => op.kind === "text" && op.line.startsWith("Alamat:"));
    expect(address.length).toBeGreaterThan(1);
    expect(drawnLines(layout)[0]).toBe("Pembayaran berhasil");
  });
});
