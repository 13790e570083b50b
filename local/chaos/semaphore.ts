/** At most `limit` of the functions given to `run` are in progress at once; the others queue in order. */
export function createSemaphore(limit: number): { run<T>(work: () => Promise<T>): Promise<T> } {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(work) {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await work();
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
  };
}
