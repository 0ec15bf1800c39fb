import type { Attempts } from "../db/attempts.js";
import type { RouteStore } from "../db/routes.js";
import type { ProviderSet } from "../providers/index.js";

/** What the admins hear: a provider left routing (with why and until when) or came back. */
export type RouteNews = { kind: "out"; provider: string; failures: number; until: number } | { kind: "back"; provider: string };

export interface RouteHealthOptions {
  store: RouteStore;
  attempts: Attempts;
  providers: ProviderSet;
  now: () => number;
  /** This many failed purchases in a row (ROUTE_SUSPEND_AFTER) take a provider out of routing... */
  suspendAfter: number;
  /** ...for this long (ROUTE_SUSPEND_MINUTES), after which a successful check brings it back. */
  suspendMs: number;
  tell: (news: RouteNews) => Promise<void>;
  log?: (message: string) => void;
}

/**
 * Takes a failing provider out of routing and brings it back. After each answered attempt, a
 * provider whose latest purchases failed `suspendAfter` times in a row (refused, or left without a
 * final answer) goes to the back of every product's routes for `suspendMs`, and the admins are
 * told once. When that time is up its balance is asked: an answer brings it back (its old
 * failures no longer count), none keeps it out for another while. With one provider nothing
 * happens: there is nowhere else to go.
 */
export class RouteHealth {
  private reviewing: Promise<void> | undefined;

  constructor(private readonly opts: RouteHealthOptions) {}

  /** After an attempt of `provider` was answered. */
  async observe(provider: string): Promise<void> {
    const { store, attempts, now, suspendAfter, suspendMs, providers } = this.opts;
    if (providers.all.length < 2) return;
    const health = store.health(provider);
    if (health.suspendedUntil !== null) return;
    const failures = attempts.failuresInARow(provider, health.countsSince, suspendAfter);
    if (failures < suspendAfter) return;
    const until = now() + suspendMs;
    if (!store.suspend(provider, until, `${failures} failures in a row`)) return;
    this.opts.log?.(`provider ${provider} out of routing until ${new Date(until).toISOString()}: ${failures} failed purchases in a row`);
    await this.opts.tell({ kind: "out", provider, failures, until });
  }

  /** Checks each provider whose time out is up; one review at a time. */
  review(): Promise<void> {
    this.reviewing ??= this.checkDue().finally(() => (this.reviewing = undefined));
    return this.reviewing;
  }

  private async checkDue(): Promise<void> {
    const { store, providers, now, suspendMs } = this.opts;
    for (const provider of providers.all) {
      const until = store.health(provider.name).suspendedUntil;
      if (until === null || until > now()) continue;
      const check = await provider.balance().catch(() => undefined);
      if (check?.kind !== "success") {
        store.extend(provider.name, now() + suspendMs);
        continue;
      }
      if (store.reinstate(provider.name, now())) {
        this.opts.log?.(`provider ${provider.name} back in routing after a successful check`);
        await this.opts.tell({ kind: "back", provider: provider.name });
      }
    }
  }
}
