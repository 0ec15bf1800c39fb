import type { Config } from "../../config.js";
import { unknown } from "../common.js";
import { retryUnknown, type FetchLike } from "../http.js";
import type { InquiryRequest, Provider } from "../provider.js";
import { createIakClient } from "./client.js";
import { createIakPrepaid } from "./prepaid.js";
import { readIakBalance, readIakBill, readIakPayment, readIakPriceList, readIakStatus } from "./read.js";

/** IAK product codes whose inquiry takes `month` (BPJS Kesehatan). */
const MONTHLY_CODES = new Set(["BPJS"]);

/**
 * IAK (mobilepulsa): postpaid through `api/v1/bill/check` (the client sends, read.ts reads each
 * answer), prepaid through IAK's separate prepaid API (prepaid.ts).
 */
export function createIakProvider(cfg: Config["iak"], opts: { fetch?: FetchLike; timeoutMs?: number; retryDelayMs?: number; now?: () => Date } = {}): Provider {
  const client = createIakClient(cfg, opts);
  const retry = { delayMs: opts.retryDelayMs ?? 300 };
  const prepaid = createIakPrepaid(cfg, opts);

  async function inquiry(req: InquiryRequest) {
    const extras: Record<string, string> = {};
    if (req.identityNo !== undefined) extras.nomor_identitas = req.identityNo;
    if (req.year !== undefined) extras.year = req.year;
    // IAK's BPJS Kesehatan inquiry requires `month`, the number of months to pay (bpjs-kesehatan/inquiry.md).
    if (MONTHLY_CODES.has(req.productCode)) extras.month = String(req.months ?? 1);
    return readIakBill(await client.bill("inq-pasca", { code: req.productCode, hp: req.customerNo, ref_id: req.ref, ...extras }, req.ref), req);
  }

  return {
    name: "iak",

    // Asked once: an answerless inquiry is asked again under a fresh ref_id by Payments, since IAK
    // answers a reused one with rc 11 when the first attempt got through.
    inquiry: (req) => (req.prepaid ? prepaid.inquiry({ ...req, prepaid: req.prepaid }) : inquiry(req)),

    /** Sent once, never retried: anything short of "00" is settled by the status check (readIakPayment). */
    async pay(bill) {
      if (bill.prepaid) return prepaid.pay(bill);
      const trId = bill.refs.trId;
      if (!trId) return unknown("bill has no IAK tr_id; pay only a bill from an IAK inquiry");
      return readIakPayment(await client.bill("pay-pasca", { tr_id: trId }, trId), bill);
    },

    // Asked once: a check that gets no answer waits for the next scheduled one.
    async status(bill) {
      if (bill.prepaid) return prepaid.status(bill);
      return readIakStatus(await client.bill("checkstatus", { ref_id: bill.refs.refId }, "cs"), bill);
    },

    prepaidPriceList: () => prepaid.priceList(),

    balance: () => retryUnknown(async () => readIakBalance(await client.bill("balance", {}, "bl")), retry),

    priceList: () => retryUnknown(async () => readIakPriceList(await client.bill("pricelist-pasca", { status: "all" }, "pl")), retry),
  };
}
