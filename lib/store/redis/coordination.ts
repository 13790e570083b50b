import type { Redis } from 'ioredis';

/**
 * Locks shared by every coordinator, in Redis: each expires by itself, so a coordinator that dies
 * holding one never blocks the others for longer than its TTL.
 *
 * @example
 * const locks = createLocks(redis);
 * if (await locks.claimSweep(60_000)) await sweep(deps);
 */
export function createLocks(redis: Redis) {
  return {
    /** True for the first caller within `ttlMs`: that one sweeps, the others do not. */
    async claimSweep(ttlMs: number): Promise<boolean> {
      return (await redis.set('sweep:lock', '1', 'PX', ttlMs, 'NX')) === 'OK';
    },
  };
}

export type Locks = ReturnType<typeof createLocks>;

/**
 * The round-robin strategy's turn, shared by every coordinator in Redis so that they take turns
 * together rather than each starting from the first agent.
 *
 * @example
 * const turn = await createRoutingTurns(redis).advance(tasks.length); // the turn after the batch
 */
export function createRoutingTurns(redis: Redis) {
  return {
    /** Moves the turn on by `count` (one per task routed) and answers where it now stands. */
    async advance(count: number): Promise<number> {
      return redis.incrby('routing:turn', count);
    },
  };
}

export type RoutingTurns = ReturnType<typeof createRoutingTurns>;
