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

  describe('in-flight counters', () => {
    const inFlight = createInFlight(redis);

    it('never lets concurrent acquirers exceed the limit', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => inFlight.tryAcquire('worker-a', 5)));
      expect(results.filter(Boolean)).toHaveLength(5);
      expect(await inFlight.count('worker-a')).toBe(5);
    });

    it('takes only the free slots in one step and gives back several at once', async () => {
      expect(await inFlight.acquireUpTo('worker-c', 3, 5)).toBe(3);
      expect(await inFlight.acquireUpTo('worker-c', 4, 5)).toBe(2);
      expect(await inFlight.acquireUpTo('worker-c', 1, 5)).toBe(0);
      expect(await inFlight.releaseMany('worker-c', 4)).toBe(1);
      expect(await inFlight.releaseMany('worker-c', 9)).toBe(0);
    });

    it('frees a slot on release and never goes below zero', async () => {
      expect(await inFlight.tryAcquire('worker-b', 1)).toBe(true);
      expect(await inFlight.tryAcquire('worker-b', 1)).toBe(false);
      expect(await inFlight.release('worker-b')).toBe(0);
      expect(await inFlight.release('worker-b')).toBe(0);
      expect(await inFlight.tryAcquire('worker-b', 1)).toBe(true);
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
