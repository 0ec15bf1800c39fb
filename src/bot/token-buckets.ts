/** How fast one user may go: `perMinute` updates a minute for as long as they like, `burst` at once. */
export interface FloodPolicy {
  perMinute: number;
  burst: number;
}

/** A token in the units buckets count in: a minute's worth of milliseconds, so refills are whole numbers. */
const TOKEN = 60_000;

interface Bucket {
  /** In 1/TOKEN of a token: `perMinute` come back each millisecond. */
  units: number;
  /** When `tokens` was last brought up to date. */
  at: number;
  /** When the user was last told in the chat to slow down. */
  toldAt?: number;
}

/**
 * One token bucket per user: a full bucket holds `burst` tokens, each update takes one, and they
 * come back at `perMinute`. An update that finds no token takes none, so whoever waits the time
 * `take` names is let through. The map keeps only users seen lately: a bucket left alone long
 * enough to fill up again is the same as a new one and is dropped.
 */
export class TokenBuckets {
  private readonly buckets = new Map<number, Bucket>();
  private readonly full: number;
  /** How long a bucket untouched must stay kept: until it is full again and its notice gap is over. */
  private readonly keepMs: number;
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly policy: FloodPolicy,
    private readonly noticeGapMs: number,
  ) {
    this.full = policy.burst * TOKEN;
    this.keepMs = Math.max(Math.ceil(this.full / policy.perMinute), noticeGapMs);
  }

  /** Buckets held now (bounded by the users of the last two `keepMs`). */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes a token for `key`: 0 when there was one, else the milliseconds until there is. */
  take(key: number, now: number): number {
    this.sweep(now);
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { units: this.full, at: now }));
    // A clock set back refills nothing rather than draining.
    b.units = Math.min(this.full, b.units + Math.max(0, now - b.at) * this.policy.perMinute);
    b.at = now;
    if (b.units >= TOKEN) {
      b.units -= TOKEN;
      return 0;
    }
    return Math.ceil((TOKEN - b.units) / this.policy.perMinute);
  }

  /** Whether `key` may be told again in the chat (and notes that it is now): once per notice gap. */
  tell(key: number, now: number): boolean {
    const b = this.buckets.get(key);
    if (!b || (b.toldAt !== undefined && now - b.toldAt < this.noticeGapMs)) return false;
    b.toldAt = now;
    return true;
  }

  /** Once per `keepMs`, a walk that drops the buckets nobody touched in that long. */
  private sweep(now: number): void {
    if (now - this.sweptAt < this.keepMs) return;
    this.sweptAt = now;
    for (const [key, b] of this.buckets) if (now - b.at >= this.keepMs) this.buckets.delete(key);
  }
}
