import type { Bill } from "../../src/billing/bill.js";
import { prepaidBill } from "../../src/providers/prepaid.js";
import type { InquiryRequest, Outcome, Payment, Provider } from "../../src/providers/provider.js";

export function pickOf<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

/** `refused`: a documented "not processed" refusal (seller down, out of stock): nothing was created, another provider may be tried. */
export type Truth = "success" | "failed" | "processing" | "lost" | "refused";
/**
 * What a status check says about a pay the provider never got: Digiflazz "not found" (rc 50) proves
 * nothing and stays pending, IAK "never received" (status 0, rc 42) is a confirmed failure.
 */
type LostAnswer = "pending" | "not-found" | "never-received";

/** A provider that answers from the PRNG but remembers what "really" happened to each payment. */
export class ScriptedProvider implements Provider {
  readonly payCalls = new Map<string, number>();
  /** What happened at the provider; `lostAnswer` is what a status check says about a pay that never arrived. */
  readonly truth = new Map<string, { state: Truth; lostAnswer: LostAnswer }>();
  /** Status answers about the request itself (credentials, IP, rate limit) given so far. */
  requestAnswers = 0;
  private readonly costs = new Map<string, number>();

  /** `refusals`: some pays are refused as not processed (several providers: they fail over). */
  constructor(
    private readonly rnd: () => number,
    readonly name: "digiflazz" | "iak" = "digiflazz",
    private readonly refusals = false,
  ) {}

  async inquiry(req: InquiryRequest): Promise<Outcome<Bill>> {
    const r = this.rnd();
    // A prepaid quote is the price list's cost; a provider check (PLN meter) may go unanswered.
    if (req.prepaid)
      return r < 0.05
        ? { kind: "unknown", reason: "timeout" }
        : { kind: "success", value: prepaidBill(this.name, { ...req, prepaid: req.prepaid }, new Date(0)), raw: "{}" };
    if (r < 0.08) return { kind: "failed", code: "60", message: "Tagihan belum tersedia", blame: "customer", raw: "{}" };
    if (r < 0.12) return { kind: "unknown", reason: "timeout" };
    // Now and then a bill grows (a penalty added), so a re-inquiry can find it changed.
    const cost = (this.costs.get(req.customerNo) ?? 50_000 + Math.floor(this.rnd() * 200) * 1_000) + (this.rnd() < 0.1 ? 5_000 : 0);
    this.costs.set(req.customerNo, cost);
    const bill: Bill = {
      provider: this.name,
      productCode: req.productCode,
      customerNo: req.customerNo,
      customerName: "PELANGGAN",
      periods: [],
      details: [],
      billAmount: cost - 2_500,
      adminFee: 2_500,
      cost,
      refs: { refId: req.ref },
    };
    return { kind: "success", value: bill, raw: "{}" };
  }

  async pay(bill: Bill): Promise<Outcome<Payment>> {
    const ref = bill.refs.refId;
    this.payCalls.set(ref, (this.payCalls.get(ref) ?? 0) + 1);
    const r = this.rnd();
    if (this.refusals && this.rnd() < 0.3) {
      this.truth.set(ref, { state: "refused", lostAnswer: "pending" });
      const [code, message] = pickOf(this.rnd, [
        ["62", "Seller sedang mengalami gangguan"],
        ["68", "Stok habis"],
        ["44", "Saldo tidak cukup"],
      ]);
      return { kind: "failed", code, message, blame: "provider", notProcessed: true, raw: "{}" };
    }
    const state: Truth = r < 0.45 ? "success" : r < 0.65 ? "failed" : r < 0.85 ? "processing" : "lost";
    this.truth.set(ref, { state, lostAnswer: this.lostAnswer() });
    const garbled = this.rnd() < 0.25;
    if (state === "lost" || garbled) return { kind: "unknown", reason: "timeout" };
    return this.answer(state);
  }

  async status(bill: Bill): Promise<Outcome<Payment>> {
    const r = this.rnd();
    if (r < 0.12) return { kind: "unknown", reason: "HTTP 502" };
    // Answers about the request itself, whatever happened to the payment (the adapters' reading of them).
    if (r < 0.2) {
      this.requestAnswers++;
      const [code, message] = pickOf(this.rnd, [
        ["45", "IP Anda tidak kami kenali"],
        ["41", "Signature tidak valid"],
        ["100", "INVALID SIGNATURE"],
        ["102", "INVALID IP ADDRESS"],
      ]);
      return { kind: "unknown", reason: `status check refused (rc ${code})`, alert: { code, message } };
    }
    if (r < 0.24) return { kind: "unknown", reason: "Digiflazz rate limit (rc 85)" };
    // Never paid (caught before the pay call) is what a pay lost on the way looks like.
    const t = this.truth.get(bill.refs.refId) ?? { state: "lost", lostAnswer: this.lostAnswer() };
    this.truth.set(bill.refs.refId, t);
    if (t.state === "lost" && t.lostAnswer === "not-found") {
      return { kind: "unknown", reason: "status check refused (rc 50)", alert: { code: "50", message: "Transaksi Tidak Ditemukan" } };
    }
    if (t.state === "lost" && t.lostAnswer === "never-received") {
      return { kind: "failed", code: "42", message: "REQUEST PEMBAYARAN BELUM DITERIMA", blame: "provider", raw: "{}" };
    }
    if (t.state === "processing" && this.rnd() < 0.3) t.state = this.rnd() < 0.6 ? "success" : "failed";
    return this.answer(t.state);
  }

  async balance(): Promise<Outcome<number>> {
    return { kind: "success", value: 1_000_000_000, raw: "{}" };
  }

  private lostAnswer(): LostAnswer {
    return pickOf(this.rnd, ["pending", "not-found", "never-received"] as const);
  }

  private answer(state: Truth): Outcome<Payment> {
    if (state === "success") return { kind: "success", value: { sn: "SN1", details: [] }, raw: "{}" };
    if (state === "failed") return { kind: "failed", code: "02", message: "Transaksi gagal", blame: "provider", raw: "{}" };
    return { kind: "pending", code: "03", raw: "{}" };
  }
}
