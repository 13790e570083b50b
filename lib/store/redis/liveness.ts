import type { Redis } from 'ioredis';

/**
 * Agent-instance liveness: each heartbeat sets a key that expires after `ttlMs`. An instance is
 * alive exactly while its key exists; Redis's own expiry decides, so no clocks are compared. After
 * Redis loses its data, `isRebuilt()` is false until `rebuild` restores it from PostgreSQL.
 *
 * @example
 * const liveness = createLiveness(redis);
 * await liveness.beat('worker', 'i-1', 15_000, { inFlight: 2 });
 * await liveness.aliveInstances('worker'); // ['i-1']
 */
export function createLiveness(redis: Redis) {
  const instanceKey = (agent: string, instanceId: string) => `agent:${agent}:instance:${instanceId}`;
  const indexKey = (agent: string) => `agent:${agent}:instances`;

  const rebuiltKey = 'liveness:rebuilt';

  return {
    /** False after Redis lost its data: liveness must be rebuilt from PostgreSQL before it is read. */
    async isRebuilt(): Promise<boolean> {
      return (await redis.exists(rebuiltKey)) === 1;
    },

    /** Restores instances (each with what is left of its TTL) and marks liveness trustworthy again. */
    async rebuild(instances: readonly { agent: string; instanceId: string; ttlMs: number }[]): Promise<void> {
      const multi = redis.multi();
      for (const { agent, instanceId, ttlMs } of instances) {
        if (ttlMs <= 0) continue;
        multi.set(instanceKey(agent, instanceId), JSON.stringify({ rebuilt: true, at: Date.now() }), 'PX', Math.ceil(ttlMs), 'NX').sadd(indexKey(agent), instanceId);
      }
      await multi.set(rebuiltKey, '1').exec();
    },

    async beat(agent: string, instanceId: string, ttlMs: number, info: Record<string, unknown> = {}): Promise<void> {
      await redis
        .multi()
        .set(instanceKey(agent, instanceId), JSON.stringify({ ...info, at: Date.now() }), 'PX', ttlMs)
        .sadd(indexKey(agent), instanceId)
        .exec();
    },

    async isAlive(agent: string, instanceId: string): Promise<boolean> {
      return (await redis.exists(instanceKey(agent, instanceId))) === 1;
    },

    /** The instances whose key has not expired; expired ones are pruned from the index on the way. */
    async aliveInstances(agent: string): Promise<string[]> {
      const members = await redis.smembers(indexKey(agent));
      if (members.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of members) pipeline.exists(instanceKey(agent, id));
      const results = (await pipeline.exec()) ?? [];
      const dead = members.filter((_, i) => results[i]?.[1] !== 1);
      if (dead.length > 0) await redis.srem(indexKey(agent), ...dead);
      return members.filter((_, i) => results[i]?.[1] === 1).sort();
    },

    /** The info stored with the last heartbeat, if the instance is alive. */
    async info(agent: string, instanceId: string): Promise<Record<string, unknown> | undefined> {
      const raw = await redis.get(instanceKey(agent, instanceId));
      return raw === null ? undefined : (JSON.parse(raw) as Record<string, unknown>);
    },

    async remove(agent: string, instanceId: string): Promise<void> {
      await redis.multi().del(instanceKey(agent, instanceId)).srem(indexKey(agent), instanceId).exec();
    },
  };
}

export type Liveness = ReturnType<typeof createLiveness>;
