import type { Redis } from 'ioredis';

// Check-and-take must be one step, or two coordinators could both take the last free slot.
// KEYS[1] the agent's set of in-flight task ids, KEYS[2] its "rebuilt from PostgreSQL" marker;
// ARGV[1] the limit, ARGV[2..] task ids. Answers the ids it took, or -1 when the set was lost
// (Redis restarted or flushed) and must be rebuilt before it can be trusted.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
local free = tonumber(ARGV[1]) - redis.call('SCARD', KEYS[1])
local taken = {}
for i = 2, #ARGV do
  if free <= 0 then break end
  if redis.call('SADD', KEYS[1], ARGV[i]) == 1 then free = free - 1 end
  taken[#taken + 1] = ARGV[i]
end
return taken`;

// Replaces the set with the truth (or adds it, ARGV[1] = 'union') and marks it trusted.
const REBUILD = `
if ARGV[1] ~= 'union' then redis.call('DEL', KEYS[1]) end
for i = 2, #ARGV do redis.call('SADD', KEYS[1], ARGV[i]) end
redis.call('SET', KEYS[2], '1')
return redis.call('SCARD', KEYS[1])`;

type WithScripts = Redis & {
  syntorInFlightAcquire(setKey: string, markerKey: string, limit: number, ...taskIds: string[]): Promise<string[] | -1>;
  syntorInFlightRebuild(setKey: string, markerKey: string, mode: 'replace' | 'union', ...taskIds: string[]): Promise<number>;
};

/**
 * Per-agent in-flight tasks: a set of task ids per agent in Redis, bounded by its concurrency
 * limit. Membership rather than a counter, so it can be reconciled exactly with PostgreSQL (the
 * truth) and a duplicate release cannot mint capacity. When the set is lost (a Redis restart loses
 * its data), acquiring answers `undefined` until it is rebuilt from PostgreSQL, so a lost cache is
 * never read as "nothing in flight".
 *
 * @example
 * const inFlight = createInFlight(redis);
 * const taken = await inFlight.acquire('worker', ['t1', 't2'], 4); // ['t1', 't2'], or fewer at the limit
 * if (taken === undefined) await inFlight.rebuild('worker', idsFromPostgres, 'union');
 */
export function createInFlight(redis: Redis) {
  const r = redis as WithScripts;
  if (!('syntorInFlightAcquire' in r)) {
    redis.defineCommand('syntorInFlightAcquire', { numberOfKeys: 2, lua: ACQUIRE });
    redis.defineCommand('syntorInFlightRebuild', { numberOfKeys: 2, lua: REBUILD });
  }
  const setKey = (agent: string) => `inflight:${agent}:tasks`;
  const markerKey = (agent: string) => `inflight:${agent}:rebuilt`;

  return {
    /** Takes a slot for each task, in order, while the agent stays within `limit`; the ids it took, or undefined if the set must be rebuilt first. */
    async acquire(agent: string, taskIds: readonly string[], limit: number): Promise<string[] | undefined> {
      if (taskIds.length === 0) return [];
      const taken = await r.syntorInFlightAcquire(setKey(agent), markerKey(agent), limit, ...taskIds);
      return taken === -1 ? undefined : taken;
    },
    /** Gives the tasks' slots back; a task not in the set changes nothing. */
    async release(agent: string, taskIds: readonly string[]): Promise<void> {
      if (taskIds.length > 0) await redis.srem(setKey(agent), ...taskIds);
    },
    async count(agent: string): Promise<number> {
      return redis.scard(setKey(agent));
    },
    /**
     * Sets the agent's set from PostgreSQL: `replace` for the sweeper's exact reconciliation,
     * `union` after a loss (slots taken meanwhile by another coordinator are kept).
     */
    async rebuild(agent: string, taskIds: readonly string[], mode: 'replace' | 'union'): Promise<number> {
      return r.syntorInFlightRebuild(setKey(agent), markerKey(agent), mode, ...taskIds);
    },
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
