import { parseAmount } from "./amount.js";
import type { BillDetail } from "./bill.js";
import { formatDate, formatNumber, formatRupiah, maskIdentity, type Translate } from "./format.js";

/**
 * The provider's name/value lines in words a customer understands. Digiflazz and IAK send
 * snake_case keys (`desc`): the known ones are read by the table below, anything else gets a
 * humanised label. Tokopedia sends lines already meant for people (`inquiry_result`,
 * `fulfillment_result`): those are kept as written, in their order, minus lines that only repeat
 * what the message already shows (name, number, our own totals) and empty or zero lines.
 */

/** Where a line sits: with the customer's name, with what is being paid for, or with the money. */
export type Group = "info" | "object" | "money";
export type DetailLines = Record<Group, string[]>;

type Values = Partial<Record<string, string>>;

interface Field {
  keys: readonly string[];
  group: Group;
  /** The line, or undefined to leave it out (a zero fee, a single bill sheet). */
  line: (v: Values, t: Translate) => string | undefined;
}

const digits = (raw: string | undefined) => (raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined);

const text = (key: string, label: string, group: Group = "object"): Field => ({
  keys: [key],
  group,
  line: (v, t) => (v[key] ? t(label, { value: v[key] }) : undefined),
});

/** One of several keys billers use for the same thing (`nomor_polisi` / `no_pol`). */
const either = (keys: string[], label: string): Field => ({
  keys,
  group: "object",
  line: (v, t) => {
    const value = keys.map((k) => v[k]).find(Boolean);
    return value ? t(label, { value }) : undefined;
  },
});

/** An identity number (NIK): never shown whole in a chat, where anyone looking at the phone reads it. */
const identity = (key: string, label: string): Field => ({
  keys: [key],
  group: "info",
  line: (v, t) => (v[key] ? t(label, { value: maskIdentity(v[key]) }) : undefined),
});

/** Tokopedia's lines naming an identity number. */
const IDENTITY_NAME = /^(nik|no\.? ?ktp|nomor (identitas|nik))$/;

const date = (key: string, label: string, group: Group = "object"): Field => ({
  keys: [key],
  group,
  line: (v, t) => (v[key] ? t(label, { date: formatDate(v[key], t) }) : undefined),
});

/** A charge in rupiah; zero charges are left out (a SAMSAT bill lists every fee, most of them 0). */
const fee = (key: string, label: string): Field => ({
  keys: [key],
  group: "money",
  line: (v, t) => {
    const raw = v[key];
    const n = digits(raw);
    if (!raw || n === 0) return undefined;
    return t(label, { amount: n === undefined ? raw : formatRupiah(n) });
  },
});

/** The Digiflazz / IAK `desc` keys we know, in the order a customer reads them. */
const FIELDS: readonly Field[] = [
  text("alamat", "bill-address", "info"),
  identity("nomor_identitas", "bill-identity"),
  {
    keys: ["jumlah_peserta"],
    group: "info",
    line: (v, t) => {
      const n = digits(v.jumlah_peserta);
      return v.jumlah_peserta ? t("bill-participants", { value: n === undefined ? v.jumlah_peserta : t("bill-people", { count: n }) }) : undefined;
    },
  },
  {
    keys: ["nama_cabang", "kode_cabang"],
    group: "info",
    line: (v, t) => {
      const [name, code] = [v.nama_cabang, v.kode_cabang];
      const value = name && code ? `${name} (${code})` : (name ?? code);
      return value ? t("bill-branch", { value }) : undefined;
    },
  },
  {
    keys: ["tarif", "daya"],
    group: "info",
    line: (v, t) => {
      const power = digits(v.daya);
      const powerText = power === undefined ? v.daya : t("bill-power", { va: formatNumber(power) });
      if (v.tarif && powerText) return t("bill-tariff-power", { tariff: v.tarif, power: powerText });
      if (v.tarif) return t("bill-tariff", { tariff: v.tarif });
      return powerText ? t("bill-power-only", { power: powerText }) : undefined;
    },
  },
  date("jatuh_tempo", "bill-due-date", "info"),
  {
    keys: ["lembar_tagihan"],
    group: "info",
    // One bill sheet is the normal case and says nothing; more than one is worth knowing.
    line: (v, t) => (v.lembar_tagihan && v.lembar_tagihan !== "1" ? t("bill-sheets", { count: v.lembar_tagihan }) : undefined),
  },
  text("item_name", "bill-item"),
  {
    keys: ["merek_kb", "model_kb", "tahun_buatan"],
    group: "object",
    line: (v, t) => {
      const vehicle = [v.merek_kb, v.model_kb].filter(Boolean).join(" ");
      if (!vehicle) return v.tahun_buatan ? t("bill-vehicle-year-only", { year: v.tahun_buatan }) : undefined;
      return v.tahun_buatan ? t("bill-vehicle-year", { vehicle, year: v.tahun_buatan }) : t("bill-vehicle", { vehicle });
    },
  },
  either(["nomor_polisi", "no_pol"], "bill-plate"),
  either(["nomor_rangka", "no_rangka"], "bill-frame"),
  text("nomor_mesin", "bill-engine"),
  {
    keys: ["milik_kenama"],
    group: "object",
    line: (v, t) => (v.milik_kenama ? t("bill-owner-order", { number: digits(v.milik_kenama) ?? v.milik_kenama }) : undefined),
  },
  date("tgl_akhir_pajak_baru", "bill-tax-until"),
  {
    keys: ["tenor"],
    group: "object",
    line: (v, t) => {
      const n = digits(v.tenor);
      return v.tenor ? t("bill-tenor", { value: n === undefined ? v.tenor : t("bill-months", { count: n }) }) : undefined;
    },
  },
  text("tahun_pajak", "bill-tax-year"),
  text("kelurahan", "bill-village"),
  text("kecamatan", "bill-district"),
  {
    keys: ["kab_kota", "kode_kab_kota"],
    group: "object",
    line: (v, t) => {
      const [name, code] = [v.kab_kota, v.kode_kab_kota];
      const value = name && code ? `${name} (${code})` : (name ?? code);
      return value ? t("bill-regency", { value }) : undefined;
    },
  },
  text("luas_tanah", "bill-land-area"),
  text("luas_gedung", "bill-building-area"),
  text("transaksi", "bill-transaction"),
  text("no_registrasi", "bill-registration-no"),
  date("tanggal_registrasi", "bill-registration-date"),
  fee("biaya_pokok_pkb", "bill-fee-pkb"),
  fee("biaya_denda_pkb", "bill-fee-pkb-fine"),
  fee("biaya_pokok_swd", "bill-fee-swd"),
  fee("biaya_denda_swd", "bill-fee-swd-fine"),
  fee("biaya_pokok_bbn", "bill-fee-bbn"),
  fee("biaya_denda_bbn", "bill-fee-bbn-fine"),
  fee("biaya_admin_stnk", "bill-fee-stnk"),
  fee("biaya_admin_tnkb", "bill-fee-tnkb"),
  fee("biaya_parkir_pokok", "bill-fee-parking"),
  fee("biaya_pajak_progresif", "bill-fee-progressive"),
  fee("sisa_pembayaran", "bill-remaining"),
];

const KNOWN_KEYS = new Set(FIELDS.flatMap((f) => f.keys));

/** IAK's per-bill rows (`tagihan.detail.1.periode`, flattened): the adapter already made periods of them. */
const PERIOD_ROW = /(^|\.)detail\.\d+\.(periode|period|nilai_tagihan|bill_amount|admin|denda|penalty|misc_amount|first_meter|last_meter)$/;

/** Line names that hold the customer's own name, however the biller masks it. */
const NAME_KEYS = new Set(["nama", "name", "nama pelanggan", "atas nama", "nama peserta", "nama siswa", "nama nasabah"]);
/** The biller's own admin fee and grand totals: the message shows ours (the user's price) instead. */
const TOTAL_KEYS = new Set(["biaya admin", "admin", "admin bank", "total bayar", "total harga", "total tagihan", "jumlah pembayaran", "jumlah total tagihan"]);

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
const compact = (s: string) => s.replace(/[\s.-]/g, "").toLowerCase();

/** "Rp 1.234" / "Rp1234" / "Rp0" -> rupiah. */
function rupiahIn(value: string): number | undefined {
  if (!/^rp/i.test(value)) return undefined;
  return /^rp\.?\s*0+$/i.test(value) ? 0 : parseAmount(value);
}

/** Rupiah text, or a bare number that may be one: only good for comparing, not for showing as money. */
const maybeAmount = (value: string) => rupiahIn(value) ?? digits(value);

/** Lines named like a date whose value is YYYYMMDD ("Masa Berlaku Pajak" = "20241120"). */
const DATE_NAME = /tanggal|tgl|masa berlaku|jatuh tempo/i;

/** "0", "Rp0", "0, 0, 0, 0": nothing to tell. */
const isZero = (value: string) => value.split(",").every((part) => /^(rp\.?\s*)?0+$/i.test(part.trim()));

/** "kode_cabang" -> "Kode cabang": an unknown machine key still reads as words. */
function humanise(key: string): string {
  const words = key.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the message already shows, so a line that only repeats it is left out. */
export class Shown {
  private readonly pairs = new Set<string>();
  private readonly values = new Set<string>();
  private readonly numbers: Set<string>;
  private readonly periods: string[];

  constructor(
    readonly name: string,
    numbers: string[],
    /** Amounts a line may only repeat: the bill, the biller's total, our cost. */
    private readonly amounts: number[],
    periods: string[],
  ) {
    this.numbers = new Set(numbers.filter(Boolean).map(compact));
    this.periods = periods.filter(Boolean).map(norm);
  }

  add(key: string, value: string): void {
    this.pairs.add(`${norm(key)}\n${norm(value)}`);
    this.values.add(norm(value));
  }

  addNumber(value: string): void {
    this.numbers.add(compact(value));
  }

  /** Why a provider line adds nothing, if it does not. */
  repeats(key: string, value: string): boolean {
    const k = norm(key);
    const v = norm(value);
    const amount = maybeAmount(value);
    return (
      NAME_KEYS.has(k) ||
      (this.name !== "" && v === norm(this.name)) ||
      this.numbers.has(compact(value)) ||
      (amount !== undefined && (TOTAL_KEYS.has(k) || this.amounts.includes(amount))) ||
      this.periods.includes(v) ||
      this.periods.includes(k) ||
      this.pairs.has(`${k}\n${v}`) ||
      // A longer value shown under another name is the same fact ("Nama PDAM" / "Wilayah"); a short
      // one ("1", "PBB") may well be a different fact that happens to read the same.
      (v.length >= 4 && this.values.has(v))
    );
  }
}

/** The first name-like line, for billers that leave the customer name field empty. */
export function nameFromDetails(details: BillDetail[]): string {
  return details.find((d) => NAME_KEYS.has(norm(d.key)) && d.value.trim() !== "")?.value.trim() ?? "";
}

/** Renders `details` by group, recording in `shown` what it showed. */
export function renderDetails(details: BillDetail[], shown: Shown, t: Translate): DetailLines {
  const out: DetailLines = { info: [], object: [], money: [] };
  const values: Values = {};
  for (const d of details) if (KNOWN_KEYS.has(d.key) && values[d.key] === undefined) values[d.key] = d.value.trim();

  for (const field of FIELDS) {
    if (!field.keys.some((k) => values[k] !== undefined)) continue;
    const line = field.line(values, t);
    if (line !== undefined) out[field.group].push(line);
    for (const k of field.keys) if (values[k]) shown.add(k, values[k]);
  }

  for (const d of details) {
    if (KNOWN_KEYS.has(d.key) || PERIOD_ROW.test(d.key)) continue;
    const key = d.key.trim();
    const value = d.value.trim().replace(/\s+/g, " ");
    if (value === "" || isZero(value) || shown.repeats(key, value)) continue;
    shown.add(key, value);
    const amount = rupiahIn(value);
    const label = /^[a-z0-9_.]+$/.test(key) ? humanise(key) : key;
    const shownValue =
      amount !== undefined ? formatRupiah(amount) : DATE_NAME.test(key) ? formatDate(value, t) : IDENTITY_NAME.test(norm(key)) ? maskIdentity(value) : value;
    out.object.push(label ? t("bill-detail", { label, value: shownValue }) : shownValue);
  }
  return out;
}
