import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { handlerPath } from '../../../lib/manifest/index.js';
import { buildMskEvent, localEventSource } from '../../../lib/kafka/index.js';
import { aggregateMetrics, createEnvironmentPool, recordsInvokeOf, type EnvironmentPool, type EnvironmentPoolOptions } from '../../../local/harness/environment/index.js';
import { HandlerFailedError, HandlerTimeoutError } from '../../../local/harness/errors.js';
import { silentLog } from '../../../local/harness/log.js';
import { buildKafkaRecord } from '../../fixtures/kafkaRecords.js';

const entry = handlerPath(import.meta.url, '../../fixtures/agents/isolated/handler.ts');

interface Reply {
  environmentId: string;
  invocations: number;
  functionName: string;
  memoryLimitInMB: string;
  remainingMs: number;
  env: Record<string, string | undefined>;
}

const pools: EnvironmentPool[] = [];
function pool(overrides: Partial<EnvironmentPoolOptions> = {}): EnvironmentPool {
  const created = createEnvironmentPool({
    functionId: 'isolated-probe', agent: 'isolated', entry, handler: 'handler', memoryMb: 256, timeoutSeconds: 5,
    environment: {}, produces: ['syntor.task.complete'], log: silentLog, ...overrides,
  });
  pools.push(created);
  return created;
}
const reply = async (p: EnvironmentPool, event: object = {}) => (await p.invoke(event)).result as Reply;

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('execution environments: each function runs as on Lambda', () => {
  it('applies the manifest environment and what the CDK sets, and keeps each environment\'s process.env its own', async () => {
    const greeter = pool({ functionId: 'isolated-greeter', environment: { GREETING: 'hello' } });
    const other = pool({ functionId: 'isolated-other' });

    const first = await reply(greeter, { set: { LEAKED: 'from the greeter' } });
    const beside = await reply(other);

    expect(first.env).toMatchObject({ GREETING: 'hello', SYNTOR_FUNCTION: 'isolated-greeter', SYNTOR_PRODUCES: 'syntor.task.complete' });
    expect(beside.env.GREETING).toBeUndefined();
    expect(beside.env.LEAKED).toBeUndefined();
    expect(process.env.LEAKED).toBeUndefined();
  });

  it('gives each function its own module instance, reused warm, and reports the cold start\'s init duration', async () => {
    const a = pool({ functionId: 'isolated-a' });
    const b = pool({ functionId: 'isolated-b' });

    const cold = await a.invoke({});
    const warm = await a.invoke({});
    const elsewhere = (await b.invoke({})).result as Reply;

    expect(cold.coldStart).toBe(true);
    expect(cold.initDurationMs).toBeGreaterThan(0);
    expect(warm.coldStart).toBe(false);
    expect(warm.initDurationMs).toBeUndefined();
    expect((warm.result as Reply).environmentId).toBe((cold.result as Reply).environmentId);
    expect((warm.result as Reply).invocations).toBe(2);
    expect(elsewhere.environmentId).not.toBe((cold.result as Reply).environmentId);
    expect(elsewhere.invocations).toBe(1);
    expect(a.stats()).toMatchObject({ live: 1, coldStarts: 1 });
  });

  it('runs concurrent invocations in separate environments, then reuses them warm', async () => {
    const p = pool();

    const together = await Promise.all([reply(p, { sleepMs: 300 }), reply(p, { sleepMs: 300 })]);
    const again = await Promise.all([reply(p, { sleepMs: 50 }), reply(p, { sleepMs: 50 })]);

    expect(new Set(together.map((r) => r.environmentId)).size).toBe(2);
    expect(new Set(again.map((r) => r.environmentId))).toEqual(new Set(together.map((r) => r.environmentId)));
    expect(p.stats()).toMatchObject({ live: 2, coldStarts: 2 });
  });

  it('terminates a timed-out invocation, even one that never yields, and starts the next one fresh', async () => {
    const p = pool({ timeoutSeconds: 1 });
    const before = await reply(p);
    const afterSpinFile = join(mkdtempSync(join(tmpdir(), 'syntor-env-')), 'spun');

    await expect(p.invoke({ spinMs: 3_000, afterSpinFile })).rejects.toBeInstanceOf(HandlerTimeoutError);
    const next = await p.invoke({});
    await sleep(2_500);

    expect(next.coldStart).toBe(true);
    expect((next.result as Reply).environmentId).not.toBe(before.environmentId);
    expect(existsSync(afterSpinFile)).toBe(false);
    expect(p.stats()).toMatchObject({ discarded: 1 });
  });

  it('passes the deadline to context.getRemainingTimeInMillis and the memory to context.memoryLimitInMB', async () => {
    const r = await reply(pool({ timeoutSeconds: 3, memoryMb: 512 }));

    expect(r.memoryLimitInMB).toBe('512');
    expect(r.remainingMs).toBeGreaterThan(1_000);
    expect(r.remainingMs).toBeLessThanOrEqual(3_000);
  });

  it('discards an environment whose heap passes the function\'s memory, and the next invocation starts fresh', async () => {
    const p = pool({ memoryMb: 128 });
    const before = await reply(p);

    const failure = await p.invoke({ leakMb: 1_024 }).catch((error: unknown) => error);
    const next = await p.invoke({});

    expect(failure).toBeInstanceOf(HandlerFailedError);
    expect((failure as Error).message).toMatch(/OutOfMemory.*128 MB/);
    expect((next.result as Reply).environmentId).not.toBe(before.environmentId);
  });

  it('discards an environment that exits, and reports a handler\'s error with its name and code', async () => {
    const p = pool();

    const exited = await p.invoke({ exit: true }).catch((error: unknown) => error);
    const thrown = await p.invoke({ throwCode: 'probe-refused' }).catch((error: unknown) => error);

    expect((exited as Error).message).toMatch(/Runtime\.ExitError.*code 3/);
    expect(thrown).toBeInstanceOf(HandlerFailedError);
    expect(((thrown as Error).cause as { code?: string }).code).toBe('probe-refused');
    expect(p.stats()).toMatchObject({ discarded: 1, live: 1 });
  });

  it('collects every environment\'s metrics into one view, as CloudWatch sums the environments\' figures', async () => {
    const p = pool();
    await Promise.all([reply(p, { countFailure: 'probe-code', sleepMs: 200 }), reply(p, { countFailure: 'probe-code', sleepMs: 200 })]);

    const registry = await aggregateMetrics([], await p.metrics());
    const failed = (await registry.getMetricsAsJSON()).find((m) => m.name === 'syntor_tasks_failed_total');

    expect(failed?.values).toEqual([expect.objectContaining({ value: 2, labels: expect.objectContaining({ code: 'probe-code' }) })]);
  });

  it('builds a Kafka trigger\'s event from the records handed over, as the harness would send it as JSON', async () => {
    // Prepare
    const echo = pool({ functionId: 'isolated-echo', entry: handlerPath(import.meta.url, '../../fixtures/agents/isolated/echoHandler.ts') });
    const records = [
      buildKafkaRecord({ partition: 1, offset: '41', headers: [{ key: 'traceparent', value: Buffer.from('00-ë') }] }),
      buildKafkaRecord({ partition: 0, offset: '7', key: null, value: null }),
      buildKafkaRecord({ partition: 1, offset: '42' }),
    ];
    const source = localEventSource('self-managed', ['127.0.0.1:9092']);

    // Act
    const { result } = await recordsInvokeOf(echo.invoke)!(records, source);

    // Assess
    expect(result).toEqual(JSON.parse(JSON.stringify(buildMskEvent(records, source))));
    expect(Object.keys((result as { records: object }).records)).toEqual(['syntor.tasks.assignment-1', 'syntor.tasks.assignment-0']);
  });
});
