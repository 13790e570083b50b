import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createIdempotencyGuard, createInFlight, createLiveness, createRedis } from '../../../lib/store/index.js';
import { testConfig, uniqueName } from '../support/testConfig.js';

describe('Redis primitives', () => {
  // A unique key prefix per run keeps this file apart from anything else on the server.
  const redis = createRedis(testConfig().redis, { keyPrefix: `${uniqueName('syntor-it')}:` });
  afterAll(() => redis.quit());

  describe('liveness', () => {
    const liveness = createLiveness(redis);

    it('keeps an instance alive only while its heartbeats keep coming', async () => {
      await liveness.beat('worker', 'i-1', 300, { inFlight: 2 });
      await liveness.beat('worker', 'i-2', 5_000);

      expect(await liveness.aliveInstances('worker')).toEqual(['i-1', 'i-2']);
      expect(await liveness.info('worker', 'i-1')).toMatchObject({ inFlight: 2 });
      await sleep(500);
      expect(await liveness.isAlive('worker', 'i-1')).toBe(false);
      expect(await liveness.aliveInstances('worker')).toEqual(['i-2']);
    });

    it('a heartbeat renews the TTL', async () => {
      await liveness.beat('svc', 'i-1', 400);
      await sleep(250);
      await liveness.beat('svc', 'i-1', 400);
      await sleep(250);
      expect(await liveness.isAlive('svc', 'i-1')).toBe(true);
    });

    it('forgets a stopped instance at once', async () => {
      await liveness.beat('git', 'i-1', 5_000);
      await liveness.remove('git', 'i-1');
      expect(await liveness.aliveInstances('git')).toEqual([]);
    });
  });

  describe('in-flight sets', () => {
    const inFlight = createInFlight(redis);
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

    it('answers "rebuild me" while the set was never built from PostgreSQL (or Redis lost it)', async () => {
      expect(await inFlight.acquire('worker-new', ['t-1'], 5)).toBeUndefined();
      await inFlight.rebuild('worker-new', [], 'replace');
      expect(await inFlight.acquire('worker-new', ['t-1'], 5)).toEqual(['t-1']);
    });

    it('never lets concurrent acquirers exceed the limit', async () => {
      await inFlight.rebuild('worker-a', [], 'replace');
      const results = await Promise.all(ids('a', 20).map((id) => inFlight.acquire('worker-a', [id], 5)));
      expect(results.filter((taken) => taken?.length === 1)).toHaveLength(5);
      expect(await inFlight.count('worker-a')).toBe(5);
    });

    it('takes only the free slots in one step, in order, and frees exactly the tasks released', async () => {
      await inFlight.rebuild('worker-c', [], 'replace');
      expect(await inFlight.acquire('worker-c', ['c1', 'c2', 'c3'], 5)).toEqual(['c1', 'c2', 'c3']);
      expect(await inFlight.acquire('worker-c', ['c4', 'c5', 'c6', 'c7'], 5)).toEqual(['c4', 'c5']);
      expect(await inFlight.acquire('worker-c', ['c8'], 5)).toEqual([]);
      await inFlight.release('worker-c', ['c1', 'c1', 'c9']);
      expect(await inFlight.count('worker-c')).toBe(4);
    });

    it('a duplicate release mints no capacity, and a task already holding a slot keeps just one', async () => {
      await inFlight.rebuild('worker-b', [], 'replace');
      expect(await inFlight.acquire('worker-b', ['b1'], 1)).toEqual(['b1']);
      expect(await inFlight.acquire('worker-b', ['b2'], 1)).toEqual([]);
      expect(await inFlight.acquire('worker-b', ['b1'], 1)).toEqual([]);
      await inFlight.release('worker-b', ['b2']);
      expect(await inFlight.acquire('worker-b', ['b3'], 1)).toEqual([]);
      await inFlight.release('worker-b', ['b1']);
      expect(await inFlight.acquire('worker-b', ['b3'], 1)).toEqual(['b3']);
    });

    it('is rebuilt exactly from the truth, or merged with it after a loss', async () => {
      await inFlight.rebuild('worker-d', ['d1', 'stale'], 'replace');
      await inFlight.rebuild('worker-d', ['d1', 'd2'], 'replace');
      expect(await inFlight.count('worker-d')).toBe(2);
      expect(await inFlight.rebuild('worker-d', ['d3'], 'union')).toBe(3);
    });
  });

  describe('idempotency guard', () => {
    const guard = createIdempotencyGuard(redis);

    it('lets exactly one of concurrent claims through', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => guard.claim('complete:t-1:1', 10_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await guard.seen('complete:t-1:1')).toBe(true);
    });

    it('lets a key be claimed again once it expires or is released', async () => {
      expect(await guard.claim('k-expire', 200)).toBe(true);
      await sleep(350);
      expect(await guard.claim('k-expire', 200)).toBe(true);

      expect(await guard.claim('k-release', 10_000)).toBe(true);
      await guard.release('k-release');
      expect(await guard.claim('k-release', 10_000)).toBe(true);
    });

    it('claims a batch in one step: fresh ids only, each once across concurrent batches, under the key prefix', async () => {
      expect(await guard.claim('batch-2', 10_000)).toBe(true);
      const [first, second] = await Promise.all([
        guard.claimMany(['batch-1', 'batch-2', 'batch-3'], 10_000),
        guard.claimMany(['batch-3', 'batch-4'], 10_000),
      ]);
      expect(first![1]).toBe(false);
      // batch-3 went to exactly one of the two batches.
      expect([first![2], second![0]].filter(Boolean)).toHaveLength(1);
      expect([first![0], second![1]]).toEqual([true, true]);
      expect(await guard.seen('batch-4')).toBe(true);
      expect(await guard.claimMany([], 10_000)).toEqual([]);

      await guard.releaseMany(['batch-1', 'batch-4']);
      expect(await guard.claimMany(['batch-1', 'batch-4', 'batch-2'], 10_000)).toEqual([true, true, false]);
    });
  });
});
