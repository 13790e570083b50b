import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { TOPICS, type Message } from '../../../lib/contracts/index.js';
import { DependencyUnavailableError } from '../../../lib/errors/dependencyOutage.js';
import { createKafkaBatchHandler, type DecodedRecord, type PoisonRecord } from '../../../lib/handlers/index.js';
import { buildMskEvent, type KafkaRecord, type PublishOptions, type SyntorProducer } from '../../../lib/kafka/index.js';
import { signRecord, SIGNATURE_HEADER } from '../../../lib/kafka/auth/index.js';
import { runInScope } from '../../../lib/manifest/index.js';
import { harnessEnvelopeKeys } from '../../../local/harness/envelopeKeys.js';
import { buildKafkaRecord } from '../../fixtures/kafkaRecords.js';
import { buildHeartbeat } from '../../fixtures/messages.js';

/** A heartbeat record whose agent name says how the in-memory process function treats it. */
function heartbeat(agent: string, partition: number, offset: number): KafkaRecord {
  return buildKafkaRecord({ topic: TOPICS.agentHeartbeat, partition, offset: String(offset), key: Buffer.from(agent), json: buildHeartbeat({ agent }) });
}

/** A producer that keeps what it is asked to publish. */
function fakeProducer() {
  const published: { message: Message; options?: PublishOptions }[] = [];
  const producer: SyntorProducer = {
    publish: async (message, options) => (published.push({ message, ...(options ? { options } : {}) }), []),
    publishAll: async (messages) => (published.push(...messages), []),
    sendRaw: async () => [],
    disconnect: async () => undefined,
  };
  return { producer, published };
}

const context = { functionName: 'coordination-registry', getRemainingTimeInMillis: () => 60_000 } as Context;

/**
 * Processes heartbeats, remembering each agent it handled: a batch with a `bad-*` always throws a
 * plain Error, else one with a `down-*` throws an outage.
 */
function handlerFor(records: readonly KafkaRecord[], options: { onPoison?: (poison: PoisonRecord[]) => Promise<void> } = {}) {
  const { producer, published } = fakeProducer();
  const processed: string[] = [];
  const calls: number[] = [];
  const handler = createKafkaBatchHandler({
    accepts: ['agent.heartbeat'],
    producer: () => producer,
    async process(batch: DecodedRecord<'agent.heartbeat'>[]) {
      calls.push(batch.length);
      const agents = batch.map((r) => r.message.payload.agent);
      const bad = agents.find((a) => a.startsWith('bad-'));
      if (bad) throw Object.assign(new Error(`cannot store ${bad}`), { code: '22P05' });
      if (agents.some((a) => a.startsWith('down-'))) throw new DependencyUnavailableError('postgres');
      processed.push(...agents);
    },
    ...(options.onPoison ? { onPoison: (poison) => options.onPoison!(poison) } : {}),
  });
  return { invoke: () => handler(buildMskEvent(records), context), published, processed, calls };
}

describe('createKafkaBatchHandler: one bad record', () => {
  it('processes a healthy batch once, together', async () => {
    const run = handlerFor([heartbeat('a', 0, 0), heartbeat('b', 0, 1)]);

    await expect(run.invoke()).resolves.toBeUndefined();

    expect(run.calls).toEqual([2]);
    expect(run.processed).toEqual(['a', 'b']);
  });

  it('is dead-lettered alone with its error and origin, and the records around it are processed in order', async () => {
    // Prepare
    const run = handlerFor([heartbeat('a', 0, 10), heartbeat('bad-b', 0, 11), heartbeat('c', 0, 12), heartbeat('d', 1, 5)]);

    // Act
    const response = await run.invoke();

    // Assess
    expect(response).toBeUndefined();
    expect(run.processed).toEqual(expect.arrayContaining(['a', 'c', 'd']));
    expect(run.processed.filter((a) => a !== 'd')).toEqual(['a', 'c']);
    expect(run.published).toHaveLength(1);
    const [letter] = run.published;
    expect(letter!.message.type).toBe('dlq.record');
    expect(letter!.message.payload).toMatchObject({
      reasonCode: 'handler-error',
      reason: 'coordination-registry failed on this record alone: cannot store bad-b',
      origin: { topic: TOPICS.agentHeartbeat, partition: 0, offset: '11', key: 'bad-b' },
      details: { error: { code: '22P05', message: 'cannot store bad-b' } },
      failedBy: 'coordination-registry',
    });
  });

  it('goes through onPoison, not syntor.dlq, when the function sets it (the syntor.dlq consumer does)', async () => {
    const poisoned: PoisonRecord[] = [];
    const run = handlerFor([heartbeat('a', 0, 0), heartbeat('bad-b', 0, 1)], { onPoison: async (p) => void poisoned.push(...p) });

    await run.invoke();

    expect(run.published).toEqual([]);
    expect(poisoned).toMatchObject([{ reasonCode: 'handler-error', record: { offset: '1' }, details: { error: { code: '22P05' } } }]);
  });

  it('in a batch of one is dead-lettered without being processed again', async () => {
    const run = handlerFor([heartbeat('bad-a', 0, 0)]);

    await run.invoke();

    expect(run.calls).toEqual([1]);
    expect(run.published).toHaveLength(1);
  });

  it('says "unknown" for an error without an explicit code, never its class name', async () => {
    class StoreRefusedError extends Error {}
    const { producer, published } = fakeProducer();
    const handler = createKafkaBatchHandler({
      accepts: ['agent.heartbeat'],
      producer: () => producer,
      process: async () => {
        throw new StoreRefusedError('refused');
      },
    });

    await handler(buildMskEvent([heartbeat('a', 0, 0)]), context);

    expect(published[0]!.message.payload).toMatchObject({ details: { error: { code: 'unknown', message: 'refused' } } });
  });
});

describe('createKafkaBatchHandler: outages', () => {
  it('fail the invocation when the whole batch meets one, so the trigger retries it', async () => {
    const run = handlerFor([heartbeat('down-a', 0, 0), heartbeat('b', 0, 1)]);

    await expect(run.invoke()).rejects.toThrow(DependencyUnavailableError);

    expect(run.calls).toEqual([2]);
    expect(run.published).toEqual([]);
  });

  it('stop the isolation pass and answer a partial batch response for what was not processed', async () => {
    // Prepare: a bad record makes the batch fail; an outage then meets the pass on partition 0.
    const run = handlerFor([heartbeat('a', 0, 20), heartbeat('bad-b', 0, 21), heartbeat('down-c', 0, 22), heartbeat('d', 0, 23), heartbeat('e', 1, 7)]);

    // Act
    const response = await run.invoke();

    // Assess
    expect(response).toEqual({
      batchItemFailures: expect.arrayContaining([
        { itemIdentifier: { partition: `${TOPICS.agentHeartbeat}-0`, offset: 22 } },
        { itemIdentifier: { partition: `${TOPICS.agentHeartbeat}-0`, offset: 23 } },
      ]),
    });
    const named = (response as { batchItemFailures: { itemIdentifier: { partition: string; offset: number } }[] }).batchItemFailures.map((f) => f.itemIdentifier);
    // Partition 1 ran beside partition 0: it is either done or redelivered from its start, never skipped.
    expect(named.filter((id) => id.partition.endsWith('-1')).every((id) => id.offset === 7)).toBe(true);
    expect(run.processed.filter((a) => a !== 'e')).toEqual(['a']);
    expect(run.published.map((p) => (p.message.payload as { origin: { offset: string } }).origin.offset)).toEqual(['21']);
  });

  it('stop the pass when the invocation is nearly out of time, redelivering the rest', async () => {
    const { producer } = fakeProducer();
    let left = 60_000;
    const handler = createKafkaBatchHandler({
      accepts: ['agent.heartbeat'],
      producer: () => producer,
      async process(batch) {
        if (batch.length > 1) throw new Error('something in here');
        left = 1_000; // the first record alone took nearly all the time there was
      },
    });

    const response = await handler(buildMskEvent([heartbeat('a', 0, 0), heartbeat('b', 0, 1)]), { ...context, getRemainingTimeInMillis: () => left });

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: { partition: `${TOPICS.agentHeartbeat}-0`, offset: 1 } }] });
  });
});

describe('createKafkaBatchHandler: authenticated senders', () => {
  const keys = harnessEnvelopeKeys('the harness master key, long enough to count');
  const signed = (record: KafkaRecord, agent: string): KafkaRecord => ({
    ...record,
    headers: [{ key: SIGNATURE_HEADER, value: Buffer.from(signRecord(keys.signerFor(agent), record)) }],
  });
  const heartbeatFrom = (agent: string, offset: number) => heartbeat(agent, 0, offset);

  function authenticatedHandler() {
    const poisoned: PoisonRecord[] = [];
    const processed: string[] = [];
    const handler = createKafkaBatchHandler({
      accepts: ['agent.heartbeat'],
      producer: () => fakeProducer().producer,
      authenticated: true,
      async process(batch: DecodedRecord<'agent.heartbeat'>[]) {
        processed.push(...batch.map((r) => r.message.payload.agent));
      },
      onPoison: async (poison) => void poisoned.push(...poison),
    });
    return { handler, poisoned, processed };
  }

  it('processes what each agent signed and dead-letters, unprocessed, what it did not', async () => {
    // Arrange: buildHeartbeat's source is "worker", so a heartbeat of agent "worker" is its own.
    const { handler, poisoned, processed } = authenticatedHandler();
    const records = [signed(heartbeatFrom('worker', 0), 'worker'), heartbeatFrom('worker', 1), signed(heartbeatFrom('worker', 2), 'worker-beta')];

    // Act: as the coordinator, which holds the master key
    await runInScope({ functionId: 'coordination-registry', produces: [], envelope: keys.authFor('coordination') }, () => handler(buildMskEvent(records), context));

    // Assert
    expect(processed).toEqual(['worker']);
    expect(poisoned.map((p) => [p.record.offset, p.reasonCode])).toEqual([['1', 'unauthenticated'], ['2', 'unauthenticated']]);
    expect(poisoned[0]!.reason).toBe('coordination-registry refused a "agent.heartbeat" from "worker": the record has no syntor-signature header');
    expect(poisoned[1]!.reason).toContain('signed by "worker-beta" but says it comes from "worker"');
  });

  it('refuses every record on Lambda when it has no keys to check with', async () => {
    const { handler, poisoned, processed } = authenticatedHandler();
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'syntor-coordination-registry';
    try {
      await runInScope({ functionId: 'coordination-registry', produces: [], envelope: { signer: async () => undefined, keyring: undefined } }, () => handler(buildMskEvent([signed(heartbeatFrom('worker', 0), 'worker')]), context));
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    }

    expect(processed).toEqual([]);
    expect(poisoned[0]).toMatchObject({ reasonCode: 'unauthenticated', reason: expect.stringContaining('no envelope keys') });
  });
});
