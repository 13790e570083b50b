import { logLevel } from 'kafkajs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createKafka } from '../../../lib/kafka/index.js';
import { HarnessKafkaUnreachableError, HarnessTopicsMissingError } from '../../../local/harness/errors.js';
import { callsOf } from '../../fixtures/agents/probe/handler.js';
import { probeAgent } from '../../fixtures/agents/probe/manifest.js';
import { testConfig } from '../support/testConfig.js';
import { captureLog, disconnectProducers, kafka, produce, resetHarnesses, runHarness, uniqueName, waitFor } from './support.js';

afterEach(resetHarnesses);
afterAll(() => disconnectProducers());

async function partitionsOf(topic: string): Promise<number | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return undefined;
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]?.partitions.length;
  } finally {
    await admin.disconnect();
  }
}

describe('the harness checks its trigger topics at start', () => {
  it('locally creates a trigger topic that does not exist yet, says so, and then delivers from it', async () => {
    // Prepare
    const topic = uniqueName('it-harness-new');
    const agent = probeAgent(uniqueName('p'), [{ name: 'fresh', triggers: [{ type: 'kafka', topic, batchingWindowMs: 200 }] }]);
    const log = captureLog();
    expect(await partitionsOf(topic)).toBeUndefined();

    // Act
    await runHarness(agent, { log });
    await produce(topic, ['hello']);

    // Assess
    expect(await partitionsOf(topic)).toBe(testConfig().kafka.topicPartitions);
    expect(log.lines.filter((line) => line.startsWith('Created the missing Kafka topic'))).toEqual([
      `Created the missing Kafka topic ${topic} (${testConfig().kafka.topicPartitions} partitions, replication factor ${testConfig().kafka.replicationFactor}) that the triggers need.`,
    ]);
    await waitFor('the record', () => callsOf(`${agent.name}-fresh`).length > 0);
  });

  it.each(['staging', 'production'] as const)('in %s refuses, naming the missing topic and the command, and creates nothing', async (environment) => {
    // Prepare
    const topic = uniqueName('it-harness-missing');
    const agent = probeAgent(uniqueName('p'), [{ name: 'absent', triggers: [{ type: 'kafka', topic }] }]);

    // Act
    const attempt = runHarness(agent, { config: { ...testConfig(), environment } });

    // Assess
    await expect(attempt).rejects.toThrow(HarnessTopicsMissingError);
    await expect(attempt).rejects.toMatchObject({ code: 'harness-topics-missing', missing: [topic] });
    await expect(attempt).rejects.toThrow(new RegExp(`no topic ${topic}[\\s\\S]*kafka-topics\\.sh .*--create --topic ${topic}`));
    expect(await partitionsOf(topic)).toBeUndefined();
  });

  it('names the broker address and `npm run services -- start` when no broker answers', async () => {
    // Prepare: nothing listens on port 1
    const config = { ...testConfig(), kafka: { ...testConfig().kafka, brokers: ['127.0.0.1:1'] } };
    const agent = probeAgent(uniqueName('p'), [{ name: 'nobroker', triggers: [{ type: 'kafka', topic: uniqueName('it-harness-nobroker') }] }]);

    // Act
    const attempt = runHarness(agent, { config, kafka: createKafka(config, { logLevel: logLevel.NOTHING }) });

    // Assess
    await expect(attempt).rejects.toThrow(HarnessKafkaUnreachableError);
    await expect(attempt).rejects.toThrow(/Kafka is not reachable at 127\.0\.0\.1:1 .*`npm run services -- start`/);
  });
});
