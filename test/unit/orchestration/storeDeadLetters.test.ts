import { describe, expect, it } from 'vitest';
import { createMessage, TOPICS, type DeadLetterPayload } from '../../../lib/contracts/index.js';
import type { KafkaRecord } from '../../../lib/kafka/index.js';
import type { Deps } from '../../../lib/orchestration/deps.js';
import { reasonCodeOfCondition } from '../../../lib/orchestration/lambdaDeadLetters.js';
import { storeDeadLetters } from '../../../lib/orchestration/storeDeadLetters.js';
import { lambdaFailureMessage } from '../../../local/harness/kafka/lambdaFailureRecord.js';
import { buildKafkaRecord } from '../../fixtures/kafkaRecords.js';
import { AWS_KAFKA_FAILURE_EXAMPLE } from '../../fixtures/lambdaFailureRecords.js';

/** Deps whose dead-letter store is an in-memory list of what it was asked to add. */
function inMemoryStore() {
  const stored: { letter: DeadLetterPayload; id: string }[] = [];
  const deps = { deadLetters: { add: async (letter: DeadLetterPayload, id: string) => void stored.push({ letter, id }) } } as unknown as Deps;
  return { deps, stored };
}

/** A record as it sits on syntor.dlq, at `offset`. */
const onDlq = (value: string, offset = '5', key: Buffer | null = null): KafkaRecord => buildKafkaRecord({ topic: TOPICS.deadLetter, partition: 0, offset, key, value: Buffer.from(value) });
const asPoison = (record: KafkaRecord) => ({ record, reasonCode: 'invalid-envelope', reason: 'value is not a valid message' });

describe('storing what arrives on syntor.dlq', () => {
  it("stores Lambda's on-failure record under the failed record's real origin and Lambda's condition", async () => {
    // Prepare
    const { deps, stored } = inMemoryStore();

    // Act
    await storeDeadLetters(deps, [], [asPoison(onDlq(JSON.stringify(AWS_KAFKA_FAILURE_EXAMPLE)))], 'coordination-dead-letters');

    // Assess
    expect(stored).toHaveLength(1);
    expect(stored[0]!.letter).toEqual({
      reason: "Lambda gave up on this record (RetriesExhausted) after 3 invocations of my-function; the function's error: Unhandled",
      reasonCode: 'retries-exhausted',
      origin: { topic: 'my-topic', partition: 0, offset: '100', key: 'test-key', timestamp: 1749116692330 },
      value: 'dGVzdC12YWx1ZQ==',
      failedBy: 'my-function',
      failedAt: '2019-11-14T18:16:05.568Z',
      details: {
        lambda: expect.objectContaining({ requestContext: AWS_KAFKA_FAILURE_EXAMPLE.requestContext, KafkaBatchInfo: AWS_KAFKA_FAILURE_EXAMPLE.KafkaBatchInfo }),
        receivedAs: { topic: TOPICS.deadLetter, partition: 0, offset: '5' },
      },
    });
    expect(stored[0]!.letter.details).not.toHaveProperty('lambda.payload');
  });

  it('stores the one the harness writes for a self-managed trigger the same way', async () => {
    // Prepare
    const { deps, stored } = inMemoryStore();
    const failed = buildKafkaRecord({ topic: TOPICS.taskStatus, partition: 2, offset: '9', key: null, value: Buffer.from('not json') });
    const { value } = lambdaFailureMessage(failed, 'coordination-status', { approximateInvokeCount: 1 }, { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9096' });

    // Act
    await storeDeadLetters(deps, [], [asPoison(onDlq(value))], 'coordination-dead-letters');

    // Assess
    expect(stored[0]!.letter).toMatchObject({
      reasonCode: 'retries-exhausted',
      reason: expect.stringContaining('after 1 invocation of coordination-status'),
      origin: { topic: TOPICS.taskStatus, partition: 2, offset: '9', key: null },
      value: Buffer.from('not json').toString('base64'),
      failedBy: 'coordination-status',
    });
  });

  it("stores SYNTOR's own dlq.record as it was sent, under its message id", async () => {
    const { deps, stored } = inMemoryStore();
    const message = createMessage('dlq.record', {
      reason: 'x failed on this record alone: boom',
      reasonCode: 'handler-error',
      origin: { topic: TOPICS.taskComplete, partition: 0, offset: '3', key: 'k' },
      value: null,
      failedBy: 'coordination-complete',
      failedAt: '2026-01-01T00:00:00.000Z',
    }, { source: 'coordination-complete' });

    await storeDeadLetters(deps, [message], [], 'coordination-dead-letters');

    expect(stored).toEqual([{ letter: message.payload, id: message.id }]);
  });

  it('stores anything else as a foreign dead letter found on syntor.dlq, once per record', async () => {
    const { deps, stored } = inMemoryStore();

    await storeDeadLetters(deps, [], [asPoison(onDlq('{"requestContext":"not quite"}', '8')), asPoison(onDlq('{"requestContext":"not quite"}', '8'))], 'coordination-dead-letters');

    expect(stored.map((s) => s.letter)).toEqual([
      expect.objectContaining({ reasonCode: 'foreign-dead-letter', origin: expect.objectContaining({ topic: TOPICS.deadLetter, offset: '8' }) }),
      expect.objectContaining({ reasonCode: 'foreign-dead-letter' }),
    ]);
    expect(stored[0]!.id).toBe(stored[1]!.id);
  });

  it.each([
    ['RetriesExhausted', 'retries-exhausted'],
    ['RetryAttemptsExhausted', 'retries-exhausted'],
    ['MaximumPayloadSizeExceeded', 'maximum-payload-size-exceeded'],
    ['RecordAgeExceeded', 'record-age-exceeded'],
  ])("names Lambda's condition %s as the reason code %s", (condition, code) => {
    expect(reasonCodeOfCondition(condition)).toBe(code);
  });
});
