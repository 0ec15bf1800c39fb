import { z } from "zod";
import { PrepaidCategorySchema, type ProviderName } from "../billing/bill.js";
import type { Db } from "./database.js";
import type { PriceLists } from "./price-lists.js";
import type { PrepaidProduct } from "../billing/price-list.js";

const Clock = z.string().regex(/^\d{2}:\d{2}$/);

/** A prepaid product as kept in SQLite (the adapter's reading of the provider's list). */
const ProductJson = z.object({
  code: z.string(),
  name: z.string(),
  category: PrepaidCategorySchema,
  brand: z.string(),
  type: z.string(),
  cost: z.number().int().min(0),
  available: z.boolean(),
  stock: z.number().int().optional(),
  cutOff: z.object({ start: Clock, end: Clock }).optional(),
  description: z.string(),
  check: z.boolean(),
  fields: z.array(z.string()),
  openAmount: z.object({ min: z.number().int().positive(), max: z.number().int().positive() }).optional(),
}) satisfies z.ZodType<PrepaidProduct>;

/** Each provider's last good prepaid price list, and the products the admins took off the menu. */
export class PrepaidProducts {
  constructor(
    private readonly db: Db,
    private readonly lists: PriceLists,
  ) {}

  /** Replaces the provider's prepaid list with a fresh one, in one SQLite transaction. */
  save(provider: ProviderName, products: PrepaidProduct[], now: number): void {
    const insert = this.db.prepare("INSERT OR REPLACE INTO prepaid_products (provider, code, product) VALUES (?, ?, ?)");
    this.db
      .transaction(() => {
        this.db.prepare("DELETE FROM prepaid_products WHERE provider = ?").run(provider);
        for (const p of products) insert.run(provider, p.code, JSON.stringify(p));
        this.lists.markFetched(`${provider}:prepaid`, now);
      })
      .immediate();
  }

  /** The provider's prepaid list as last fetched (empty before any fetch). */
  list(provider: ProviderName): PrepaidProduct[] {
    const rows = this.db.prepare("SELECT product FROM prepaid_products WHERE provider = ? ORDER BY code").all(provider) as { product: string }[];
    return rows.map((r) => ProductJson.parse(JSON.parse(r.product)));
  }

  /** When the provider's prepaid list in SQLite was fetched; undefined when none ever was. */
  fetchedAt(provider: ProviderName): number | undefined {
    return this.lists.state(`${provider}:prepaid`).fetchedAt;
  }

  get(provider: ProviderName, code: string): PrepaidProduct | undefined {
    const row = this.db.prepare("SELECT product FROM prepaid_products WHERE provider = ? AND code = ?").get(provider, code) as { product: string } | undefined;
    return row && ProductJson.parse(JSON.parse(row.product));
  }

  /**
   * The product an admin typed the code of, in any case ("SBX-TSEL-5", "xld10"): the exact code
   * first, else the one code that differs only in case; undefined when none, or several, do.
   */
  find(provider: ProviderName, typed: string): PrepaidProduct | undefined {
    const rows = this.db.prepare("SELECT code, product FROM prepaid_products WHERE provider = ? AND code = ? COLLATE NOCASE").all(provider, typed) as {
      code: string;
      product: string;
    }[];
    const row = rows.find((r) => r.code === typed) ?? (rows.length === 1 ? rows[0] : undefined);
    return row && ProductJson.parse(JSON.parse(row.product));
  }

  hiddenCodes(provider: ProviderName): Set<string> {
    const rows = this.db.prepare("SELECT code FROM prepaid_hidden WHERE provider = ?").all(provider) as { code: string }[];
    return new Set(rows.map((r) => r.code));
  }

  /** Takes a product off the menu; false when it already was. Runs inside the caller's transaction when there is one. */
  hide(provider: ProviderName, code: string, adminId: number, now: number): boolean {
    return (
      this.db.prepare("INSERT OR IGNORE INTO prepaid_hidden (provider, code, hidden_by, hidden_at) VALUES (?, ?, ?, ?)").run(provider, code, adminId, now)
        .changes === 1
    );
  }

  /** Puts a hidden product back on the menu; false when it was not hidden. */
  show(provider: ProviderName, code: string): boolean {
    return this.db.prepare("DELETE FROM prepaid_hidden WHERE provider = ? AND code = ?").run(provider, code).changes === 1;
  }
}
