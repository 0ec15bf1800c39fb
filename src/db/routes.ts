import type { Db } from "./database.js";
import { statements } from "./statements.js";

export type OverrideMode = "pin" | "exclude";

export interface RouteOverride {
  productId: string;
  provider: string;
  mode: OverrideMode;
  setBy: number;
  setAt: number;
}

/** A provider out of routing until `until` (a run of failures), or back in. */
export interface ProviderHealthRow {
  provider: string;
  suspendedUntil: number | null;
  reason: string | null;
  /** Failures before this do not count towards a new suspension (it came back then). */
  countsSince: number;
}

/** The operators' routing overrides (route_overrides) and the providers taken out of routing (provider_health). */
export class RouteStore {
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  overrides(productId?: string): RouteOverride[] {
    const rows = (
      productId === undefined
        ? this.sql("SELECT * FROM route_overrides ORDER BY product_id, mode, provider").all()
        : this.sql("SELECT * FROM route_overrides WHERE product_id = ? ORDER BY mode, provider").all(productId)
    ) as { product_id: string; provider: string; mode: OverrideMode; set_by: number; set_at: number }[];
    return rows.map((r) => ({ productId: r.product_id, provider: r.provider, mode: r.mode, setBy: r.set_by, setAt: r.set_at }));
  }

  /** Pins the product to one provider (replacing an earlier pin) or excludes a provider for it. */
  set(productId: string, provider: string, mode: OverrideMode, adminId: number, now: number): void {
    this.db
      .transaction(() => {
        if (mode === "pin") this.sql("DELETE FROM route_overrides WHERE product_id = ? AND mode = 'pin'").run(productId);
        this.sql("INSERT OR REPLACE INTO route_overrides (product_id, provider, mode, set_by, set_at) VALUES (?, ?, ?, ?, ?)").run(
          productId,
          provider,
          mode,
          adminId,
          now,
        );
      })
      .immediate();
  }

  /** Removes every override of the product; how many there were. */
  clear(productId: string): number {
    return this.sql("DELETE FROM route_overrides WHERE product_id = ?").run(productId).changes;
  }

  health(provider: string): ProviderHealthRow {
    const row = this.sql("SELECT * FROM provider_health WHERE provider = ?").get(provider) as
      | { provider: string; suspended_until: number | null; reason: string | null; counts_since: number }
      | undefined;
    return row
      ? { provider, suspendedUntil: row.suspended_until, reason: row.reason, countsSince: row.counts_since }
      : { provider, suspendedUntil: null, reason: null, countsSince: 0 };
  }

  /** Takes the provider out of routing until `until`; false when it already was out (the admins hear of it once). */
  suspend(provider: string, until: number, reason: string): boolean {
    return (
      this.sql(
        `INSERT INTO provider_health (provider, suspended_until, reason) VALUES (?, ?, ?)
           ON CONFLICT (provider) DO UPDATE SET suspended_until = excluded.suspended_until, reason = excluded.reason WHERE suspended_until IS NULL`,
      ).run(provider, until, reason).changes === 1
    );
  }

  /** Keeps a suspended provider out until `until` (its check failed). */
  extend(provider: string, until: number): void {
    this.sql("UPDATE provider_health SET suspended_until = ? WHERE provider = ? AND suspended_until IS NOT NULL").run(until, provider);
  }

  /** Puts the provider back in routing; its failures count from `now`. False when it was not out. */
  reinstate(provider: string, now: number): boolean {
    return (
      this.sql("UPDATE provider_health SET suspended_until = NULL, reason = NULL, counts_since = ? WHERE provider = ? AND suspended_until IS NOT NULL").run(
        now,
        provider,
      ).changes === 1
    );
  }
}
