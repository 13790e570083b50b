import type { Redis } from 'ioredis';

// One round trip for a whole batch's claims: SET NX PX on each key, 1 where it was fresh.
const CLAIM_MANY = `
local claimed = {}
for i, key in ipairs(KEYS) do
  claimed[i] = redis.call('SET', key, '1', 'PX', ARGV[1], 'NX') and 1 or 0
end
return claimed`;

type WithScripts = Redis & { syntorClaimMany(count: number, ...keysThenTtl: (string | number)[]): Promise<number[]> };

/**
 * A seen-before guard for at-least-once delivery: `claim` is true only for the first caller with a key
 * within `ttlMs`. Release the claim when processing fails, so the redelivery is not mistaken for a duplicate.
 *
 * @example
 * const guard = createIdempotencyGuard(redis);
 * if (!(await guard.claim(`complete:${taskId}:${attempt}`, 3_600_000))) return; // duplicate
 */
export function createIdempotencyGuard(redis: Redis) {
  const r = redis as WithScripts;
  // The number of keys varies per call, so it is passed first (and the key prefix still applies).
  if (!('syntorClaimMany' in r)) redis.defineCommand('syntorClaimMany', { lua: CLAIM_MANY });
  const key = (id: string) => `seen:${id}`;
  return {
    async claim(id: string, ttlMs: number): Promise<boolean> {
      return (await redis.set(key(id), '1', 'PX', ttlMs, 'NX')) === 'OK';
    },
    /** `claim` for many ids in one step: true where the id was not seen before. */
    async claimMany(ids: readonly string[], ttlMs: number): Promise<boolean[]> {
      if (ids.length === 0) return [];
      const claimed = await r.syntorClaimMany(ids.length, ...ids.map(key), ttlMs);
      return claimed.map((c) => c === 1);
    },
    /** `release` for many ids in one step. */
    async releaseMany(ids: readonly string[]): Promise<void> {
      if (ids.length > 0) await redis.del(...ids.map(key));
    },
    async seen(id: string): Promise<boolean> {
      return (await redis.exists(key(id))) === 1;
    },
    async release(id: string): Promise<void> {
      await redis.del(key(id));
    },
  };
}

export type IdempotencyGuard = ReturnType<typeof createIdempotencyGuard>;
