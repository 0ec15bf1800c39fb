/**
 * Waits for a set of promises to settle, and for those added to it while waiting (a message that
 * came in during a shutdown); false when `ms` passed first.
 */
export async function settledWithin(pending: Set<Promise<unknown>>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    for (let waited = new Set<Promise<unknown>>(); ; ) {
      const fresh = [...pending].filter((p) => !waited.has(p));
      if (fresh.length === 0) return true;
      if ((await Promise.race([Promise.all(fresh).then(() => true), late])) === false) return false;
      waited = new Set([...waited, ...fresh]);
    }
  } finally {
    clearTimeout(timer);
  }
}
