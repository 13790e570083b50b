import { describe, expect, it } from 'vitest';
import { batchItemFailures } from '../../../../lib/handlers/index.js';
import { interpretResponse, KAFKA_ITEM_IDENTIFIER_SHAPE } from '../../../../local/harness/kafka/batchResponse.js';
import { buildKafkaRecord } from '../../../fixtures/kafkaRecords.js';

const batch = [
  buildKafkaRecord({ topic: 'my-topic', partition: 0, offset: '10' }),
  buildKafkaRecord({ topic: 'my-topic', partition: 0, offset: '11' }),
  buildKafkaRecord({ topic: 'my-topic', partition: 2, offset: '7' }),
];

describe('interpretResponse', () => {
  it.each([
    ['no response', undefined],
    ['null', null],
    ['an object without the list', { ok: true }],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
  ])('treats %s as success', (_name, result) => {
    expect(interpretResponse(result, batch, true)).toEqual({ kind: 'success' });
  });

  it('ignores batchItemFailures unless ReportBatchItemFailures is on, as Lambda does', () => {
    expect(interpretResponse({ batchItemFailures: [{ itemIdentifier: { partition: 'my-topic-0', offset: 11 } }] }, batch, false)).toEqual({ kind: 'success' });
  });

  it('refuses the string form "<topic>-<partition>-<offset>", naming the shape AWS documents for Kafka', () => {
    const outcome = interpretResponse({ batchItemFailures: [{ itemIdentifier: 'my-topic-0-11' }] }, batch, true);

    expect(outcome).toEqual({
      kind: 'failure',
      reason: `batchItemFailures entry {"itemIdentifier":"my-topic-0-11"} is not ${KAFKA_ITEM_IDENTIFIER_SHAPE}`,
    });
  });

  it('reads the form AWS documents for Kafka: the topic-partition key and the offset', () => {
    const outcome = interpretResponse(
      {
        batchItemFailures: [
          { itemIdentifier: { partition: 'my-topic-0', offset: 11 } },
          { itemIdentifier: { partition: 'my-topic-0', offset: 10 } },
          { itemIdentifier: { partition: 'my-topic-2', offset: 7 } },
        ],
      },
      batch,
      true,
    );
    expect(outcome).toEqual({ kind: 'partial', failedFrom: new Map([['my-topic-0', 10n], ['my-topic-2', 7n]]) });
  });

  it('reads what createKafkaBatchHandler answers', () => {
    expect(interpretResponse(batchItemFailures([batch[1]!]), batch, true)).toEqual({ kind: 'partial', failedFrom: new Map([['my-topic-0', 11n]]) });
  });

  it.each([
    ['an object naming a partition not in the batch', { batchItemFailures: [{ itemIdentifier: { partition: 'my-topic-1', offset: 10 } }] }],
    ['an object naming an offset not in the batch', { batchItemFailures: [{ itemIdentifier: { partition: 'my-topic-0', offset: 12 } }] }],
    ['an object with the offset as a string', { batchItemFailures: [{ itemIdentifier: { partition: 'my-topic-0', offset: '10' } }] }],
    ['an object without its partition', { batchItemFailures: [{ itemIdentifier: { offset: 10 } }] }],
    ['an empty object', { batchItemFailures: [{ itemIdentifier: {} }] }],
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a bad key name', { batchItemFailures: [{ itemId: 'my-topic-0-10' }] }],
    ['a record not in the batch', { batchItemFailures: [{ itemIdentifier: { partition: 'my-topic-0', offset: 99 } }] }],
    ['a list that is not a list', { batchItemFailures: 'my-topic-0-10' }],
  ])('treats %s as a failure of the whole batch', (_name, result) => {
    expect(interpretResponse(result, batch, true)).toMatchObject({ kind: 'failure' });
  });
});
