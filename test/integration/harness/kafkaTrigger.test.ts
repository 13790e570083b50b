import { setTimeout as sleep } from 'node:timers/promises';
import type { MSKEvent } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lambdaKafkaFailureRecordSchema } from '../../../lib/contracts/index.js';
import { buildMskEvent, mskEventSchema, readMskEvent } from '../../../lib/kafka/index.js';
import { behaviours, callsOf, journal } from '../../fixtures/agents/probe/handler.js';
import { probeAgent } from '../../fixtures/agents/probe/manifest.js';
import { batchesOf, committed, createTopic, disconnectProducers, produce, resetHarnesses, runHarness, uniqueName, valuesOf, waitFor } from './support.js';

const start = runHarness;
afterEach(resetHarnesses);
afterAll(() => disconnectProducers());

describe('Kafka trigger: the event', () => {
  it('is the exact MSK event, round-trips through the codec, and comes with a Lambda-like context', async () => {
    const topic = await createTopic();
    const agent = probeAgent(uniqueName('p'), [{ name: 'shape', memoryMb: 512, timeoutSeconds: 7, triggers: [{ type: 'kafka', topic, batchingWindowMs: 200 }] }]);
    await start(agent);

    await produce(topic, [{ value: '{"n":1}', key: 'k-1', headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } }, '{"n":2}']);
    await waitFor('two records', () => batchesOf(`${agent.name}-shape`).flat().length === 2);

    const [call] = callsOf(`${agent.name}-shape`);
    const event = call!.event as MSKEvent;
    expect(mskEventSchema.safeParse(event).success).toBe(true);
    expect(event.eventSource).toBe('aws:kafka');
    expect(Object.keys(event.records)).toEqual([`${topic}-0`]);
    const records = readMskEvent(event);
    expect(buildMskEvent(records, event)).toEqual(event);
    expect(records[0]).toMatchObject({ topic, partition: 0, offset: '0', key: Buffer.from('k-1') });
    expect(records[0]!.headers).toEqual([{ key: 'traceparent', value: Buffer.from('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01') }]);
    expect(call!.context).toMatchObject({ functionName: `${agent.name}-shape`, memoryLimitInMB: '512', functionVersion: '$LATEST' });
    expect(call!.context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    const remaining = call!.context.getRemainingTimeInMillis();
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(7_000);
  });
});

describe('Kafka trigger: batching', () => {
  it('never exceeds the batch size and delivers every record in partition order', async () => {
    const topic = await createTopic();
    const agent = probeAgent(uniqueName('p'), [{ name: 'batch', triggers: [{ type: 'kafka', topic, batchSize: 10, batchingWindowMs: 1_000 }] }]);
    await produce(topic, Array.from({ length: 45 }, (_, i) => String(i)));

    await start(agent);
    await waitFor('45 records', () => batchesOf(`${agent.name}-batch`).flat().length >= 45);

    const batches = batchesOf(`${agent.name}-batch`);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(10);
    expect(valuesOf(batches.flat())).toEqual(Array.from({ length: 45 }, (_, i) => String(i)));
  });

  it('delivers a slow trickle together once the batching window has passed', async () => {
    const topic = await createTopic();
    const agent = probeAgent(uniqueName('p'), [{ name: 'trickle', triggers: [{ type: 'kafka', topic, batchSize: 100, batchingWindowMs: 2_000 }] }]);
    await start(agent);
    await sleep(1_000); // joined the group

    const firstSent = Date.now();
    for (const value of ['a', 'b', 'c']) {
      await produce(topic, [value]);
      await sleep(300);
    }
    await waitFor('the trickle', () => callsOf(`${agent.name}-trickle`).length > 0);

    const [call] = callsOf(`${agent.name}-trickle`);
    expect(valuesOf(readMskEvent(call!.event))).toEqual(['a', 'b', 'c']);
    expect(call!.at - firstSent).toBeGreaterThanOrEqual(1_900);
  });

  it('may put records of several partitions in one batch, keeping each partition in order', async () => {
    const topic = await createTopic(3);
    const agent = probeAgent(uniqueName('p'), [{ name: 'multi', triggers: [{ type: 'kafka', topic, batchSize: 100, batchingWindowMs: 1_500 }] }]);
    await produce(topic, Array.from({ length: 30 }, (_, i) => ({ value: `${i % 3}:${i}`, partition: i % 3 })));

    await start(agent);
    await waitFor('30 records', () => batchesOf(`${agent.name}-multi`).flat().length >= 30);

    const records = batchesOf(`${agent.name}-multi`).flat();
    expect(Math.max(...batchesOf(`${agent.name}-multi`).map((b) => new Set(b.map((r) => r.partition)).size))).toBeGreaterThan(1);
    for (const partition of [0, 1, 2]) {
      const offsets = records.filter((r) => r.partition === partition).map((r) => Number(r.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      expect(offsets).toHaveLength(10);
    }
  });
});

describe('Kafka trigger: filters', () => {
  it('delivers only matching records and commits the offsets of the filtered ones', async () => {
    const topic = await createTopic();
    const group = uniqueName('g');
    const filters = [{ value: { type: ['task.assign'], target: [{ prefix: 'work' }] } }, { value: { priority: [{ numeric: ['>=', 10] }] } }];
    const agent = probeAgent(uniqueName('p'), [{ name: 'filtered', triggers: [{ type: 'kafka', topic, consumerGroupId: group, filters, batchingWindowMs: 300 }] }]);
    const values = [
      { type: 'task.assign', target: 'worker' }, // kept: first pattern
      { type: 'task.assign', target: 'git' }, // dropped
      { type: 'other', priority: 15 }, // kept: second pattern
      { type: 'other', priority: 5 }, // dropped
      'not json at all', // dropped: patterns look inside the value
    ].map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    await produce(topic, values);

    const harness = await start(agent);
    await waitFor('all five committed', async () => (await committed(group, topic))[0] === '5');
    await harness.stop();

    expect(valuesOf(batchesOf(`${agent.name}-filtered`).flat())).toEqual([values[0], values[2]]);
    expect(harness.status()[0]).toMatchObject({ filtered: 3, records: 2 });

    // A restart of the same group redelivers nothing: the filtered offsets were committed too.
    journal.clear();
    await start(agent);
    await sleep(1_500);
    expect(callsOf(`${agent.name}-filtered`)).toHaveLength(0);
  });
});

describe('Kafka trigger: at-least-once', () => {
  it('retries a failing batch until it succeeds; nothing is lost or committed early', async () => {
    const topic = await createTopic();
    const group = uniqueName('g');
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'flaky', triggers: [{ type: 'kafka', topic, consumerGroupId: group, batchingWindowMs: 300 }] }]);
    const offsetsSeenDuringFailures: Record<number, string>[] = [];
    behaviours.set(`${fn}-flaky`, async (_event, _context, call) => {
      if (call <= 2) {
        offsetsSeenDuringFailures.push(await committed(group, topic));
        throw new Error(`boom ${call}`);
      }
      return undefined;
    });
    await produce(topic, ['1', '2', '3']);

    const harness = await start(agent);
    await waitFor('three invocations and a commit', async () => (await committed(group, topic))[0] === '3');

    const batches = batchesOf(`${fn}-flaky`).map(valuesOf);
    expect(batches).toEqual([['1', '2', '3'], ['1', '2', '3'], ['1', '2', '3']]);
    expect(offsetsSeenDuringFailures.every((o) => o[0] === undefined || o[0] === '-1')).toBe(true);
    expect(harness.status()[0]).toMatchObject({ invocations: 3, failures: 2, consecutiveFailures: 0, lastError: expect.stringContaining('boom 2') });
  });

  it('honours a partial batch response: commits up to the first failed record and redelivers from it', async () => {
    const topic = await createTopic();
    const group = uniqueName('g');
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'partial', triggers: [{ type: 'kafka', topic, consumerGroupId: group, batchingWindowMs: 300, reportBatchItemFailures: true }] }]);
    behaviours.set(`${fn}-partial`, (_event, _context, call) =>
      call === 1 ? { batchItemFailures: [{ itemIdentifier: { partition: `${topic}-0`, offset: 6 } }, { itemIdentifier: { partition: `${topic}-0`, offset: 4 } }] } : { batchItemFailures: [] },
    );
    await produce(topic, Array.from({ length: 10 }, (_, i) => String(i)));

    await start(agent);
    await waitFor('everything committed', async () => (await committed(group, topic))[0] === '10');

    const batches = batchesOf(`${fn}-partial`).map(valuesOf);
    expect(batches[0]).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(batches[1]).toEqual(['4', '5', '6', '7', '8', '9']);
    expect(batches).toHaveLength(2);
  });

  it('treats a batchItemFailures entry that names no record as a failure of the whole batch', async () => {
    const topic = await createTopic();
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'bad', triggers: [{ type: 'kafka', topic, batchingWindowMs: 200, reportBatchItemFailures: true }] }]);
    behaviours.set(`${fn}-bad`, (_e, _c, call) => (call === 1 ? { batchItemFailures: [{ itemIdentifier: 'nonsense' }] } : undefined));
    await produce(topic, ['a', 'b']);

    await start(agent);
    await waitFor('the retry', () => callsOf(`${fn}-bad`).length >= 2);

    expect(batchesOf(`${fn}-bad`).map(valuesOf).slice(0, 2)).toEqual([['a', 'b'], ['a', 'b']]);
  });

  it('fails and retries a handler that runs past its timeout', async () => {
    const topic = await createTopic();
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'slow', timeoutSeconds: 1, triggers: [{ type: 'kafka', topic, batchingWindowMs: 200 }] }]);
    behaviours.set(`${fn}-slow`, async (_e, _c, call) => {
      if (call === 1) await sleep(2_500);
    });
    await produce(topic, ['x']);

    const harness = await start(agent);
    await waitFor('the retry after the timeout', () => callsOf(`${fn}-slow`).length >= 2);

    const [first, second] = callsOf(`${fn}-slow`);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_000);
    expect(harness.status()[0]!.lastError).toMatch(/Task timed out after 1\.00 seconds/);
  });

  it("sends the records to syntor.dlq as Lambda's on-failure destination does once maximumRetryAttempts is used up, then moves on", async () => {
    const topic = await createTopic();
    const group = uniqueName('g');
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'doomed', triggers: [{ type: 'kafka', topic, consumerGroupId: group, batchingWindowMs: 200, maximumRetryAttempts: 1 }] }]);
    behaviours.set(`${fn}-doomed`, () => {
      throw new Error('always broken');
    });
    // Lambda's record names the failed record's topic only inside its payload's records.
    const dlq = probeAgent(uniqueName('dlq'), [{ name: 'watch', triggers: [{ type: 'kafka', topic: 'syntor.dlq', startingPosition: 'LATEST', batchingWindowMs: 100, filters: [{ value: { requestContext: { functionArn: [{ suffix: `:function:${fn}-doomed:$LATEST` }] } } }] }] }]);
    await start(dlq);
    await sleep(1_500); // the watcher has joined before anything is dead-lettered

    await produce(topic, [{ value: 'poison', key: 'k-poison' }]);
    await start(agent);
    await waitFor('the dead letter', () => batchesOf(`${dlq.name}-watch`).flat().length >= 1);
    await waitFor('the commit', async () => (await committed(group, topic))[0] === '1');

    expect(callsOf(`${fn}-doomed`)).toHaveLength(2);
    const [onDlq] = batchesOf(`${dlq.name}-watch`).flat();
    expect(onDlq!.key).toEqual(Buffer.from('k-poison'));
    const letter = lambdaKafkaFailureRecordSchema.parse(JSON.parse(onDlq!.value!.toString()));
    expect(letter).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 2, functionArn: expect.stringContaining(`:function:${fn}-doomed`) },
      responseContext: { statusCode: 200, functionError: 'Unhandled' },
      KafkaBatchInfo: { batchSize: 1, recordInfo: { offset: '0' } },
      payload: { eventSource: 'aws:kafka', records: { [`${topic}-0`]: [expect.objectContaining({ offset: 0, key: Buffer.from('k-poison').toString('base64'), value: Buffer.from('poison').toString('base64') })] } },
    });
  });
});

describe('Kafka trigger: scaling', () => {
  it('shares partitions between instances of one function and processes every record', async () => {
    const topic = await createTopic(3);
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'scaled', triggers: [{ type: 'kafka', topic, batchingWindowMs: 100, batchSize: 20 }] }]);
    const harness = await start(agent, { instances: { [fn]: 3 } });
    await sleep(2_000); // all three joined

    await produce(topic, Array.from({ length: 150 }, (_, i) => ({ value: String(i), partition: i % 3 })));
    await waitFor('150 records', () => new Set(valuesOf(batchesOf(`${fn}-scaled`).flat())).size === 150);

    const pollers = harness.status();
    expect(pollers.map((p) => p.instance)).toEqual([1, 2, 3]);
    // Three partitions, three pollers in one group: each got a share.
    expect(pollers.every((p) => p.records > 0)).toBe(true);
    expect(pollers.reduce((n, p) => n + p.records, 0)).toBeGreaterThanOrEqual(150);
  });

  it('loses no record across a rebalance when instances join mid-stream', async () => {
    const topic = await createTopic(3);
    const group = uniqueName('g');
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'rebalanced', triggers: [{ type: 'kafka', topic, consumerGroupId: group, batchingWindowMs: 100, batchSize: 10 }] }]);
    behaviours.set(`${fn}-rebalanced`, () => sleep(20));
    await start(agent);

    const sending = (async () => {
      for (let i = 0; i < 30; i += 1) {
        await produce(topic, Array.from({ length: 10 }, (_, j) => ({ value: String(i * 10 + j), partition: (i * 10 + j) % 3 })));
        await sleep(50);
      }
    })();
    await sleep(400);
    await start(agent, { instances: { [fn]: 2 } }); // a second harness joins the same group
    await sending;

    await waitFor('all 300 values', () => new Set(valuesOf(batchesOf(`${fn}-rebalanced`).flat())).size === 300, 45_000);
    expect(new Set(valuesOf(batchesOf(`${fn}-rebalanced`).flat())).size).toBe(300);
  });
});

describe('graceful shutdown', () => {
  it('finishes the in-flight batch and commits it before leaving', async () => {
    const topic = await createTopic();
    const group = uniqueName('g');
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'inflight', triggers: [{ type: 'kafka', topic, consumerGroupId: group, batchingWindowMs: 100 }] }]);
    let finished = false;
    behaviours.set(`${fn}-inflight`, async () => {
      await sleep(1_000);
      finished = true;
    });
    await produce(topic, ['1', '2']);
    const harness = await start(agent);
    await waitFor('the invocation to start', () => callsOf(`${fn}-inflight`).length === 1);

    await harness.stop();

    expect(finished).toBe(true);
    expect((await committed(group, topic))[0]).toBe('2');
  });
});
