import { describe, expect, it } from "vitest";
import type { Bill } from "../../src/billing/bill.js";
import { ProductKindSchema } from "../../src/billing/catalog.js";
import { formatDate, formatNumber, formatSerial } from "../../src/billing/format.js";
import { renderReceipt } from "../../src/billing/receipt.js";
import { renderBillSummary } from "../../src/billing/summary.js";
import { LOCALES, translate, txFor, unreadable } from "./support.js";

const id = translate("id");
const en = translate("en");

function bill(over: Partial<Bill> = {}): Bill {
  return {
    provider: "digiflazz",
    productCode: "x",
    customerNo: "530000000001",
    customerName: "BUDI SANTOSO",
    periods: [{ period: "201901", amount: 8000, penalty: 0, admin: 2500, other: 0 }],
    details: [],
    billAmount: 8000,
    adminFee: 2500,
    cost: 10000,
    refs: { refId: "T1" },
    ...over,
  };
}

const summary = (b: Bill, kind?: Parameters<typeof renderBillSummary>[0]["kind"], price = b.cost + 500, t = id) =>
  renderBillSummary({ bill: b, price, productName: "Produk", balance: 100_000, kind }, t);

describe("detail lines", () => {
  it("shows an unknown key with a humanised label, in order, and never drops it", () => {
    const text = summary(
      bill({
        details: [
          { key: "kode_loket", value: "L-77" },
          { key: "tagihan.detail.1.keterangan", value: "susulan" },
          { key: "Info Baru", value: "  dua   spasi " },
          { key: "tarif", value: "R1" },
        ],
      }),
      "pln",
    );
    expect(text).toContain("Kode loket: L-77\nTagihan detail 1 keterangan: susulan\nInfo Baru: dua spasi");
    expect(text).toContain("Tarif: R1");
    expect(unreadable(text)).toEqual([]);
  });

  it("leaves out IAK's per-bill rows (already periods) but not their unknown fields", () => {
    const text = summary(
      bill({
        details: [
          { key: "tagihan.detail.1.periode", value: "201901" },
          { key: "tagihan.detail.1.nilai_tagihan", value: "8000" },
          { key: "tagihan.detail.1.kode_gardu", value: "G12" },
        ],
      }),
      "pln",
    );
    expect(text).not.toContain("nilai");
    expect(text).not.toMatch(/periode: 201901/i);
    expect(text).toContain("Tagihan detail 1 kode gardu: G12");
  });

  it("skips provider lines that only repeat the name, the number, the totals, or say nothing", () => {
    const b = bill({
      provider: "tokopedia",
      customerName: "TOKO***** US**",
      billAmount: 100_000,
      adminFee: 2500,
      cost: 102_500,
      periods: [{ period: "", amount: 100_000, penalty: 0, admin: 0, other: 0 }],
      details: [
        { key: "Nama", value: "Tokopedia User" },
        { key: "Nomor Pelanggan", value: "5300 0000 0001" },
        { key: "Tagihan", value: "Rp100.000" },
        { key: "Biaya Admin", value: "Rp 2.500" },
        { key: "Total Bayar", value: "Rp 102.500" },
        { key: "Denda", value: "Rp0" },
        { key: "Keterangan", value: "" },
        { key: "Meter", value: "0, 0, 0" },
        { key: "Kelas", value: "SMA2" },
        { key: "Nominal", value: "Rp 7000" },
      ],
    });
    const text = summary(b, "education", 103_000);
    expect(text).toContain("Kelas: SMA2\nNominal: Rp 7.000");
    for (const hidden of ["Tokopedia User", "Nomor Pelanggan", "Rp 2.500", "Rp 102.500", "Denda", "Keterangan", "Meter:"]) expect(text).not.toContain(hidden);
    // What the user pays above the bill is one admin fee: provider admin plus markup, never apart.
    expect(text).toContain("Biaya admin: Rp 3.000\nTotal bayar: Rp 103.000");
  });

  it("reads the seed's coded fields in words: tenor, instalment, BPJS months, dates, fees", () => {
    expect(
      summary(bill({ periods: [{ period: "002", amount: 0, penalty: 0, admin: 0, other: 0 }], details: [{ key: "tenor", value: "030" }] }), "multifinance"),
    ).toMatch(/Tenor: 30 bulan[\s\S]*Angsuran ke-2/);
    expect(summary(bill({ periods: [{ period: "01", amount: 0, penalty: 0, admin: 0, other: 0 }] }), "bpjs")).toContain("Iuran untuk 1 bulan");
    expect(summary(bill({ periods: [{ period: "03", amount: 0, penalty: 0, admin: 0, other: 0 }] }), "bpjs", undefined, en)).toContain(
      "Contribution for 3 months",
    );
    const samsat = summary(
      bill({
        customerNo: "9658548523568703,0212502110170100",
        details: [
          { key: "tgl_akhir_pajak_baru", value: "20210309" },
          { key: "biaya_pokok_pkb", value: "83000" },
          { key: "biaya_denda_pkb", value: "0" },
        ],
      }),
      "samsat",
    );
    // The owner's NIK is never shown whole.
    expect(samsat).toContain("Kode bayar: 9658548523568703\nNIK: ************0100");
    expect(samsat).not.toContain("0212502110170100");
    expect(samsat).toContain("Pajak baru berlaku s.d. 9 Maret 2021");
    expect(samsat).toContain("Pajak kendaraan (PKB): Rp 83.000");
    expect(samsat).not.toContain("Denda PKB");
    expect(
      summary(
        bill({
          details: [
            { key: "tarif", value: "R1" },
            { key: "daya", value: "1300" },
          ],
        }),
        "pln",
      ),
    ).toContain("Tarif/daya: R1 / 1.300 VA");
  });
});

describe("amounts", () => {
  it("itemises several periods and shows a penalty apart; a single plain period is just the bill", () => {
    const two = summary(
      bill({
        periods: [
          { period: "201901", amount: 8000, penalty: 0, admin: 0, other: 0 },
          { period: "201902", amount: 9000, penalty: 500, admin: 0, other: 0 },
        ],
        billAmount: 17_500,
        cost: 20_000,
      }),
      "pln",
    );
    expect(two).toContain("Periode Januari 2019\nTagihan: Rp 8.000\n\nPeriode Februari 2019\nTagihan: Rp 9.000\nDenda: Rp 500");
    expect(two).not.toContain("Jumlah tagihan");
    const one = summary(bill(), "pln");
    expect(one).toContain("Periode Januari 2019\n\nJumlah tagihan: Rp 8.000\nBiaya admin: Rp 2.500\nTotal bayar: Rp 10.500");
  });

  it("shows a discount, not a negative admin fee, when the user pays less than the bill", () => {
    const text = summary(bill({ cost: 7000 }), "pln", 7500);
    expect(text).toContain("Potongan: Rp 500\nTotal bayar: Rp 7.500");
    expect(text).not.toContain("-Rp");
  });

  it("e-money shows the top-up amount and no billing period", () => {
    const text = summary(bill({ billAmount: 50_000, cost: 51_000 }), "emoney");
    expect(text).toContain("💳 Isi ulang Produk");
    expect(text).toContain("Nominal isi ulang: Rp 50.000");
    expect(text).not.toContain("Periode");
  });

  it("warns when the balance does not cover the price", () => {
    const text = renderBillSummary({ bill: bill(), price: 10_500, productName: "Produk", balance: 10_000, kind: "pln" }, id);
    expect(text).toContain("Saldo kamu: Rp 10.000\n⚠️ Saldo kurang Rp 500.");
  });
});

describe("every kind renders odd bills readably, in both languages", () => {
  const odd: Bill[] = [
    bill({ customerName: "", periods: [], details: [] }),
    bill({ periods: [{ period: "", amount: 0, penalty: 0, admin: 0, other: 0 }], billAmount: 0, cost: 0 }),
    bill({
      customerNo: "",
      details: [
        { key: "x", value: "" },
        { key: "", value: "tanpa nama" },
      ],
      periods: [{ period: "MEI 2019", amount: 1, penalty: 0, admin: 0, other: 0, meterStart: "1" }],
    }),
    bill({
      details: [
        { key: "daya", value: "besar" },
        { key: "jumlah_peserta", value: "dua" },
        { key: "tenor", value: "?" },
        { key: "tanggal_registrasi", value: "20210231" },
      ],
    }),
  ];
  it.each([...ProductKindSchema.options, undefined])("kind %s", (kind) => {
    for (const b of odd) {
      for (const locale of LOCALES) {
        const t = translate(locale);
        const text = summary(b, kind, b.cost + 500, t);
        expect(unreadable(text)).toEqual([]);
        const receipt = renderReceipt(
          { tx: txFor(b, { state: "success", price: b.cost + 500, sn: "SN1", resultDetails: b.details }), productName: "P", balance: { now: 0 }, kind },
          t,
        );
        expect(unreadable(receipt)).toEqual([]);
      }
    }
  });
});

describe("receipt", () => {
  const paid = bill({
    details: [
      { key: "tarif", value: "R1" },
      { key: "daya", value: "1300" },
    ],
  });

  it("groups a 20-digit PLN token in fours and keeps other serials as sent", () => {
    const text = renderReceipt(
      { tx: txFor(paid, { state: "success", price: 10_500, sn: "12345678901234567890" }), productName: "Token PLN", balance: { now: 5000 }, kind: "pln" },
      id,
    );
    // A bill's serial is the biller's reference; a top-up's is its serial number.
    expect(text).toContain("No. ref biller: 1234 5678 9012 3456 7890");
    const topUp = renderReceipt(
      { tx: txFor(paid, { state: "success", price: 10_500, sn: "R-77" }), productName: "DANA", balance: { now: 5000 }, kind: "emoney" },
      id,
    );
    expect(topUp).toContain("SN: R-77");
    expect(text).toContain("Waktu: 17 Mei 2024 14:05 WIB");
    expect(text).toContain("No. referensi: T1");
    expect(text.endsWith("Sisa saldo: Rp 5.000")).toBe(true);
  });

  it("shows the payment's new lines in order and skips what the bill already showed", () => {
    const tx = txFor(paid, {
      state: "success",
      price: 10_500,
      sn: "REF-9",
      resultDetails: [
        { key: "tarif", value: "R1" },
        { key: "daya", value: "1300" },
        { key: "No Ref", value: "REF-9" },
        { key: "kWh", value: "88" },
        { key: "Info", value: "Hubungi 123" },
      ],
    });
    const text = renderReceipt({ tx, productName: "PLN", balance: { now: 0 }, kind: "pln" }, id);
    expect(text.match(/Tarif\/daya/g)).toHaveLength(1);
    expect(text).not.toContain("No Ref");
    expect(text).toContain("kWh: 88\nInfo: Hubungi 123");
  });

  it.each([
    ["failed", "❌ Pembayaran gagal", "Dana Rp 10.500 sudah dikembalikan ke saldo kamu. Saldo sekarang: Rp 20.000", "Total bayar"],
    ["pending", "⏳ Pembayaran sedang diproses", "Saldo Rp 10.500 kami tahan", "Total dibayar"],
    ["sending", "⏳ Pembayaran sedang diproses", "Saldo Rp 10.500 kami tahan", "Total dibayar"],
    ["cancelled", "✖️ Pembayaran dibatalkan", "Tidak ada yang dibayar", "Total bayar"],
    ["quoted", "✖️ Pembayaran dibatalkan", "Tidak ada yang dibayar", "Total bayar"],
  ] as const)("a %s payment gets a short note, no serial number", (state, title, note, total) => {
    const text = renderReceipt({ tx: txFor(paid, { state, price: 10_500 }), productName: "PLN", balance: { now: 20_000 }, kind: "pln" }, id);
    expect(text.startsWith(title)).toBe(true);
    expect(text).toContain(note);
    expect(text).toContain(`${total}: Rp 10.500`);
    expect(text).not.toContain("No. ref biller");
    expect(text).not.toContain("Tarif");
  });

  it("a receipt opened again labels the balance as the one right after that payment or refund", () => {
    const balance = { after: 20_000 };
    const ok = renderReceipt({ tx: txFor(paid, { state: "success", price: 10_500 }), productName: "PLN", balance, kind: "pln" }, id);
    expect(ok).toContain("Saldo setelah transaksi ini: Rp 20.000");
    expect(ok).not.toContain("Sisa saldo");
    const failed = renderReceipt({ tx: txFor(paid, { state: "failed", price: 10_500 }), productName: "PLN", balance, kind: "pln" }, id);
    expect(failed).toContain("Dana Rp 10.500 sudah dikembalikan ke saldo kamu. Saldo setelah pengembalian ini: Rp 20.000");
    expect(failed).not.toContain("Saldo sekarang");
  });
});

describe("formatting helpers", () => {
  it.each([
    ["20210309", "9 Maret 2021"],
    ["20120524", "24 Mei 2012"],
    ["20210231", "20210231"],
    ["30102023", "30102023"],
    ["1-15 DES 2014", "1-15 DES 2014"],
  ])("date %s reads %s", (raw, out) => expect(formatDate(raw, id)).toBe(out));

  it("formats numbers and serials", () => {
    expect(formatNumber(1300)).toBe("1.300");
    expect(formatSerial(" 12345678901234567890 ")).toBe("1234 5678 9012 3456 7890");
    expect(formatSerial("1234567890123456789")).toBe("1234567890123456789");
    expect(formatSerial("1378-7553-5576-5816-1258")).toBe("1378-7553-5576-5816-1258");
  });
});
