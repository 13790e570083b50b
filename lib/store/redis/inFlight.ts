import type { Redis } from 'ioredis';

// Check-and-increment must be one step, or two coordinators could both take the last free slot.
const ACQUIRE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])`;

// Never below zero: a duplicate completion must not mint capacity.
const RELEASE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n <= 0 then return 0 end
return redis.call('DECR', KEYS[1])`;

type WithScripts = Redis & {
  syntorInFlightAcquire(key: string, limit: number): Promise<number>;
  syntorInFlightRelease(key: string): Promise<number>;
};

/**
 * Per-agent in-flight counters: how many tasks an agent is running, bounded by its concurrency limit.
 *
 * @example
 * const inFlight = createInFlight(redis);
 * if (await inFlight.tryAcquire('worker', 4)) { ... } // false when the agent is at its limit
 */
export function createInFlight(redis: Redis) {
  const r = redis as WithScripts;
  if (!('syntorInFlightAcquire' in r)) {
    redis.defineCommand('syntorInFlightAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    redis.defineCommand('syntorInFlightRelease', { numberOfKeys: 1, lua: RELEASE });
  }
  const key = (agent: string) => `inflight:${agent}`;

  return {
    /** Takes one slot if the agent is below `limit`. */
    async tryAcquire(agent: string, limit: number): Promise<boolean> {
      return (await r.syntorInFlightAcquire(key(agent), limit)) !== -1;
    },
    /** Gives one slot back; returns the new count. */
    async release(agent: string): Promise<number> {
      return r.syntorInFlightRelease(key(agent));
    },
    async count(agent: string): Promise<number> {
      return Number((await redis.get(key(agent))) ?? 0);
    },
    /** Sets the count from the source of truth (the sweeper reconciles counters a crash left behind). */
    async reset(agent: string, value: number): Promise<void> {
      await redis.set(key(agent), Math.max(0, value));
    },
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
