import { z } from "zod";
import type { Db } from "./database.js";

/** One WIB day's successful payments: what users paid and the operator's margin (price - cost). */
export interface DaySales {
  day: string;
  volume: number;
  margin: number;
}

/** Successful payments of one product (a prepaid one by its category), with their volume. */
export interface ProductSales {
  productId: string;
  /** The prepaid category (pulsa, data, pln...) of a prepaid purchase; undefined for a bill. */
  prepaidCategory: string | undefined;
  count: number;
  volume: number;
}

const DayRow = z.object({ day: z.string(), volume: z.number().int(), margin: z.number().int() });
const ProductRow = z.object({ product_id: z.string(), category: z.string().nullable(), count: z.number().int(), volume: z.number().int() });

/** WIB is UTC+7 all year: a payment's WIB day from its settled_at (epoch ms). */
const WIB_DAY = "date((settled_at + 25200000) / 1000, 'unixepoch')";

/** Volume and margin per WIB day of the payments settled in [from, to), days without sales left out. */
export function salesByDay(db: Db, range: { from: number; to: number }): DaySales[] {
  return db
    .prepare(
      `SELECT ${WIB_DAY} AS day, SUM(price) AS volume, SUM(price - cost) AS margin FROM transactions
       WHERE state = 'success' AND settled_at >= ? AND settled_at < ? GROUP BY day ORDER BY day`,
    )
    .all(range.from, range.to)
    .map((r) => DayRow.parse(r));
}

/** The payments settled in [from, to) by product (a prepaid product by its category), largest volume first. */
export function salesByProduct(db: Db, range: { from: number; to: number }): ProductSales[] {
  return db
    .prepare(
      `SELECT CASE WHEN category IS NULL THEN product_id ELSE '' END AS product_id, category, COUNT(*) AS count, SUM(price) AS volume
       FROM (SELECT product_id, price, json_extract(bill, '$.prepaid.category') AS category FROM transactions
             WHERE state = 'success' AND settled_at >= ? AND settled_at < ?)
       GROUP BY 1, category ORDER BY volume DESC`,
    )
    .all(range.from, range.to)
    .map((r) => {
      const row = ProductRow.parse(r);
      return { productId: row.product_id, prepaidCategory: row.category ?? undefined, count: row.count, volume: row.volume };
    });
}
