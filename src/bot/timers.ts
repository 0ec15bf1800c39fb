import { performance } from "node:perf_hooks";

/** The clock the bot's waits run on: the wall clock in production, a clock moved by hand in tests. */
export interface Timers {
  now(): number;
  /** Calls `fn` once `ms` have passed; the function returned cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const realTimers: Timers = {
  // Monotonic and finer than a millisecond: a pace counted in whole milliseconds of a clock that
  // can be set back lets two messages reach Telegram a fraction too close.
  now: () => performance.now(),
  after(ms, fn) {
    // A wait never keeps the process alive by itself: after a stop, what still waits is dropped.
    const timer = setTimeout(fn, ms).unref();
    return () => clearTimeout(timer);
  },
};

/** Resolves once `ms` have passed on `timers`, or at once when `signal` aborts. */
export function sleep(
  timers: Timers,
  ms: number,
  signal?: { aborted: boolean; addEventListener(type: "abort", fn: () => void): void; removeEventListener(type: "abort", fn: () => void): void },
): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      cancel();
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const cancel = timers.after(ms, done);
    signal?.addEventListener("abort", done);
  });
}
