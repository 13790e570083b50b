const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` once every earlier call for the same directory has settled: two operations on one
 * repository in one process (a worker runs several tasks at once) would otherwise race on its index
 * and refs. Other processes have their own `/tmp` on Lambda; locally one harness runs each agent.
 */
export async function withRepoLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(dir) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  tails.set(dir, tail);
  try {
    return await run;
  } finally {
    if (tails.get(dir) === tail) tails.delete(dir);
  }
}
