import type { Admin, Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../lib/config/index.js';
import { HarnessKafkaUnreachableError, HarnessTopicsMissingError } from '../../../../local/harness/errors.js';
import { createTopicCommands, ensureTriggerTopics, triggerTopicsOf } from '../../../../local/harness/kafka/ensureTriggerTopics.js';
import type { HarnessLog } from '../../../../local/harness/log.js';
import { probeAgent } from '../../../fixtures/agents/probe/manifest.js';

/** A broker holding `topics`, seen through the few admin calls the check makes. */
function fakeKafka(topics: string[], options: { unreachable?: boolean } = {}) {
  const created: { topic: string; numPartitions?: number; replicationFactor?: number }[] = [];
  const admin = {
    connect: async () => {
      if (options.unreachable) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    },
    disconnect: async () => undefined,
    listTopics: async () => [...topics],
    createTopics: async ({ topics: wanted }: { topics: typeof created }) => {
      created.push(...wanted);
      topics.push(...wanted.map((t) => t.topic));
      return true;
    },
    fetchTopicMetadata: async () => ({ topics: [] }),
  } as unknown as Admin;
  return { kafka: { admin: () => admin } as unknown as Kafka, created };
}

function captureLog(): HarnessLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(l), error: (l) => lines.push(l) };
}

const local = loadConfig({ SYNTOR_KAFKA_TOPIC_PARTITIONS: '3', SYNTOR_KAFKA_REPLICATION_FACTOR: '1' });
const staging = { ...local, environment: 'staging' as const };

describe('triggerTopicsOf', () => {
  it('lists each topic the Kafka triggers read once, with syntor.dlq for records whose retries ran out', () => {
    const agent = probeAgent('p', [
      { name: 'a', triggers: [{ type: 'kafka', topic: 'it-orders-1a2b' }] },
      { name: 'b', triggers: [{ type: 'kafka', topic: 'it-orders-1a2b' }, { type: 'kafka', topic: 'syntor.tasks.assignment' }] },
      { name: 'c', triggers: [{ type: 'schedule', expression: 'rate(1 minute)' }] },
    ]);

    expect(triggerTopicsOf([agent])).toEqual(['it-orders-1a2b', 'syntor.dlq', 'syntor.tasks.assignment']);
  });

  it('needs no topic at all when no function has a Kafka trigger', () => {
    const agent = probeAgent('p', [{ name: 'hello', triggers: [{ type: 'http', method: 'GET', path: '/hello' }] }]);

    expect(triggerTopicsOf([agent])).toEqual([]);
  });
});

describe('ensureTriggerTopics', () => {
  it('locally creates exactly the missing topics, with the configured partitions, and says so in one line', async () => {
    // Prepare
    const { kafka, created } = fakeKafka(['syntor.dlq', 'syntor.tasks.assignment']);
    const log = captureLog();

    // Act
    const result = await ensureTriggerTopics({ kafka, config: local, topics: ['it-new-1a2b', 'syntor.dlq', 'syntor.tasks.assignment'], log });

    // Assess
    expect(result).toEqual(['it-new-1a2b']);
    expect(created).toEqual([{ topic: 'it-new-1a2b', numPartitions: 3, replicationFactor: 1 }]);
    expect(log.lines).toEqual(['Created the missing Kafka topic it-new-1a2b (3 partitions, replication factor 1) that the triggers need.']);
  });

  it('creates nothing and says nothing when every topic is there', async () => {
    const { kafka, created } = fakeKafka(['syntor.dlq', 'it-there']);
    const log = captureLog();

    expect(await ensureTriggerTopics({ kafka, config: local, topics: ['it-there', 'syntor.dlq'], log })).toEqual([]);
    expect(created).toEqual([]);
    expect(log.lines).toEqual([]);
  });

  it('outside local refuses, naming the missing topics and the commands that create them', async () => {
    // Prepare
    const { kafka, created } = fakeKafka(['syntor.dlq']);

    // Act
    const attempt = ensureTriggerTopics({ kafka, config: staging, topics: ['it-new-1a2b', 'syntor.dlq', 'syntor.tasks.assignment'], log: captureLog() });

    // Assess
    await expect(attempt).rejects.toThrow(HarnessTopicsMissingError);
    await expect(attempt).rejects.toMatchObject({ code: 'harness-topics-missing', retriable: false, missing: ['it-new-1a2b', 'syntor.tasks.assignment'] });
    await expect(attempt).rejects.toThrow(/no topic it-new-1a2b, syntor\.tasks\.assignment[\s\S]*in staging[\s\S]*npm run topics -- create/);
    expect(created).toEqual([]);
  });

  it('fails with the broker address and how to start it when no broker answers', async () => {
    const { kafka } = fakeKafka([], { unreachable: true });

    const attempt = ensureTriggerTopics({ kafka, config: local, topics: ['syntor.dlq'], log: captureLog() });

    await expect(attempt).rejects.toThrow(HarnessKafkaUnreachableError);
    await expect(attempt).rejects.toMatchObject({ code: 'harness-kafka-unreachable', retriable: true });
    await expect(attempt).rejects.toThrow(/Kafka is not reachable at 127\.0\.0\.1:9092 \(Connection error[^)]*\)\. Start the local broker with `npm run services -- start`/);
  });
});

describe('createTopicCommands', () => {
  it('uses npm run topics -- create for SYNTOR topics, and kafka-topics.sh for a trigger’s own topic', () => {
    expect(createTopicCommands(['it-new-1a2b', 'syntor.tasks.assignment', 'syntor.dlq'], staging)).toEqual([
      'SYNTOR_KAFKA_BROKERS=127.0.0.1:9092 npm run topics -- create',
      'kafka-topics.sh --bootstrap-server 127.0.0.1:9092 --create --topic it-new-1a2b --partitions 3 --replication-factor 1',
    ]);
  });
});
