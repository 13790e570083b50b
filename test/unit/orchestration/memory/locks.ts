/** The coordinators' locks in memory: the sweep lock expires `ttlMs` after it was taken. */
export function createMemoryLocks() {
  let sweepLockedUntil = Number.NEGATIVE_INFINITY;
  return {
    async claimSweep(ttlMs: number): Promise<boolean> {
      if (Date.now() < sweepLockedUntil) return false;
      sweepLockedUntil = Date.now() + ttlMs;
      return true;
    },
  };
}
