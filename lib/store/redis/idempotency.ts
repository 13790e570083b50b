import type { Redis } from 'ioredis';

/**
 * A seen-before guard for at-least-once delivery: `claim` is true only for the first caller with a key
 * within `ttlMs`. Release the claim when processing fails, so the redelivery is not mistaken for a duplicate.
 *
 * @example
 * const guard = createIdempotencyGuard(redis);
 * if (!(await guard.claim(`complete:${taskId}:${attempt}`, 3_600_000))) return; // duplicate
 */
export function createIdempotencyGuard(redis: Redis) {
  const key = (id: string) => `seen:${id}`;
  return {
    async claim(id: string, ttlMs: number): Promise<boolean> {
      return (await redis.set(key(id), '1', 'PX', ttlMs, 'NX')) === 'OK';
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
