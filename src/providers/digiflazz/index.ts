import type { Bill } from "../../billing/bill.js";
import type { Config } from "../../config.js";
import { retryUnknown, type FetchLike } from "../http.js";
import type { InquiryRequest, Provider } from "../provider.js";
import { createDigiflazzClient } from "./client.js";
import { createDigiflazzPrepaid } from "./prepaid.js";
import { readDigiflazzBalance, readDigiflazzBill, readDigiflazzPayment, readDigiflazzPriceList } from "./read.js";

export { parseDigiflazzCallback, verifyDigiflazzSignature } from "./webhook.js";

/**
 * Digiflazz postpaid (inq-pasca / pay-pasca / status-pasca) and prepaid (prepaid.ts), in both wire
 * dialects: the client signs and sends, the readers turn each answer into the shared model.
 */
export function createDigiflazzProvider(
  cfg: Config["digiflazz"],
  opts: { fetch?: FetchLike; timeoutMs?: number; retryDelayMs?: number; now?: () => Date } = {},
): Provider {
  const { keys, sign, post, transaction } = createDigiflazzClient(cfg, opts);
  const retry = { delayMs: opts.retryDelayMs };
  const readPayment = (step: "pay" | "status", ref: string) => (raw: string) => readDigiflazzPayment(raw, cfg.dialect, step, ref);
  const prepaid = createDigiflazzPrepaid({ cfg, post, sign, now: opts.now ?? (() => new Date()), retryDelayMs: opts.retryDelayMs });

  return {
    name: "digiflazz",

    inquiry(req: InquiryRequest) {
      if (req.prepaid) return prepaid.inquiry({ ...req, prepaid: req.prepaid });
      // SAMSAT wants "kodeBayar,nomorIdentitas" in customer_no; the bill keeps it so pay sends the same.
      const customerNo = req.identityNo ? `${req.customerNo},${req.identityNo}` : req.customerNo;
      const extra = {
        ...(req.amount !== undefined ? { amount: req.amount } : {}),
        ...(req.year !== undefined ? { year: req.year } : {}),
      };
      // Asked once: an answerless inquiry is asked again under a fresh ref_id by Payments, since
      // Digiflazz answers a reused one with rc 49 when the first attempt got through.
      return transaction("inq-pasca", req.productCode, customerNo, req.ref, extra, (raw) => readDigiflazzBill(raw, cfg.dialect, req, customerNo));
    },

    pay(bill: Bill) {
      if (bill.prepaid) return prepaid.pay(bill);
      // Same ref_id as the inquiry; sent once, a lost answer is settled by status().
      const ref = bill.refs.refId;
      return transaction("pay-pasca", bill.productCode, bill.customerNo, ref, {}, readPayment("pay", ref));
    },

    status(bill: Bill) {
      if (bill.prepaid) return prepaid.status(bill);
      const ref = bill.refs.refId;
      // Asked once: a check that gets no answer waits for the next scheduled one (once a minute at most).
      return transaction("status-pasca", bill.productCode, bill.customerNo, ref, {}, readPayment("status", ref));
    },

    balance: () => retryUnknown(() => post(keys.balancePath, { cmd: "deposit", username: cfg.username, sign: sign("depo") }, readDigiflazzBalance), retry),

    prepaidPriceList: () => prepaid.priceList(),

    priceList() {
      const body = { [keys.priceListCommandKey]: "pasca", username: cfg.username, sign: sign("pricelist") };
      return retryUnknown(() => post(keys.priceListPath, body, (raw) => readDigiflazzPriceList(raw, cfg.dialect)), retry);
    },
  };
}
