import type { Bill } from "../../src/billing/bill.js";
import type { Provider } from "../../src/providers/provider.js";
import { createSandboxProvider } from "../../src/providers/sandbox/index.js";
import type { Clock } from "./clock.js";

export type BillerAnswer = "bill" | "no-bill" | "already-paid" | "down";

/**
 * The sandbox biller on the test's clock (periods dated by it), with what a test needs to steer a
 * month: per customer number, whether the bill is out, already paid elsewhere, or the biller down
 * (a final refusal of the biller's, answered at once), a factor on the bill's amount and its
 * period. Every
 * inquiry is counted with the clock's time.
 */
export function billerStandIn(clock: Clock) {
  const sandbox = createSandboxProvider({ now: () => new Date(clock.now()) });
  const answers = new Map<string, BillerAnswer>();
  const factors = new Map<string, number>();
  const periods = new Map<string, string>();
  const inquiries: { at: number; customerNo: string }[] = [];
  const raw = (rc: string) => JSON.stringify({ standIn: { rc } });
  const scaled = (bill: Bill, factor: number): Bill => {
    const periods = bill.periods.map((p) => ({ ...p, amount: Math.round(p.amount * factor) }));
    const billAmount = periods.reduce((sum, p) => sum + p.amount + p.penalty + p.other, 0);
    return { ...bill, periods, billAmount, cost: bill.cost + billAmount - bill.billAmount };
  };
  const provider: Provider = {
    ...sandbox,
    name: sandbox.name,
    async inquiry(req) {
      inquiries.push({ at: clock.now(), customerNo: req.customerNo });
      switch (answers.get(req.customerNo) ?? "bill") {
        case "no-bill":
          return { kind: "failed", code: "60", message: "Tagihan belum tersedia", blame: "customer", reason: "no-bill", raw: raw("60") };
        case "already-paid":
          return { kind: "failed", code: "47", message: "Tagihan sudah lunas", blame: "customer", reason: "already-paid", raw: raw("47") };
        case "down":
          return { kind: "failed", code: "56", message: "Biller sedang gangguan", blame: "provider", reason: "biller-down", raw: raw("56") };
        case "bill": {
          const found = await sandbox.inquiry(req);
          if (found.kind !== "success") return found;
          const period = periods.get(req.customerNo);
          const bill = scaled(found.value, factors.get(req.customerNo) ?? 1);
          return { ...found, value: period ? { ...bill, periods: bill.periods.map((p) => ({ ...p, period })) } : bill };
        }
      }
    },
  };
  return {
    provider,
    inquiries,
    answer: (customerNo: string, a: BillerAnswer) => answers.set(customerNo, a),
    factor: (customerNo: string, f: number) => factors.set(customerNo, f),
    /** The bill's period ("202612") from now on, instead of the month before the clock's. */
    period: (customerNo: string, p: string) => periods.set(customerNo, p),
    /** Inquiries for a number since `since` (clock time). */
    count: (customerNo: string, since = 0) => inquiries.filter((i) => i.customerNo === customerNo && i.at >= since).length,
  };
}
