import { describe, expect, it } from 'vitest';
import type { BatchOutcome } from '../../../../local/harness/kafka/batchResponse.js';
import type { BufferedRecord, CommitOffsets } from '../../../../local/harness/kafka/commitPlan.js';
import { deliverBatch, type BatchDelivery } from '../../../../local/harness/kafka/deliverBatch.js';
import { silentLog } from '../../../../local/harness/log.js';
import { buildKafkaRecord } from '../../../fixtures/kafkaRecords.js';

const NOW = 1_764_000_000_000;
const item = (offset: number, { timestamp = NOW, partition = 0 } = {}): BufferedRecord => ({
  record: buildKafkaRecord({ topic: 't', partition, offset: String(offset), value: Buffer.from(String(offset)), timestamp }),
  matched: true,
});

/** An in-memory poller: `fails` decides per invocation (by its record values) whether the function errors. */
function poller(fails: (values: string[]) => boolean, trigger: Partial<BatchDelivery['trigger']> = {}, retries = 0) {
  const invocations: string[][] = [];
  const commits: CommitOffsets[] = [];
  const deadLetters: { values: string[]; condition: string | undefined }[] = [];
  const delivery: BatchDelivery = {
    trigger: { bisectBatchOnFunctionError: false, maximumRecordAgeInSeconds: -1, ...trigger },
    retries,
    retry: { initialMs: 0, maxMs: 0 },
    name: 'test',
    log: silentLog,
    invoke: async (items) => {
      const values = items.filter((i) => i.matched).map((i) => i.record.value!.toString());
      invocations.push(values);
      return (fails(values) ? { kind: 'failure', reason: 'boom' } : { kind: 'success' }) satisfies BatchOutcome;
    },
    commit: (offsets) => void commits.push(offsets),
    deadLetter: async (items, _reason, failure) => {
      deadLetters.push({ values: items.filter((i) => i.matched).map((i) => i.record.value!.toString()), condition: failure.condition });
      return true;
    },
    sleep: async () => true,
    stopping: () => false,
    onSuccess: () => undefined,
    onFailure: () => undefined,
    now: () => NOW,
  };
  return { delivery, invocations, commits, deadLetters };
}

describe('delivering a batch with bisectBatchOnFunctionError', () => {
  it('splits a failed batch in two and retries each half, isolating the poison record even with no retries', async () => {
    // Prepare
    const { delivery, invocations, deadLetters, commits } = poller((values) => values.includes('3'), { bisectBatchOnFunctionError: true });

    // Act
    await deliverBatch([item(0), item(1), item(2), item(3)], delivery);

    // Assess
    expect(invocations).toEqual([['0', '1', '2', '3'], ['0', '1'], ['2', '3'], ['2'], ['3']]);
    expect(deadLetters).toEqual([{ values: ['3'], condition: 'RetriesExhausted' }]);
    expect(commits.map((c) => c[0]!.offset)).toEqual(['2', '3', '4']);
  });

  it('without it, retries the whole batch and dead-letters it whole', async () => {
    const { delivery, invocations, deadLetters } = poller((values) => values.includes('3'), {}, 1);

    await deliverBatch([item(0), item(1), item(2), item(3)], delivery);

    expect(invocations).toEqual([['0', '1', '2', '3'], ['0', '1', '2', '3']]);
    expect(deadLetters.map((d) => d.values)).toEqual([['0', '1', '2', '3']]);
  });
});

describe('delivering a batch with maximumRecordAgeInSeconds', () => {
  it('sends records older than the limit to syntor.dlq without invoking, and commits them with the batch', async () => {
    const { delivery, invocations, deadLetters, commits } = poller(() => false, { maximumRecordAgeInSeconds: 60 });

    await deliverBatch([item(0, { timestamp: NOW - 61_000 }), item(1, { timestamp: NOW - 59_000 })], delivery);

    expect(deadLetters).toEqual([{ values: ['0'], condition: 'RecordAgeExceeded' }]);
    expect(invocations).toEqual([['1']]);
    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '2' }]]);
  });

  it('re-checks the age before every retry', async () => {
    let now = NOW;
    const { delivery, invocations, deadLetters } = poller(() => true, { maximumRecordAgeInSeconds: 60 }, 5);
    delivery.now = () => now;
    delivery.sleep = async () => {
      now += 30_000;
      return true;
    };

    await deliverBatch([item(0, { timestamp: NOW - 10_000 })], delivery);

    // Attempts at 10 s and 40 s old; at 70 s it is too old and goes to syntor.dlq uninvoked.
    expect(invocations).toHaveLength(2);
    expect(deadLetters).toEqual([{ values: ['0'], condition: 'RecordAgeExceeded' }]);
  });
});
