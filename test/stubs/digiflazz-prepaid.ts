import { createHash } from "node:crypto";

/**
 * The prepaid desk of the Digiflazz stand-in: `transaction` without a command (a top-up with
 * max_price; the same ref_id again reads its state and settles a pending one), `inquiry-pln`, and
 * the `prepaid` price list. Test numbers from providers.md (Digiflazz's prepaid test mode, for
 * any product here): 087800001230 success, 087800001232 failed, 087800001233 pending then success.
 * Meter 99999999999 does not exist. The DIGIFLAZZ_LATE_TOKEN_METERS answer a PLN top-up `Sukses`
 * with an empty sn, the token following in a later answer to the same ref_id (or never). A refusal
 * is remembered under its ref_id (a resend reads it back) only where the response-code page says it makes a transaction ("Transaksi Terbentuk: Ya",
 * 85); one that makes none (44, 69) leaves the ref_id free, so a resend is a new top-up.
 */

type Dialect = "canonical" | "whitelabel";
type Answer = { status: number; json: unknown };
export type DigiflazzPrepaidScenario = "success" | "failed" | "pending-success";

export const DIGIFLAZZ_PREPAID_TEST_NUMBERS = {
  success: "087800001230",
  failed: "087800001232",
  "pending-success": "087800001233",
} as const satisfies Record<DigiflazzPrepaidScenario, string>;
export const DIGIFLAZZ_MISSING_METER = "99999999999";
const LIMIT_MESSAGE = "Anda telah mencapai limitasi transaksi, silahkan coba 1 menit lagi";
export const DIGIFLAZZ_PLN_SN = "1234-5678-9012-3456-7890/NAMA PELANGGAN/R1/900/32,5";
/** Meters whose token comes late: how many answers to the ref_id (the top-up, then resends) carry an empty sn first. */
export const DIGIFLAZZ_LATE_TOKEN_METERS = { "12345678909": 2, "12345678908": Number.POSITIVE_INFINITY } as const;

/** The stand-in's products, in the canonical price-list shape. */
export const DIGIFLAZZ_PREPAID_PRODUCTS = [
  {
    buyer_sku_code: "xld10",
    product_name: "XL 10.000",
    category: "Pulsa",
    brand: "XL",
    type: "Umum",
    price: 10_250,
    unlimited_stock: true,
    stock: 0,
    start_cut_off: "0:0",
    end_cut_off: "0:0",
    desc: "Pulsa XL Rp 10.000",
  },
  {
    buyer_sku_code: "tsel5",
    product_name: "Telkomsel 5.000",
    category: "Pulsa",
    brand: "TELKOMSEL",
    type: "Umum",
    price: 5_400,
    unlimited_stock: false,
    stock: 12,
    start_cut_off: "23:45",
    end_cut_off: "0:15",
    desc: "Pulsa Telkomsel Rp 5.000",
  },
  {
    buyer_sku_code: "isatdata1",
    product_name: "Indosat Freedom 1GB",
    category: "Data",
    brand: "INDOSAT",
    type: "Freedom",
    price: 15_000,
    unlimited_stock: false,
    stock: 0,
    start_cut_off: "0:0",
    end_cut_off: "0:0",
    desc: "1GB 30 hari",
  },
  {
    buyer_sku_code: "pln20",
    product_name: "PLN 20.000",
    category: "PLN",
    brand: "PLN",
    type: "Umum",
    price: 20_150,
    unlimited_stock: true,
    stock: 0,
    start_cut_off: "23:0",
    end_cut_off: "1:0",
    desc: "Token PLN Rp 20.000",
  },
  {
    buyer_sku_code: "dana25",
    product_name: "DANA 25.000",
    category: "E-Money",
    brand: "DANA",
    type: "Umum",
    price: 25_100,
    unlimited_stock: true,
    stock: 0,
    start_cut_off: "0:0",
    end_cut_off: "0:0",
    desc: "Saldo DANA Rp 25.000",
  },
  {
    buyer_sku_code: "ml86",
    product_name: "Mobile Legends 86 Diamonds",
    category: "Games",
    brand: "MOBILE LEGENDS",
    type: "Umum",
    price: 19_800,
    unlimited_stock: true,
    stock: 0,
    start_cut_off: "0:0",
    end_cut_off: "0:0",
    desc: "86 Diamonds",
  },
  {
    buyer_sku_code: "gp10",
    product_name: "Google Play 10.000",
    category: "Voucher",
    brand: "GOOGLE PLAY",
    type: "Umum",
    price: 10_400,
    unlimited_stock: true,
    stock: 0,
    start_cut_off: "0:0",
    end_cut_off: "0:0",
    desc: "Kode voucher",
  },
  {
    buyer_sku_code: "off1",
    product_name: "Produk gangguan",
    category: "Pulsa",
    brand: "AXIS",
    type: "Umum",
    price: 1_000,
    unlimited_stock: true,
    stock: 0,
    start_cut_off: "0:0",
    end_cut_off: "0:0",
    desc: "-",
    seller_off: true,
  },
];

interface TopUp {
  code: string;
  customerNo: string;
  maxPrice: number | undefined;
  state: "pending" | "success" | "failed";
  final: "success" | "failed";
  /** Why a refused top-up failed, said again on a resend (85: a failed transaction was made). */
  refusal?: { rc: string; message: string };
  /** Answers that come without the sn (a late PLN token) before it is given. */
  blankSn: number;
}

export function createDigiflazzPrepaidDesk(opts: {
  username: string;
  apiKey: string;
  deposit: { get(): number; add(n: number): void };
  inDialect(dialect: Dialect, data: Record<string, unknown>): Record<string, unknown>;
}) {
  const md5 = (s: string) => createHash("md5").update(s).digest("hex");
  const topUps = new Map<string, TopUp>();
  const sends = new Map<string, number>();
  const coded = (rc: string, message: string) => ({ data: { message, status: "Gagal", rc } });
  const auth = (body: Record<string, unknown>, x: string): Answer | undefined => {
    if (body.username !== opts.username) return { status: 400, json: coded("42", "Gagal memproses API Buyer") };
    if (body.sign !== md5(opts.username + opts.apiKey + x)) return { status: 400, json: coded("41", "Signature Anda salah") };
    return undefined;
  };

  function answer(dialect: Dialect, ref: string, t: TopUp, price: number, rc: string, message: string): Answer {
    const status = { pending: "Pending", success: "Sukses", failed: "Gagal" }[t.state];
    const sn = t.state !== "success" || t.blankSn >= sends.get(ref)! ? "" : t.code === "pln20" ? DIGIFLAZZ_PLN_SN : `SN${ref}`;
    const data = { ref_id: ref, customer_no: t.customerNo, code: t.code, message, status, rc, sn, balance: opts.deposit.get(), price, tele: "", wa: "" };
    return { status: 200, json: { data: opts.inDialect(dialect, data) } };
  }

  return {
    /** How many top-ups arrived for this ref_id, resends included. */
    sends: (ref: string) => sends.get(ref) ?? 0,

    /** `limited`: the stand-in is at its transaction limit (rc 85). */
    topUp(dialect: Dialect, body: Record<string, unknown>, limited = false): Answer {
      const code = body[dialect === "canonical" ? "buyer_sku_code" : "code"];
      const { customer_no: customerNo, ref_id: ref, max_price: maxPrice } = body;
      if (typeof code !== "string" || typeof customerNo !== "string" || typeof ref !== "string" || ref === "") {
        return { status: 400, json: coded("40", "Payload Error") };
      }
      if (maxPrice !== undefined && !Number.isInteger(maxPrice)) return { status: 400, json: coded("40", "Payload Error") };
      sends.set(ref, (sends.get(ref) ?? 0) + 1);
      const refused = auth(body, ref);
      if (refused) return refused;
      const product = DIGIFLAZZ_PREPAID_PRODUCTS.find((p) => p.buyer_sku_code === code);
      const seen = topUps.get(ref);
      if (seen) {
        if (seen.code !== code || seen.customerNo !== customerNo) return { status: 200, json: coded("49", "Ref ID tidak unik") };
        // A check refused for the limit changes nothing.
        if (limited) return answer(dialect, ref, { ...seen, state: "failed" }, 0, "85", LIMIT_MESSAGE);
        // The same request again is a status check: a pending one settles now.
        if (seen.state === "pending") {
          seen.state = seen.final;
          if (seen.final === "failed") opts.deposit.add(product!.price);
        }
        if (seen.refusal) return answer(dialect, ref, seen, 0, seen.refusal.rc, seen.refusal.message);
        return answer(
          dialect,
          ref,
          seen,
          product!.price,
          seen.state === "success" ? "00" : "02",
          seen.state === "success" ? "Transaksi Sukses" : "Transaksi Gagal",
        );
      }
      if (!product || "seller_off" in product) return { status: 200, json: coded("43", "SKU tidak di temukan atau Non-Aktif") };
      const blankSn = (DIGIFLAZZ_LATE_TOKEN_METERS as Record<string, number>)[customerNo] ?? 0;
      const base: TopUp = { code, customerNo, maxPrice: maxPrice as number | undefined, state: "failed", final: "failed", blankSn };
      const refuse = (rc: string, message: string, created: boolean) => {
        if (created) topUps.set(ref, { ...base, refusal: { rc, message } });
        return answer(dialect, ref, base, 0, rc, message);
      };
      if (limited) return refuse("85", LIMIT_MESSAGE, true);
      if (typeof maxPrice === "number" && product.price > maxPrice) return refuse("69", "Harga seller lebih besar dari ketentuan harga maksimum buyer", false);
      if (opts.deposit.get() < product.price) return refuse("44", "Saldo tidak cukup", false);
      const scenario = (Object.entries(DIGIFLAZZ_PREPAID_TEST_NUMBERS).find(([, n]) => n === customerNo)?.[0] ?? "success") as DigiflazzPrepaidScenario;
      const t: TopUp = { ...base, state: scenario === "pending-success" ? "pending" : scenario, final: scenario === "failed" ? "failed" : "success" };
      topUps.set(ref, t);
      if (t.state !== "failed") opts.deposit.add(-product.price);
      const rc = { pending: "03", success: "00", failed: "02" }[t.state];
      return answer(
        dialect,
        ref,
        t,
        product.price,
        rc,
        t.state === "pending" ? "Transaksi Pending" : t.state === "success" ? "Transaksi Sukses" : "Transaksi Gagal",
      );
    },

    plnCheck(body: Record<string, unknown>): Answer {
      const customerNo = body.customer_no;
      if (typeof customerNo !== "string") return { status: 400, json: coded("40", "Payload Error") };
      const refused = auth(body, customerNo);
      if (refused) return refused;
      if (customerNo === DIGIFLAZZ_MISSING_METER || !/^\d{11,12}$/.test(customerNo)) return { status: 200, json: coded("54", "Nomor Tujuan Salah") };
      return {
        status: 200,
        json: {
          data: {
            customer_no: customerNo,
            meter_no: customerNo,
            subscriber_id: `5${customerNo.slice(1)}`,
            name: "BUDI SANTOSO",
            segment_power: "R1 /000000900",
          },
        },
      };
    },

    priceList(dialect: Dialect): Answer {
      const items = DIGIFLAZZ_PREPAID_PRODUCTS.map(
        ({ buyer_sku_code, product_name, seller_off, ...p }: (typeof DIGIFLAZZ_PREPAID_PRODUCTS)[number] & { seller_off?: boolean }) => {
          const on = !seller_off;
          return dialect === "canonical"
            ? { product_name, ...p, seller_name: "Stub", buyer_sku_code, buyer_product_status: true, seller_product_status: on, multi: true }
            : { name: product_name, ...p, code: buyer_sku_code, status: on, multi: true };
        },
      );
      return { status: 200, json: { data: items } };
    },
  };
}
