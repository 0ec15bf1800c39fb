import { z } from "zod";

/**
 * The one bill model every provider adapter fills. It is stored as JSON with the transaction,
 * so it is a zod schema (parsed again when read back from SQLite).
 */

export const ProviderNameSchema = z.enum(["sandbox", "digiflazz", "iak", "tokopedia"]);
export type ProviderName = z.infer<typeof ProviderNameSchema>;

const rupiah = z.number().int().min(0);

export const BillPeriodSchema = z.object({
  /** As the provider wrote it: "201901", "0320", "MEI 2019", "002" (an instalment number)... */
  period: z.string(),
  amount: rupiah.default(0),
  penalty: rupiah.default(0),
  admin: rupiah.default(0),
  /** biaya_lain and similar extra charges. */
  other: rupiah.default(0),
  meterStart: z.string().optional(),
  meterEnd: z.string().optional(),
  /** A per-period reference some billers print (TV `no_ref`). */
  ref: z.string().optional(),
});
export type BillPeriod = z.infer<typeof BillPeriodSchema>;

/** One name/value the provider gave, kept in the provider's order (Digiflazz `desc`, Tokopedia `inquiry_result`). */
export const BillDetailSchema = z.object({ key: z.string(), value: z.string() });
export type BillDetail = z.infer<typeof BillDetailSchema>;

/** What the user typed for a bill (checked against the catalog's patterns); kept as JSON to pay again. */
export const BillInputSchema = z.object({
  customerNo: z.string(),
  /** E-money top-up amount. */
  amount: z.number().int().positive().optional(),
  /** SAMSAT owner's identity number. */
  identityNo: z.string().optional(),
  /** PBB tax year. */
  year: z.string().optional(),
  /** The product's named provider fields (catalog `input.fields`), in the catalog's order. */
  fields: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  /** BPJS Kesehatan: how many months are paid (catalog `input.months`); chosen per payment, never saved with a favourite. */
  months: z.number().int().min(1).optional(),
});
export type BillInput = z.infer<typeof BillInputSchema>;

/** What kind of prepaid product a purchase is: decides which inputs it takes and how its result reads. */
export const PrepaidCategorySchema = z.enum(["pulsa", "data", "pln", "ewallet", "game", "voucher", "other"]);
export type PrepaidCategory = z.infer<typeof PrepaidCategorySchema>;

/**
 * Marks a bill as a prepaid purchase: the worker's pay/status calls then go to the provider's
 * prepaid wire calls. `cost` of such a bill is the cost the user's price was based on; the
 * provider is never asked to charge more (Digiflazz `max_price`). Extra inputs (zone id...) ride
 * in `fields`.
 */
export const PrepaidSchema = z.object({
  category: PrepaidCategorySchema,
  /** The product's name in the provider's price list when it was quoted: receipts show it after the list changed. */
  name: z.string().optional(),
  /** When the purchase was quoted (ISO): Digiflazz answers a resent ref_id as a status check only for 90 days. */
  quotedAt: z.iso.datetime(),
});
export type Prepaid = z.infer<typeof PrepaidSchema>;

/** A PLN prepaid token as the provider's answer gives it; kept with the transaction as JSON. */
export const PlnTokenSchema = z.object({
  /** The 20 digits, no separators. */
  token: z.string().regex(/^\d{20}$/),
  name: z.string().optional(),
  tariff: z.string().optional(),
  /** Contracted power in VA. */
  power: z.number().int().optional(),
  /** As the provider wrote it ("32,5", "66.2"): shown, never computed with. */
  kwh: z.string().optional(),
});
export type PlnToken = z.infer<typeof PlnTokenSchema>;

/**
 * A code a prepaid purchase hands the customer besides a PLN token, as the provider's answer names
 * it: each is shown on its own labelled line, the code to redeem first (see prepaid-view.ts).
 */
export const ResultCodeSchema = z.object({
  /** voucher: the code to redeem; pin: what goes with it; serial: the provider's serial number (proof of the purchase). */
  kind: z.enum(["voucher", "pin", "serial"]),
  value: z.string().min(1),
});
export type ResultCode = z.infer<typeof ResultCodeSchema>;

export const BillSchema = z.object({
  provider: ProviderNameSchema,
  /** The provider's product code the bill was inquired with. */
  productCode: z.string(),
  customerNo: z.string(),
  customerName: z.string(),
  periods: z.array(BillPeriodSchema),
  details: z.array(BillDetailSchema),
  /** What the bill says is owed before the admin fee (bills + penalties + other charges). */
  billAmount: rupiah,
  /** The provider's admin fee. */
  adminFee: rupiah,
  /** What the operator's provider deposit is charged for paying this bill. */
  cost: rupiah,
  /** Inquiry inputs the provider wants again with the payment (Tokopedia `fields`: tax year, NIK...). */
  fields: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  /** The provider's own references: Digiflazz pays by refId, IAK by trId, Tokopedia by orderId. */
  refs: z.object({
    refId: z.string(),
    trId: z.string().optional(),
    orderId: z.string().optional(),
  }),
  prepaid: PrepaidSchema.optional(),
});
export type Bill = z.infer<typeof BillSchema>;
