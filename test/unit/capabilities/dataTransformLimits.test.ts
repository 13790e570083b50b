import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { DATA_TRANSFORM_LIMITS } from '../../../lib/capabilities/builtin/index.js';
import { CapabilityFailedError, CapabilityInputError, dataTransform, runCapability, type Capability } from '../../../lib/capabilities/index.js';
import type { SyntorProducer } from '../../../lib/kafka/index.js';
import { createLogger } from '../../../lib/observability/index.js';
import { runAssignment } from '../../../lib/worker/runAssignment.js';
import { buildTaskAssign } from '../../fixtures/messages.js';
import { buildCapabilityContext } from './fixtures.js';

/** The finding's payload: ~1.1 MB of records and an `in` list of 10 000 objects none of them match. */
function hostileInPayload() {
  const records = Array.from({ length: 15_000 }, (_, i) => ({ id: i, name: `user-${i}`, team: { name: `team-${i % 97}` } }));
  const values = Array.from({ length: DATA_TRANSFORM_LIMITS.inValues }, (_, i) => ({ name: `absent-team-${i}-padding` }));
  values[0] = { name: 'team-3' };
  return { records, steps: [{ type: 'filter', field: 'team', operator: 'in', value: values }] };
}

/** Under the work cap, but seconds of work: 100 000 records through 50 map steps. */
function longPayload() {
  const records = Array.from({ length: 100_000 }, (_, i) => ({ id: i }));
  const steps = Array.from({ length: 50 }, (_, i) => ({ type: 'map', field: `f${i}`, from: 'id' }));
  return { records, steps };
}

/** The longest time between two ticks of a 10 ms interval while `run` runs: how long the event loop was blocked. */
async function longestBlockMs<T>(run: () => Promise<T>): Promise<{ result: T | unknown; blockedMs: number; elapsedMs: number }> {
  let last = performance.now();
  let blockedMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    blockedMs = Math.max(blockedMs, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  const result = await run().catch((error: unknown) => error);
  const elapsedMs = performance.now() - started;
  clearInterval(ticker);
  blockedMs = Math.max(blockedMs, performance.now() - last);
  return { result, blockedMs, elapsedMs };
}

describe('data.transform under hostile input', () => {
  it('filters 1.1 MB of records by a 10 000-value "in" list quickly, never blocking the event loop for long', async () => {
    // Prepare
    const payload = hostileInPayload();
    expect(JSON.stringify(payload).length).toBeGreaterThan(1_100_000);

    // Act
    const { result, blockedMs, elapsedMs } = await longestBlockMs(() => runCapability(dataTransform, payload, buildCapabilityContext().ctx));

    // Assess: before set lookups and chunks, this blocked the event loop for ~12 s in one piece
    expect((result as { count: number }).count).toBe(payload.records.filter((r) => r.team.name === 'team-3').length);
    expect(elapsedMs).toBeLessThan(2_000);
    expect(blockedMs).toBeLessThan(200);
  });

  it('refuses, before running, work over the cap, naming the product and the cap', async () => {
    // Prepare: each limit alone is fine; the product is not
    const records = Array.from({ length: DATA_TRANSFORM_LIMITS.records }, () => ({}));
    const fields = Array.from({ length: 200 }, (_, i) => `field${i}`);

    // Act
    const error = await runCapability(dataTransform, { records, steps: [{ type: 'pick', fields }] }, buildCapabilityContext().ctx).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(CapabilityInputError);
    expect((error as CapabilityInputError).fields).toEqual([
      { path: 'steps', message: expect.stringContaining(`100000 records × 200 field operations per record over 1 steps ≈ 20000000 operations, over the cap of ${DATA_TRANSFORM_LIMITS.work}`) },
    ]);
  });

  it('counts a limit as bounding the steps after it', async () => {
    const records = Array.from({ length: DATA_TRANSFORM_LIMITS.records }, (_, i) => ({ i }));
    const fields = Array.from({ length: 200 }, (_, i) => `field${i}`);

    const output = await runCapability(dataTransform, { records, steps: [{ type: 'limit', n: 10 }, { type: 'pick', fields: ['i', ...fields] }] }, buildCapabilityContext().ctx);

    expect(output).toMatchObject({ count: 10 });
  });

  it('stops when its signal is aborted, with an error saying the time is up', async () => {
    // Prepare
    const recorded = buildCapabilityContext();
    setTimeout(() => recorded.abort(), 100);

    // Act
    const { result, blockedMs, elapsedMs } = await longestBlockMs(() => runCapability(dataTransform, longPayload(), recorded.ctx));

    // Assess
    expect(result).toBeInstanceOf(CapabilityFailedError);
    expect((result as Error).message).toMatch(/stopped, the attempt's time is up/);
    expect(elapsedMs).toBeLessThan(100 + 500);
    expect(blockedMs).toBeLessThan(200);
  });
});

describe('a data.transform task past its timeout', () => {
  const producer = { publish: async () => [], publishAll: async () => [], sendRaw: async () => [], disconnect: async () => undefined } satisfies SyntorProducer;
  const context = { getRemainingTimeInMillis: () => 60_000 } as Context;

  it('fails by the timeout and the transform itself stops soon after', async () => {
    // Prepare: the real capability, watched for when its run settles
    let settled: { at: number; error: unknown } | undefined;
    const watched: Capability = {
      ...(dataTransform as Capability),
      run: (input, ctx) =>
        (dataTransform as Capability).run(input, ctx).then(
          (output) => ((settled = { at: performance.now(), error: undefined }), output),
          (error: unknown) => {
            settled = { at: performance.now(), error };
            throw error;
          },
        ),
    };
    const timeoutMs = 300;

    // Act
    const started = performance.now();
    const outcome = await runAssignment({
      assignment: buildTaskAssign({
        agent: 'worker-alpha',
        task: { id: '0b8a2d0c-6f1e-4c55-9d0e-1d9a4a1e2f33', type: 'data.transform', priority: 5, requiredCapabilities: ['data.transform'], payload: longPayload(), timeoutMs, maxRetries: 3 },
      }).payload,
      capabilities: new Map([['data.transform', watched]]),
      instanceId: 'worker-alpha-1',
      context,
      producer,
      logger: createLogger({ level: 'error' }),
    });
    const failedAfter = performance.now() - started;
    await expect.poll(() => settled, { timeout: 1_000, interval: 5 }).toBeDefined();

    // Assess
    expect(outcome).toMatchObject({ outcome: 'failure', error: { retriable: true, message: expect.stringMatching(/did not finish within 300 ms/) } });
    expect(failedAfter).toBeLessThan(timeoutMs + 300);
    expect(settled!.error).toBeInstanceOf(CapabilityFailedError);
    expect(settled!.at - started).toBeLessThan(timeoutMs + 300);
  });
});
