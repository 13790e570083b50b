import { describe, expect, it } from 'vitest';
import { LIMITS, lambdaKafkaFailureRecordSchema, TOPICS, type Message } from '../../../../lib/contracts/index.js';
import type { SyntorProducer } from '../../../../lib/kafka/index.js';
import { deadLetterRecords } from '../../../../local/harness/kafka/deadLetter.js';
import { buildKafkaRecord } from '../../../fixtures/kafkaRecords.js';

/** A producer that keeps what it is asked to send; the real broker path is test/integration/poison/lambdaDeadLetters.test.ts. */
function recordingProducer() {
  const raw: { topic: string; key: unknown; value: string }[] = [];
  const published: Message[] = [];
  const producer: SyntorProducer = {
    publish: async (message) => (published.push(message), []),
    publishAll: async (messages) => (published.push(...messages.map((m) => m.message)), []),
    sendRaw: async (topic, records) => (raw.push(...records.map((r) => ({ topic, key: r.key, value: String(r.value) }))), []),
    disconnect: async () => undefined,
  };
  return { producer, raw, published };
}

describe("the harness's retries-exhausted path", () => {
  it("writes each record to syntor.dlq as Lambda's Kafka on-failure destination does, keyed like it", async () => {
    // Prepare
    const { producer, raw, published } = recordingProducer();
    const records = [
      buildKafkaRecord({ topic: 'syntor.tasks.status', offset: '3', key: Buffer.from('a') }),
      buildKafkaRecord({ topic: 'syntor.tasks.status', offset: '4', key: null }),
    ];

    // Act
    await deadLetterRecords({ functionId: 'coordination-status', producer, trigger: { maximumRetryAttempts: 2 } }, records, 'always broken');

    // Assess
    expect(published).toEqual([]);
    expect(raw.map((r) => [r.topic, r.key])).toEqual([[TOPICS.deadLetter, Buffer.from('a')], [TOPICS.deadLetter, null]]);
    const written = raw.map((r) => lambdaKafkaFailureRecordSchema.parse(JSON.parse(r.value)));
    expect(written.map((w) => [w.requestContext.condition, w.requestContext.approximateInvokeCount, w.KafkaBatchInfo.recordInfo.offset])).toEqual([
      ['RetriesExhausted', 3, '3'],
      ['RetriesExhausted', 3, '4'],
    ]);
  });

  it('shapes the payload as the trigger\'s event source: a self-managed event has no ARN', async () => {
    const { producer, raw } = recordingProducer();

    await deadLetterRecords({ functionId: 'f', producer, eventSource: { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9096' } }, [buildKafkaRecord()], 'x', { approximateInvokeCount: 7, functionError: null });

    const written = lambdaKafkaFailureRecordSchema.parse(JSON.parse(raw[0]!.value));
    expect(written.payload).toMatchObject({ eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9096' });
    expect(written.KafkaBatchInfo).not.toHaveProperty('eventSourceArn');
    expect(written.requestContext.approximateInvokeCount).toBe(7);
    expect(written.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
  });

  it("sends a record too large to copy with Lambda's metadata as a SYNTOR dlq.record without its value", async () => {
    const { producer, raw, published } = recordingProducer();

    await deadLetterRecords({ functionId: 'f', producer }, [buildKafkaRecord({ value: Buffer.alloc(LIMITS.brokerMessageBytes - 1024, 'x') })], 'always broken');

    expect(raw).toEqual([]);
    expect(published).toEqual([expect.objectContaining({ type: 'dlq.record', payload: expect.objectContaining({ reasonCode: 'retries-exhausted', reason: 'always broken', value: null }) })]);
  });
});
