import type { Consumer, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS, type Message } from '../../../lib/contracts/index.js';
import {
  buildMskEvent,
  createKafka,
  createProducer,
  decodeMessage,
  ensureTopics,
  fromKafkaJsMessage,
  headerValue,
  readMskEvent,
  type KafkaRecord,
  type SyntorProducer,
} from '../../../lib/kafka/index.js';
import { buildHeartbeat, buildTaskAssign } from '../../fixtures/messages.js';
import { testConfig, uniqueName } from '../support/testConfig.js';

/** Consumes `topic` from the beginning until every wanted message id has been seen. */
async function collect(kafka: Kafka, topic: string, ids: Set<string>, timeoutMs = 30_000): Promise<KafkaRecord[]> {
  const consumer: Consumer = kafka.consumer({ groupId: uniqueName('it-roundtrip') });
  const found: KafkaRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`saw ${found.length}/${ids.size} messages on ${topic}`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ topic: t, partition, message }) => {
          const record = fromKafkaJsMessage(t, partition, message);
          const id = (JSON.parse(record.value?.toString() ?? '{}') as { id?: string }).id;
          if (id && ids.has(id)) found.push(record);
          if (found.length === ids.size) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

describe('produce → consume through the real broker', () => {
  const config = testConfig();
  const kafka = createKafka(config);
  let producer: SyntorProducer;

  beforeAll(async () => {
    await ensureTopics(kafka.admin(), { partitions: 3, replicationFactor: 1 });
    producer = createProducer(kafka);
  });
  afterAll(() => producer.disconnect());

  it('delivers a published message with its key and headers, and it decodes through the MSK codec', async () => {
    const message = buildTaskAssign();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

    const [meta] = await producer.publish(message, { key: message.payload.task.id, traceparent, headers: { tenant: 'acme' } });
    const [record] = await collect(kafka, TOPICS.taskAssignment, new Set([message.id]));

    expect(meta?.topicName).toBe(TOPICS.taskAssignment);
    expect(record!.key?.toString()).toBe(message.payload.task.id);
    expect(headerValue(record!, 'traceparent')).toBe(traceparent);
    expect(headerValue(record!, 'syntor-message-type')).toBe('task.assign');
    expect(headerValue(record!, 'tenant')).toBe('acme');
    const [viaLambda] = readMskEvent(JSON.parse(JSON.stringify(buildMskEvent([record!]))));
    expect(decodeMessage(viaLambda!)).toEqual(message);
  });

  it('starts a new trace when none is given', async () => {
    const message = buildHeartbeat();
    await producer.publish(message, { key: 'worker' });
    const [record] = await collect(kafka, TOPICS.agentHeartbeat, new Set([message.id]));
    expect(headerValue(record!, 'traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('sends messages with the same key to the same partition, in order', async () => {
    const key = uniqueName('agent');
    const messages: Message[] = Array.from({ length: 10 }, (_, i) => buildHeartbeat({ inFlight: i }));

    const metadata = await producer.publishAll(messages.map((message) => ({ message, options: { key } })));
    const records = await collect(kafka, TOPICS.agentHeartbeat, new Set(messages.map((m) => m.id)));

    expect(new Set(metadata.map((m) => m.partition)).size).toBe(1);
    expect(new Set(records.map((r) => r.partition)).size).toBe(1);
    expect(records.map((r) => decodeMessage(r).id)).toEqual(messages.map((m) => m.id));
  });
});
