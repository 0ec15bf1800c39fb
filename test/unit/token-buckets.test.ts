import { describe, expect, it } from "vitest";
import { TokenBuckets } from "../../src/bot/token-buckets.js";

/** The flood limit's arithmetic (the bot's behaviour is in test/ops/rate-limit.test.ts). */

describe("token buckets", () => {
  it("lets a burst through at once, then one per refill, and names the wait to the millisecond", () => {
    const b = new TokenBuckets({ perMinute: 60, burst: 3 }, 10_000);
    expect([b.take(1, 0), b.take(1, 0), b.take(1, 0)]).toEqual([0, 0, 0]);
    expect(b.take(1, 0)).toBe(1_000);
    expect(b.take(1, 400)).toBe(600);
    // A held update takes nothing: waiting the time named is enough.
    expect(b.take(1, 1_000)).toBe(0);
    expect(b.take(1, 1_000)).toBe(1_000);
    // Another user has a bucket of their own.
    expect(b.take(2, 1_000)).toBe(0);
    // A long pause fills the bucket, never past the burst.
    expect([b.take(1, 3_600_000), b.take(1, 3_600_000), b.take(1, 3_600_000), b.take(1, 3_600_000)]).toEqual([0, 0, 0, 1_000]);
  });

  it("tells a user at most once per notice gap", () => {
    const b = new TokenBuckets({ perMinute: 60, burst: 1 }, 10_000);
    b.take(1, 0);
    expect(b.tell(1, 0)).toBe(true);
    expect(b.tell(1, 9_999)).toBe(false);
    expect(b.tell(1, 10_000)).toBe(true);
  });

  it("a clock set back drains nothing and refills nothing", () => {
    const b = new TokenBuckets({ perMinute: 60, burst: 2 }, 10_000);
    expect(b.take(1, 50_000)).toBe(0);
    expect(b.take(1, 10_000)).toBe(0);
    expect(b.take(1, 10_000)).toBe(1_000);
  });

  it("stays bounded with many users: only those seen within the last half minute or so are kept", () => {
    // Defaults: a bucket refills fully in 30 s, so one left alone that long is dropped.
    const b = new TokenBuckets({ perMinute: 60, burst: 30 }, 10_000);
    let most = 0;
    // 150,000 users, 5 new ones every 10 ms: 500 a second for five minutes.
    for (let user = 0; user < 150_000; user++) {
      b.take(user, Math.floor(user / 5) * 10);
      most = Math.max(most, b.size);
    }
    // At most the senders of two refill times (it is swept once per refill time), not all of them.
    expect(most).toBeLessThanOrEqual(2 * 30 * 500);
    // Later, a single update sweeps out everyone idle since.
    b.take(1, 10 * 60_000);
    expect(b.size).toBe(1);
  });
});
