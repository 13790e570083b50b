import { describe, expect, it } from 'vitest';
import { commitAll, commitPartial, type BufferedRecord } from '../../../../local/harness/kafka/commitPlan.js';
import { buildKafkaRecord } from '../../../fixtures/kafkaRecords.js';

const item = (partition: number, offset: number, matched = true): BufferedRecord => ({
  record: buildKafkaRecord({ topic: 't', partition, offset: String(offset) }),
  matched,
});

describe('commit plans', () => {
  it('commits the next offset of every partition after a success, filtered records included', () => {
    expect(commitAll([item(0, 4), item(1, 9), item(0, 5), item(0, 6, false)])).toEqual([
      { topic: 't', partition: 0, offset: '7' },
      { topic: 't', partition: 1, offset: '10' },
    ]);
  });

  it('commits a failed partition up to its first failed record and redelivers from it', () => {
    const batch = [item(0, 4), item(1, 9), item(0, 5), item(0, 6, false), item(0, 7), item(1, 10)];
    const plan = commitPartial(batch, new Map([['t-0', 5n]]));
    expect(plan.commit).toEqual([
      { topic: 't', partition: 0, offset: '5' },
      { topic: 't', partition: 1, offset: '11' },
    ]);
    expect(plan.redeliver.map((i) => `${i.record.partition}@${i.record.offset}`)).toEqual(['0@5', '0@6', '0@7']);
  });

  it('commits nothing for a partition whose first record failed', () => {
    const plan = commitPartial([item(0, 4), item(0, 5)], new Map([['t-0', 4n]]));
    expect(plan.commit).toEqual([]);
    expect(plan.redeliver).toHaveLength(2);
  });
});
