import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMessage, TOPICS } from '../../../lib/contracts/index.js';
import { defineAgent, SYNTOR_KAFKA_TRIGGER_DEFAULTS } from '../../../lib/manifest/index.js';
import { committed, createTopic, disconnectProducers, produce, resetHarnesses, runHarness, uniqueName, waitFor, watchTopics, type TopicWatch } from '../harness/support.js';
import { isolatingEntry, processed } from './fixtures.js';

const heartbeat = (agent: string) => JSON.stringify(createMessage('agent.heartbeat', { agent, instanceId: 'i-1', inFlight: 0, capacity: 1 }, { source: agent }));

let dlq: TopicWatch | undefined;
afterEach(async () => {
  await resetHarnesses();
  await dlq?.stop();
  processed.length = 0;
});
afterAll(() => disconnectProducers());

describe('one record that always fails, in a batch of good ones', () => {
  it('goes to syntor.dlq alone with its reason and origin; the rest of its partition is processed and committed', async () => {
    // Prepare
    const topic = await createTopic(1);
    const group = uniqueName('it-poison');
    dlq = await watchTopics([TOPICS.deadLetter], 'it-poison-dlq');
    const agent = defineAgent({
      name: uniqueName('poison'),
      kind: 'worker',
      functions: [{ name: 'isolate', ...isolatingEntry, triggers: [{ ...SYNTOR_KAFKA_TRIGGER_DEFAULTS, type: 'kafka', topic, consumerGroupId: group, batchingWindowMs: 300 }] }],
    });
    await produce(topic, ['a', 'b', 'bad-c', 'd', 'e'].map(heartbeat));

    // Act
    await runHarness(agent);
    await waitFor('the good records of the first batch', () => ['a', 'b', 'd', 'e'].every((a) => processed.includes(a)));
    await produce(topic, [heartbeat('f')]);
    await waitFor('a record sent after the bad one', () => processed.includes('f'));

    // Assess
    expect(processed).toEqual(['a', 'b', 'd', 'e', 'f']);
    await waitFor('the dead letter', () => dlq!.seen.some((m) => (m.value.payload as { origin?: { topic?: string } }).origin?.topic === topic));
    const letters = dlq.seen.map((m) => m.value.payload as Record<string, unknown>).filter((p) => (p.origin as { topic: string }).topic === topic);
    expect(letters).toEqual([
      expect.objectContaining({
        reasonCode: 'handler-error',
        reason: `${agent.name}-isolate failed on this record alone: refusing bad-c`,
        origin: expect.objectContaining({ topic, partition: 0, offset: '2' }),
        details: { error: { code: 'unknown', message: 'refusing bad-c' } },
        failedBy: `${agent.name}-isolate`,
      }),
    ]);
    await waitFor('every offset committed', async () => (await committed(group, topic))[0] === '6');
  });
});
