import type { Bill } from "../../billing/bill.js";
import type { Payment, Provider } from "../provider.js";
import { sandboxBill, sandboxPriceList, scenario } from "./bills.js";
import { hash, raw } from "./common.js";
import { prepaidQuote, prepaidReceipt, SANDBOX_PREPAID_NUMBERS, SANDBOX_PREPAID_PRODUCTS } from "./prepaid.js";

/**
 * A built-in biller so the bot runs with no provider account: bills (bills.ts) and prepaid
 * products (prepaid.ts) whose test numbers walk every path, and a deposit that goes down with
 * every payment not (yet) failed.
 */

/** What the operator's sandbox deposit holds at start-up. */
const SANDBOX_DEPOSIT = 10_000_000;

export interface SandboxOptions {
  now?: () => Date;
}

export function createSandboxProvider(opts: SandboxOptions = {}): Provider {
  const now = opts.now ?? (() => new Date());
  const scenarioOf = (bill: Bill) =>
    bill.prepaid ? (SANDBOX_PREPAID_NUMBERS[bill.customerNo] ?? "ok") : scenario(bill.productCode, bill.customerNo.split(",")[0]!);
  // The operator's deposit at this pretend biller: what it took for each payment not (yet) failed.
  const taken = new Map<string, number>();
  const deposit = () => SANDBOX_DEPOSIT - [...taken.values()].reduce((sum, cost) => sum + cost, 0);

  return {
    name: "sandbox",

    async inquiry(req) {
      return req.prepaid ? prepaidQuote({ ...req, prepaid: req.prepaid }, now) : sandboxBill(req, now);
    },

    async pay(bill) {
      const s = scenarioOf(bill);
      if (s === "pay-fails") {
        return { kind: "failed", code: "02", message: "Transaksi gagal", blame: "provider", raw: raw({ rc: "02" }) };
      }
      taken.set(bill.refs.refId, bill.cost);
      if (s === "pending-success" || s === "pending-fails") return { kind: "pending", code: "03", raw: raw({ rc: "03" }) };
      return { kind: "success", value: receipt(bill), raw: raw({ rc: "00" }) };
    },

    // A pending payment settles on its first status check.
    async status(bill) {
      const s = scenarioOf(bill);
      if (s === "pay-fails" || s === "pending-fails") {
        taken.delete(bill.refs.refId);
        return { kind: "failed", code: "02", message: "Transaksi gagal", blame: "provider", raw: raw({ rc: "02" }) };
      }
      return { kind: "success", value: receipt(bill), raw: raw({ rc: "00" }) };
    },

    async balance() {
      return { kind: "success", value: deposit(), raw: raw({ deposit: deposit() }) };
    },

    priceList: async () => sandboxPriceList(),

    async prepaidPriceList() {
      return { kind: "success", value: SANDBOX_PREPAID_PRODUCTS, raw: raw({ products: SANDBOX_PREPAID_PRODUCTS.length }) };
    },
  };
}

function receipt(bill: Bill): Payment {
  const sn = `SBX${String(hash(bill.refs.refId)).padStart(10, "0")}`;
  return bill.prepaid ? prepaidReceipt(bill, sn) : { sn, cost: bill.cost, details: [] };
}
