import { describe, expect, it } from 'vitest';
import { interpretResponse } from '../../../../local/harness/kafka/batchResponse.js';
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
    expect(interpretResponse({ batchItemFailures: [{ itemIdentifier: 'my-topic-0-11' }] }, batch, false)).toEqual({ kind: 'success' });
  });

  it('keeps the lowest failed offset per partition (topic names may contain dashes)', () => {
    const outcome = interpretResponse(
      { batchItemFailures: [{ itemIdentifier: 'my-topic-0-11' }, { itemIdentifier: 'my-topic-0-10' }, { itemIdentifier: 'my-topic-2-7' }] },
      batch,
      true,
    );
    expect(outcome).toEqual({ kind: 'partial', failedFrom: new Map([['my-topic-0', 10n], ['my-topic-2', 7n]]) });
  });

  it.each([
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a bad key name', { batchItemFailures: [{ itemId: 'my-topic-0-10' }] }],
    ['a record not in the batch', { batchItemFailures: [{ itemIdentifier: 'my-topic-0-99' }] }],
    ['a list that is not a list', { batchItemFailures: 'my-topic-0-10' }],
  ])('treats %s as a failure of the whole batch', (_name, result) => {
    expect(interpretResponse(result, batch, true)).toMatchObject({ kind: 'failure' });
  });
});
