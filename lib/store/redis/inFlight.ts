import type { Redis } from 'ioredis';

// Check-and-increment must be one step, or two coordinators could both take the last free slot.
const ACQUIRE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return -1 end
return redis.call('INCR', KEYS[1])`;

// Takes up to ARGV[1] slots below the limit ARGV[2] in one step; answers how many it took.
const ACQUIRE_MANY = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
local take = math.min(tonumber(ARGV[1]), tonumber(ARGV[2]) - n)
if take <= 0 then return 0 end
redis.call('INCRBY', KEYS[1], take)
return take`;

// Gives back up to ARGV[1] slots, never going below zero.
const RELEASE_MANY = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
local give = math.min(n, tonumber(ARGV[1]))
if give <= 0 then return 0 end
return redis.call('DECRBY', KEYS[1], give)`;

// Never below zero: a duplicate completion must not mint capacity.
const RELEASE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n <= 0 then return 0 end
return redis.call('DECR', KEYS[1])`;

type WithScripts = Redis & {
  syntorInFlightAcquire(key: string, limit: number): Promise<number>;
  syntorInFlightRelease(key: string): Promise<number>;
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
  if (!('syntorInFlightAcquire' in r)) {
    redis.defineCommand('syntorInFlightAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    redis.defineCommand('syntorInFlightRelease', { numberOfKeys: 1, lua: RELEASE });
    redis.defineCommand('syntorInFlightAcquireMany', { numberOfKeys: 1, lua: ACQUIRE_MANY });
    redis.defineCommand('syntorInFlightReleaseMany', { numberOfKeys: 1, lua: RELEASE_MANY });
  }
  const key = (agent: string) => `inflight:${agent}`;

  return {
    /** Takes one slot if the agent is below `limit`. */
    async tryAcquire(agent: string, limit: number): Promise<boolean> {
      return (await r.syntorInFlightAcquire(key(agent), limit)) !== -1;
    },
    /** Takes up to `want` slots while staying within `limit`; returns how many it got. */
    async acquireUpTo(agent: string, want: number, limit: number): Promise<number> {
      return want <= 0 ? 0 : r.syntorInFlightAcquireMany(key(agent), want, limit);
    },
    /** Gives `count` slots back (never below zero); returns the new count. */
    async releaseMany(agent: string, count: number): Promise<number> {
      return count <= 0 ? this.count(agent) : r.syntorInFlightReleaseMany(key(agent), count);
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
