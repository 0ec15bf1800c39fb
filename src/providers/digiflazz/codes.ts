import { unknown, type Unknown } from "../common.js";
import type { Blame, FailureReason, Outcome, RateLimit } from "../provider.js";

/**
 * Digiflazz's response-code table (developer.digiflazz.com/api/buyer/response-code), one table for
 * top-ups, bill payments and status checks alike. `status` and `created` are the reference's own
 * columns: the transaction status a code comes with, and "Transaksi Terbentuk", whether a
 * transaction now exists under the ref_id. `blame` and `reason` are ours: whom a failure is
 * explained to. 56 and 65 are marked deprecated there; they stay so an old answer still reads.
 */
export interface DigiflazzCode {
  text: string;
  status: "Sukses" | "Pending" | "Gagal";
  created: boolean;
  blame?: Blame;
  reason?: FailureReason;
}

const ok = (text: string): DigiflazzCode => ({ text, status: "Sukses", created: true });
const wait = (text: string): DigiflazzCode => ({ text, status: "Pending", created: true });
const fail = (text: string, created: boolean, blame: Blame, reason?: FailureReason): DigiflazzCode => ({
  text,
  status: "Gagal",
  created,
  blame,
  ...(reason && { reason }),
});

export const DIGIFLAZZ_CODES: Readonly<Record<string, DigiflazzCode>> = {
  "00": ok("Transaksi Sukses"),
  "01": fail("Timeout", true, "provider"),
  "02": fail("Transaksi Gagal", true, "provider"),
  "03": wait("Transaksi Pending"),
  "40": fail("Payload Error", false, "operator"),
  "41": fail("Signature tidak valid", false, "operator"),
  "42": fail("Gagal memproses API Buyer (username)", false, "operator"),
  "43": fail("SKU tidak ditemukan atau Non-Aktif", false, "operator"),
  "44": fail("Saldo tidak cukup", false, "operator"),
  "45": fail("IP tidak dikenali", false, "operator"),
  "47": fail("Transaksi sudah terjadi di buyer lain", false, "customer", "already-paid"),
  "49": fail("Ref ID tidak unik", false, "operator"),
  "50": fail("Transaksi Tidak Ditemukan", true, "customer"),
  "51": fail("Nomor Tujuan Diblokir", true, "customer"),
  "52": fail("Prefix Tidak Sesuai Dengan Operator", true, "customer", "wrong-number"),
  "53": fail("Produk Seller Sedang Tidak Tersedia", true, "provider", "biller-down"),
  "54": fail("Nomor Tujuan Salah", true, "customer", "wrong-number"),
  "55": fail("Produk Sedang Gangguan", true, "provider", "biller-down"),
  "56": fail("Limit saldo seller", false, "provider"),
  "57": fail("Jumlah Digit Kurang Atau Lebih", true, "customer", "wrong-number"),
  "58": fail("Sedang Cut Off", true, "provider", "cut-off"),
  "59": fail("Tujuan di Luar Wilayah/Cluster", true, "customer", "wrong-number"),
  "60": fail("Tagihan belum tersedia", true, "customer", "no-bill"),
  "61": fail("Belum pernah melakukan deposit", false, "operator"),
  "62": fail("Seller sedang mengalami gangguan", false, "provider", "biller-down"),
  "63": fail("Tidak support transaksi multi", false, "provider"),
  "64": fail("Tarik tiket gagal, coba nominal lain", false, "provider"),
  "65": fail("Limit transaksi multi", false, "provider"),
  "66": fail("Cut Off (Perbaikan Sistem Seller)", false, "provider", "cut-off"),
  "67": fail("Seller belum ter-verifikasi", false, "provider"),
  "68": fail("Stok habis", false, "provider"),
  "69": fail("Harga seller lebih besar dari ketentuan harga buyer", false, "operator"),
  "70": fail("Timeout Dari Biller", true, "provider", "biller-down"),
  "71": fail("Produk Sedang Tidak Stabil", true, "provider", "biller-down"),
  "72": fail("Lakukan Unreg Paket Dahulu", true, "customer"),
  "73": fail("Kwh Melebihi Batas", true, "customer"),
  "74": fail("Transaksi Refund", true, "provider"),
  "80": fail("Akun Anda telah diblokir oleh Seller", false, "operator"),
  "81": fail("Seller ini telah diblokir oleh Anda", false, "operator"),
  "82": fail("Akun Anda belum ter-verifikasi", false, "operator"),
  "83": fail("Limitasi pengecekan pricelist", false, "provider"),
  "84": fail("Nominal tidak valid", true, "customer"),
  "85": fail("Limitasi transaksi, coba 1 menit lagi", true, "provider"),
  "86": fail("Limitasi pengecekan nomor PLN", true, "provider"),
  "87": fail("Transaksi E-money wajib kelipatan Rp 1.000", false, "customer"),
  "88": fail("Akun Anda tidak dapat melakukan aksi ini", false, "operator"),
  "99": wait("DF Router Issue"),
};

/** The code's row; hasOwn, so "constructor" or "__proto__" is no row. */
export const digiflazzCode = (rc: string): DigiflazzCode | undefined => (Object.hasOwn(DIGIFLAZZ_CODES, rc) ? DIGIFLAZZ_CODES[rc] : undefined);

/**
 * The limits among the codes: 85 transactions ("try again in a minute"), 83 the price list, 86
 * the PLN number check. The worker slows down for everyone on them.
 */
const LIMITS: Readonly<Record<string, { retryAfterMs?: number }>> = { "83": {}, "85": { retryAfterMs: 60_000 }, "86": {} };

/**
 * The pay answers that prove the purchase was not processed: the table's "Transaksi Terbentuk:
 * Tidak" rows for an unknown or inactive SKU (43), the operator's deposit (44), the seller's limit,
 * trouble, cut-off, verification or stock (56, 62-68), and a seller price above our max_price (69).
 * Nothing exists under the ref_id, so the purchase may go to another provider under a new one.
 */
const NOT_PROCESSED = new Set(["43", "44", "56", "62", "63", "64", "65", "66", "67", "68", "69"]);

/** Which call an answer is read for (`lookup`: balance, price list): a code's meaning depends on it. */
export type Step = "inquiry" | "pay" | "status" | "lookup";

type Failed = Extract<Outcome<never>, { kind: "failed" }>;

const limitOf = (rc: string, unprocessed: boolean): RateLimit | undefined => {
  const limit = Object.hasOwn(LIMITS, rc) ? LIMITS[rc] : undefined;
  return limit && { unprocessed, ...(limit.retryAfterMs !== undefined && { retryAfterMs: limit.retryAfterMs }) };
};

/** A limit that says nothing final: unknown, slowing the worker down. */
const limited = (rc: string, message: string, rateLimit: RateLimit): Unknown => ({
  ...unknown(`Digiflazz rate limit (rc ${rc}: ${message}); asked again later`),
  rateLimit,
});

/** An answer about the request itself, not the payment: unknown, and the operator is told. */
const aboutRequest = (reason: string, rc: string, message: string): Unknown => ({ ...unknown(reason), alert: { code: rc, message } });

/**
 * What a Gagal answer with `rc` proves at `step`, by the table's columns. `ownStatus`: the answer
 * carries a status and this transaction's ref_id.
 *
 * - First send of a payment (`pay`, the top-up or pay-pasca): a failure is final whether or not
 *   a transaction was created, since nothing was paid either way. Two exceptions: 49 (this ref_id
 *   is already taken, maybe by this very payment) is unknown with an alert; a limit that created
 *   nothing (83) proves the call was turned away unread, so only it may be sent again
 *   (RateLimit.unprocessed). 85 created a failed transaction under our ref_id: final, refunded,
 *   never resent (a resend would only read the failure back), and the worker slows down.
 * - Status check (`status`: status-pasca, a top-up's resend, a callback): the answer settles the
 *   payment only when it is about a transaction (created) that is ours (ownStatus). A code that
 *   created nothing says nothing about the payment: the check itself was refused (auth, IP,
 *   balance, stock, a resend Digiflazz took as a new top-up and refused). 85 and 86, though
 *   "created" in the table, may here be the refusal of the check itself (Digiflazz asks for a
 *   minute between checks of one ref_id) as well as a first send's own 85 read back; they cannot
 *   be told apart, so they are limits, not failures (providers.md). 50 (no such transaction) on a
 *   check right after a lost send says nothing either.
 * - `inquiry` and `lookup` pay nothing: a limit is asked again later, anything else is the answer.
 */
export function readFailure(step: Step, rc: string, code: DigiflazzCode, message: string, ownStatus: boolean): Failed | Unknown {
  const failed: Failed = { kind: "failed", code: rc, message, blame: code.blame ?? "provider", ...(code.reason && { reason: code.reason }), raw: "" };
  switch (step) {
    case "inquiry":
    case "lookup": {
      const limit = limitOf(rc, !code.created);
      return limit ? limited(rc, message, limit) : failed;
    }
    case "pay": {
      if (rc === "49") return aboutRequest("Digiflazz already has a transaction with this ref_id (rc 49); it may be this payment", rc, message);
      const limit = limitOf(rc, !code.created);
      if (limit?.unprocessed) return limited(rc, message, limit);
      if (limit) return { ...failed, rateLimit: limit };
      return NOT_PROCESSED.has(rc) && !code.created ? { ...failed, notProcessed: true } : failed;
    }
    case "status": {
      const limit = limitOf(rc, false);
      if (limit) return limited(rc, message, limit);
      if (!code.created || rc === "50") return aboutRequest(`status check refused (rc ${rc}: ${message}); it says nothing about the payment`, rc, message);
      return ownStatus ? failed : unknown(`failure rc ${rc} without this transaction's status and ref_id`);
    }
  }
}
