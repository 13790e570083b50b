import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readMskEvent } from '../../../lib/kafka/index.js';
import { behaviours } from '../../fixtures/agents/probe/handler.js';
import { probeAgent } from '../../fixtures/agents/probe/manifest.js';
import { batchesOf, committed, createTopic, disconnectProducers, kafka, produce, resetHarnesses, runHarness, uniqueName, valuesOf, waitFor, watchTopics } from './support.js';

afterEach(resetHarnesses);
afterAll(async () => {
  await disconnectProducers();
  if (timedConnected) await timedProducer.disconnect();
});

// Records with a chosen CreateTime (support's produce() lets the broker stamp them).
const timedProducer = kafka.producer();
let timedConnected: Promise<void> | undefined;
async function produceAt(topic: string, values: readonly string[], timestamp: number) {
  timedConnected ??= timedProducer.connect();
  await timedConnected;
  await timedProducer.send({ topic, acks: -1, messages: values.map((value) => ({ value, timestamp: String(timestamp) })) });
}

const dlqLettersFor = (seen: { value: Record<string, unknown> }[], fn: string) =>
  seen.map((s) => s.value).filter((v) => JSON.stringify(v).includes(`${fn}`));

describe('Kafka pollers: concurrency within a poller', () => {
  it('runs up to 5 batches at once on different partitions, never two of one partition, each partition in order', async () => {
    // Prepare: 8 partitions of 4 records, a slow handler, one poller
    const topic = await createTopic(8);
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'wide', triggers: [{ type: 'kafka', topic, batchSize: 1, batchingWindowMs: 0 }] }]);
    const active = new Map<number, number>();
    let peak = 0;
    let samePartitionOverlap = false;
    behaviours.set(`${fn}-wide`, async (event) => {
      const [record] = readMskEvent(event);
      const partition = record!.partition;
      if (active.has(partition)) samePartitionOverlap = true;
      active.set(partition, 1);
      peak = Math.max(peak, active.size);
      await sleep(250);
      active.delete(partition);
    });
    await produce(topic, Array.from({ length: 32 }, (_, i) => ({ value: `${i % 8}:${Math.floor(i / 8)}`, partition: i % 8 })));

    // Act
    await runHarness(agent, { instances: { [fn]: 1 } });
    await waitFor('32 records', () => batchesOf(`${fn}-wide`).flat().length >= 32);

    // Assess
    expect(peak).toBe(5);
    expect(samePartitionOverlap).toBe(false);
    const records = batchesOf(`${fn}-wide`).flat();
    for (let p = 0; p < 8; p += 1) {
      expect(valuesOf(records.filter((r) => r.partition === p))).toEqual([0, 1, 2, 3].map((n) => `${p}:${n}`));
    }
  });
});

describe('Kafka pollers: scaling', () => {
  it('starts provisioned pollers at the manifest minimum', async () => {
    const topic = await createTopic(4);
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'prov', triggers: [{ type: 'kafka', topic, provisionedPollers: { minimumPollers: 2, maximumPollers: 3 } }] }]);

    const harness = await runHarness(agent);

    expect(harness.status()).toHaveLength(2);
    expect(harness.plan.find((line) => line.startsWith(`${fn}-prov`))).toContain('pollers 2–3 provisioned');
  });

  it('adds on-demand pollers while the lag stays above what they hold, up to one per partition, and removes them once it is gone', async () => {
    // Prepare
    const topic = await createTopic(3);
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'lagging', triggers: [{ type: 'kafka', topic, batchSize: 1, batchingWindowMs: 0 }] }]);
    behaviours.set(`${fn}-lagging`, () => sleep(200));
    await produce(topic, Array.from({ length: 150 }, (_, i) => ({ value: String(i), partition: i % 3 })));
    let most = 0;

    // Act
    const harness = await runHarness(agent, { pollerScaleIntervalMs: 400 });
    expect(harness.status()).toHaveLength(1);
    await waitFor('a second poller', () => (most = Math.max(most, harness.status().length)) > 1, 20_000);
    await waitFor('every record', () => new Set(valuesOf(batchesOf(`${fn}-lagging`).flat())).size === 150, 60_000);
    await waitFor('back to one poller', () => {
      most = Math.max(most, harness.status().length);
      return harness.status().length === 1;
    }, 20_000);

    // Assess
    expect(most).toBeLessThanOrEqual(3);
  }, 120_000);
});

describe('Kafka pollers: the 6 MB invocation payload', () => {
  it('cuts a batch where the event JSON would pass 6 MB', async () => {
    // Prepare: 7 records of 900 kB (1.2 MB each once base64-encoded), one per produce under the broker's 1 MB limit
    const topic = await createTopic();
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'heavy', triggers: [{ type: 'kafka', topic, batchSize: 100, batchingWindowMs: 2_000 }] }]);
    for (let i = 0; i < 7; i += 1) await produce(topic, [`${i}`.padEnd(900_000, 'x')]);

    // Act
    await runHarness(agent);
    await waitFor('7 records', () => batchesOf(`${fn}-heavy`).flat().length >= 7);

    // Assess
    const sizes = batchesOf(`${fn}-heavy`).map((b) => b.length);
    expect(sizes).toEqual([5, 2]);
  });

  it('sends a record whose event alone passes 6 MB to syntor.dlq without invoking, and goes on', async () => {
    // Prepare: a topic that takes an 8 MB record; a 4.8 MB value is 6.4 MB in base64
    const topic = uniqueName('it-harness-big');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(8 * 1024 * 1024) }] }] });
    await admin.disconnect();
    const group = uniqueName('g');
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'cap', triggers: [{ type: 'kafka', topic, consumerGroupId: group, batchingWindowMs: 0 }] }]);
    const watch = await watchTopics(['syntor.dlq'], 'it-too-large');
    await produce(topic, ['x'.repeat(4_800_000), 'small']);

    // Act
    await runHarness(agent);
    await waitFor('the small record', () => batchesOf(`${fn}-cap`).flat().length >= 1);
    await waitFor('both committed', async () => (await committed(group, topic))[0] === '2');
    await waitFor('the dead letter', () => dlqLettersFor(watch.seen, fn).length > 0);
    await watch.stop();

    // Assess
    expect(batchesOf(`${fn}-cap`).map(valuesOf)).toEqual([['small']]);
    expect(JSON.stringify(dlqLettersFor(watch.seen, fn))).toContain('record-too-large');
  }, 60_000);
});

describe('Kafka pollers: error-handling controls', () => {
  it('bisects a failing batch with bisectBatchOnFunctionError and dead-letters only the poison record', async () => {
    const topic = await createTopic();
    const group = uniqueName('g');
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'halves', triggers: [{ type: 'kafka', topic, consumerGroupId: group, batchingWindowMs: 1_000, maximumRetryAttempts: 0, bisectBatchOnFunctionError: true }] }]);
    behaviours.set(`${fn}-halves`, (event) => {
      if (valuesOf(readMskEvent(event)).includes('poison')) throw new Error('poisoned');
    });
    const watch = await watchTopics(['syntor.dlq'], 'it-bisect');
    await produce(topic, ['a', 'b', 'poison', 'd']);

    await runHarness(agent);
    await waitFor('everything committed', async () => (await committed(group, topic))[0] === '4');
    await waitFor('the dead letter', () => dlqLettersFor(watch.seen, fn).length > 0);
    await watch.stop();

    expect(batchesOf(`${fn}-halves`).map(valuesOf)).toEqual([['a', 'b', 'poison', 'd'], ['a', 'b'], ['poison', 'd'], ['poison'], ['d']]);
    const letters = dlqLettersFor(watch.seen, fn);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ requestContext: { condition: 'RetriesExhausted' }, KafkaBatchInfo: { recordInfo: { offset: '2' } } });
  });

  it('sends records older than maximumRecordAgeInSeconds to syntor.dlq instead of the handler', async () => {
    const topic = await createTopic();
    const group = uniqueName('g');
    const fn = uniqueName('p');
    const agent = probeAgent(fn, [{ name: 'aged', triggers: [{ type: 'kafka', topic, consumerGroupId: group, batchingWindowMs: 1_000, maximumRecordAgeInSeconds: 60 }] }]);
    const watch = await watchTopics(['syntor.dlq'], 'it-aged');
    await produceAt(topic, ['stale'], Date.now() - 120_000);
    await produceAt(topic, ['fresh'], Date.now());

    await runHarness(agent);
    await waitFor('both committed', async () => (await committed(group, topic))[0] === '2');
    await waitFor('the dead letter', () => dlqLettersFor(watch.seen, fn).length > 0);
    await watch.stop();

    expect(batchesOf(`${fn}-aged`).map(valuesOf)).toEqual([['fresh']]);
    expect(dlqLettersFor(watch.seen, fn)[0]).toMatchObject({ requestContext: { condition: 'RecordAgeExceeded', approximateInvokeCount: 0 }, KafkaBatchInfo: { recordInfo: { offset: '0' } } });
  });

  it('starts a new group at startingPositionTimestamp with AT_TIMESTAMP', async () => {
    const topic = await createTopic(2);
    const fn = uniqueName('p');
    const now = Date.now();
    await produceAt(topic, ['old-1', 'old-2'], now - 600_000);
    await produceAt(topic, ['new-1', 'new-2'], now - 60_000);
    const agent = probeAgent(fn, [{ name: 'replay', triggers: [{ type: 'kafka', topic, batchingWindowMs: 0, startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: Math.floor((now - 300_000) / 1000) }] }]);

    await runHarness(agent);
    await waitFor('the new records', () => batchesOf(`${fn}-replay`).flat().length >= 2);
    await sleep(1_000);

    expect(valuesOf(batchesOf(`${fn}-replay`).flat()).sort()).toEqual(['new-1', 'new-2']);
  });
});
