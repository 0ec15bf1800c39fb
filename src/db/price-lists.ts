import type { ProviderName } from "../billing/bill.js";
import type { Db } from "./database.js";
import { statements } from "./statements.js";
import type { PriceListItem } from "../billing/price-list.js";

/** Which list a fetch record is about: a provider's postpaid list, or its prepaid one. */
export type ListKey = ProviderName | `${ProviderName}:prepaid`;

export interface PriceListState {
  /** When the list in SQLite was fetched; undefined when none ever was. */
  fetchedAt?: number;
  /** Since when refreshes fail (cleared by the next good one), and the last reason. */
  failingSince?: number;
  failure?: string;
}

interface ItemRow {
  code: string;
  name: string;
  price: number | null;
  commission: number | null;
  active: number;
}

interface FetchRow {
  fetched_at: number | null;
  failing_since: number | null;
  failure: string | null;
}

/** Each provider's last good price list and how its refreshes go, in SQLite. */
export class PriceLists {
  /** Read on every product menu and "pay again": prepared once. */
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  /** Replaces the provider's list with a fresh one and clears any failure, in one SQLite transaction. */
  save(provider: ProviderName, items: PriceListItem[], now: number): void {
    const insert = this.db.prepare("INSERT OR REPLACE INTO price_list_items (provider, code, name, price, commission, active) VALUES (?, ?, ?, ?, ?, ?)");
    this.db
      .transaction(() => {
        this.db.prepare("DELETE FROM price_list_items WHERE provider = ?").run(provider);
        for (const i of items) insert.run(provider, i.code, i.name, i.price ?? null, i.commission ?? null, i.active ? 1 : 0);
        this.markFetched(provider, now);
      })
      .immediate();
  }

  /** Records a good fetch of `list` and clears any failure; runs inside the caller's SQLite transaction. */
  markFetched(list: ListKey, now: number): void {
    this.db
      .prepare(
        `INSERT INTO price_list_fetches (provider, fetched_at, failing_since, failure) VALUES (?, ?, NULL, NULL)
         ON CONFLICT (provider) DO UPDATE SET fetched_at = excluded.fetched_at, failing_since = NULL, failure = NULL`,
      )
      .run(list, now);
  }

  /**
   * Records a failed refresh, keeping the last good list. True only for the first failure since
   * the last good fetch (or ever), so the admins are told once per outage, across restarts too.
   */
  recordFailure(list: ListKey, reason: string, now: number): boolean {
    return this.db
      .transaction((): boolean => {
        const first = this.state(list).failingSince === undefined;
        this.db
          .prepare(
            `INSERT INTO price_list_fetches (provider, fetched_at, failing_since, failure) VALUES (?, NULL, ?, ?)
           ON CONFLICT (provider) DO UPDATE SET failing_since = COALESCE(failing_since, excluded.failing_since), failure = excluded.failure`,
          )
          .run(list, now, reason);
        return first;
      })
      .immediate();
  }

  /** The provider's list by product code; undefined when none was ever fetched. */
  items(provider: ProviderName): Map<string, PriceListItem> | undefined {
    if (this.state(provider).fetchedAt === undefined) return undefined;
    const rows = this.db.prepare("SELECT code, name, price, commission, active FROM price_list_items WHERE provider = ?").all(provider) as ItemRow[];
    return new Map(
      rows.map((r) => [
        r.code,
        {
          code: r.code,
          name: r.name,
          ...(r.price !== null && { price: r.price }),
          ...(r.commission !== null && { commission: r.commission }),
          active: r.active === 1,
        },
      ]),
    );
  }

  /** Codes the provider lists as inactive (empty when no list is known). */
  inactiveCodes(provider: ProviderName): Set<string> {
    const rows = this.sql("SELECT code FROM price_list_items WHERE provider = ? AND active = 0").all(provider) as { code: string }[];
    return new Set(rows.map((r) => r.code));
  }

  state(list: ListKey): PriceListState {
    const r = this.sql("SELECT fetched_at, failing_since, failure FROM price_list_fetches WHERE provider = ?").get(list) as FetchRow | undefined;
    return {
      ...(r?.fetched_at != null && { fetchedAt: r.fetched_at }),
      ...(r?.failing_since != null && { failingSince: r.failing_since }),
      ...(r?.failure != null && { failure: r.failure }),
    };
  }
}
