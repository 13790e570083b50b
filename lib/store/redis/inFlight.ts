import type { Redis } from 'ioredis';

// Check-and-take must be one step, or two coordinators could both take the last free slot.
// Takes up to ARGV[1] slots below the limit ARGV[2]; answers how many it took.
const ACQUIRE_MANY = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
local take = math.min(tonumber(ARGV[1]), tonumber(ARGV[2]) - n)
if take <= 0 then return 0 end
redis.call('INCRBY', KEYS[1], take)
return take`;

// Gives back up to ARGV[1] slots, never below zero: a duplicate completion must not mint capacity.
const RELEASE_MANY = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
local give = math.min(n, tonumber(ARGV[1]))
if give <= 0 then return 0 end
return redis.call('DECRBY', KEYS[1], give)`;

type WithScripts = Redis & {
  syntorInFlightAcquireMany(key: string, want: number, limit: number): Promise<number>;
  syntorInFlightReleaseMany(key: string, count: number): Promise<number>;
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
  if (!('syntorInFlightAcquireMany' in r)) {
    redis.defineCommand('syntorInFlightAcquireMany', { numberOfKeys: 1, lua: ACQUIRE_MANY });
    redis.defineCommand('syntorInFlightReleaseMany', { numberOfKeys: 1, lua: RELEASE_MANY });
  }
  const key = (agent: string) => `inflight:${agent}`;

  const count = async (agent: string) => Number((await redis.get(key(agent))) ?? 0);
  /** Takes up to `want` slots while staying within `limit`; returns how many it got. */
  const acquireUpTo = async (agent: string, want: number, limit: number): Promise<number> =>
    want <= 0 ? 0 : r.syntorInFlightAcquireMany(key(agent), want, limit);
  /** Gives `n` slots back (never below zero); returns the new count. */
  const releaseMany = async (agent: string, n: number): Promise<number> =>
    n <= 0 ? count(agent) : r.syntorInFlightReleaseMany(key(agent), n);

  return {
    acquireUpTo,
    releaseMany,
    /** Takes one slot if the agent is below `limit`. */
    tryAcquire: async (agent: string, limit: number): Promise<boolean> => (await acquireUpTo(agent, 1, limit)) === 1,
    /** Gives one slot back; returns the new count. */
    release: (agent: string): Promise<number> => releaseMany(agent, 1),
    count,
    /** Sets the count from the source of truth (the sweeper reconciles counters a crash left behind). */
    async reset(agent: string, value: number): Promise<void> {
      await redis.set(key(agent), Math.max(0, value));
    },
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
