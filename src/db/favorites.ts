import { BillInputSchema, type BillInput } from "../billing/bill.js";
import type { Db } from "./database.js";
import { statements } from "./statements.js";

export interface Favorite {
  id: number;
  userId: number;
  productId: string;
  label: string;
  input: BillInput;
}

/** The extra inputs besides the customer number, as stored in favorites.extra. */
const ExtraJson = BillInputSchema.omit({ customerNo: true });

interface Row {
  id: number;
  user_id: number;
  product_id: string;
  customer_no: string;
  extra: string | null;
  label: string;
}

const toFavorite = (r: Row): Favorite => ({
  id: r.id,
  userId: r.user_id,
  productId: r.product_id,
  label: r.label,
  input: { customerNo: r.customer_no, ...(r.extra ? ExtraJson.parse(JSON.parse(r.extra)) : {}) },
});

/** Saved customer numbers, for "Bayar lagi". */
export class Favorites {
  /** `has` is asked on every receipt: prepared once. */
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  /**
   * Saves (or relabels) a number; one entry per user, product and number. The months a BPJS payment
   * covered are left out: "Bayar lagi" asks them again.
   */
  save(userId: number, productId: string, input: BillInput, label: string, now = Date.now()): void {
    const { customerNo, months: _months, ...extra } = input;
    this.db
      .prepare(
        `INSERT INTO favorites (user_id, product_id, customer_no, extra, label, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(user_id, product_id, customer_no) DO UPDATE SET label = excluded.label, extra = excluded.extra`,
      )
      .run(userId, productId, customerNo, Object.keys(extra).length ? JSON.stringify(extra) : null, label, now);
  }

  has(userId: number, productId: string, customerNo: string): boolean {
    return !!this.sql("SELECT 1 FROM favorites WHERE user_id = ? AND product_id = ? AND customer_no = ?").get(userId, productId, customerNo);
  }

  list(userId: number): Favorite[] {
    return (this.db.prepare("SELECT * FROM favorites WHERE user_id = ? ORDER BY label COLLATE NOCASE, id").all(userId) as Row[]).map(toFavorite);
  }

  get(userId: number, id: number): Favorite | undefined {
    const row = this.db.prepare("SELECT * FROM favorites WHERE user_id = ? AND id = ?").get(userId, id) as Row | undefined;
    return row && toFavorite(row);
  }

  remove(userId: number, id: number): boolean {
    return this.db.prepare("DELETE FROM favorites WHERE user_id = ? AND id = ?").run(userId, id).changes === 1;
  }
}
