import { describe, expect, it } from 'vitest';
import { formBatch, type PendingRecord } from '../../../../local/harness/kafka/formBatch.js';
import { InFlightPartitions } from '../../../../local/harness/kafka/inFlightPartitions.js';
import { PendingRecords } from '../../../../local/harness/kafka/pendingRecords.js';
import { eventBytes, partitionBytes, recordBytes } from '../../../../local/harness/kafka/payloadSize.js';
import { buildKafkaRecord } from '../../../fixtures/kafkaRecords.js';

const pending = (partition: number, offset: number, { matched = true, value = 'v' } = {}): PendingRecord => {
  const record = buildKafkaRecord({ topic: 't', partition, offset: String(offset), value: Buffer.from(value) });
  return { record, tp: `${record.topic}-${record.partition}`, matched, bufferedAt: 0, bytes: matched ? recordBytes(record) : 0 };
};
const buffered = (records: readonly PendingRecord[]) => {
  const buffer = new PendingRecords();
  buffer.add(records);
  return buffer;
};
const ids = (items: readonly PendingRecord[]) => items.map((i) => `${i.record.partition}@${i.record.offset}`);
const limits = (extra: Partial<Parameters<typeof formBatch>[1]> = {}) => ({ batchSize: 100, payloadBytes: 6 * 1024 * 1024, eventBytes: eventBytes(), inFlight: new InFlightPartitions(), ...extra });

describe('forming a batch', () => {
  it('takes records of several partitions in fetch order, up to the batch size, each partition a run from its oldest', () => {
    // Prepare
    const buffer = buffered([pending(0, 1), pending(1, 1), pending(0, 2), pending(1, 2), pending(0, 3)]);

    // Act
    const { batch } = formBatch(buffer, limits({ batchSize: 3 }));

    // Assess: partition 1's second record would pass the size, so partition 0's third waits too
    expect(ids(batch)).toEqual(['0@1', '1@1', '0@2']);
    expect(ids(buffer.remaining())).toEqual(['1@2', '0@3']);
  });

  it('leaves every record of a partition in flight for a later batch', () => {
    const inFlight = new InFlightPartitions();
    inFlight.claim([pending(0, 0)]);

    const buffer = buffered([pending(0, 1), pending(1, 1), pending(0, 2)]);

    const { batch } = formBatch(buffer, limits({ inFlight }));

    expect(ids(batch)).toEqual(['1@1']);
    expect(ids(buffer.remaining())).toEqual(['0@1', '0@2']);
  });

  it('takes across fetches in fetch order and counts what waits, however much waits behind a partition in flight', () => {
    // Prepare: three fetches, the first of a partition in flight
    const inFlight = new InFlightPartitions();
    inFlight.claim([pending(0, 0)]);
    const buffer = new PendingRecords();
    buffer.add(Array.from({ length: 1_000 }, (_, i) => pending(0, i + 1)));
    buffer.add([pending(1, 1), pending(1, 2)]);
    buffer.add([pending(2, 1), pending(1, 3)]);

    // Act
    const { batch } = formBatch(buffer, limits({ batchSize: 3, inFlight }));

    // Assess
    expect(ids(batch)).toEqual(['1@1', '1@2', '2@1']);
    expect(ids(buffer.remaining()).slice(-2)).toEqual(['0@1000', '1@3']);
    expect(buffer.size).toBe(1_001);
    expect(buffer.hasWaitingOutside(inFlight)).toBe(true);
  });

  it('lets filtered records ride along with their partition up to a full batch, and leaves what follows it for the next one', () => {
    const buffer = buffered([pending(0, 1, { matched: false }), pending(1, 1, { matched: false }), pending(0, 2), pending(0, 3, { matched: false }), pending(1, 2)]);

    const { batch } = formBatch(buffer, limits({ batchSize: 1 }));

    expect(ids(batch)).toEqual(['0@1', '1@1', '0@2']);
    expect(ids(buffer.remaining())).toEqual(['0@3', '1@2']);
  });

  it('cuts the batch where the event JSON would pass the payload cap', () => {
    // Prepare: room for exactly two records of partition 0
    const records = [pending(0, 1, { value: 'x'.repeat(1_000) }), pending(0, 2, { value: 'x'.repeat(1_000) }), pending(0, 3, { value: 'x'.repeat(1_000) })];
    const payloadBytes = eventBytes() + partitionBytes('t-0') + records[0]!.bytes + records[1]!.bytes;
    const buffer = buffered(records);

    // Act
    const { batch, tooLarge } = formBatch(buffer, limits({ payloadBytes }));

    // Assess
    expect(ids(batch)).toEqual(['0@1', '0@2']);
    expect(ids(buffer.remaining())).toEqual(['0@3']);
    expect(tooLarge).toBe(false);
  });

  it('returns a record whose event alone passes the cap on its own, flagged, once nothing precedes it', () => {
    const big = pending(1, 1, { value: 'x'.repeat(5_000) });
    const payloadBytes = 4_000;

    const buffer = buffered([pending(0, 1), big, pending(1, 2)]);

    const first = formBatch(buffer, limits({ payloadBytes }));
    const second = formBatch(buffer, limits({ payloadBytes }));

    expect(ids(first.batch)).toEqual(['0@1']);
    expect(first.tooLarge).toBe(false);
    expect(ids(second.batch)).toEqual(['1@1']);
    expect(second.tooLarge).toBe(true);
    expect(ids(buffer.remaining())).toEqual(['1@2']);
  });
});

describe('partitions in flight', () => {
  it('refuses to claim a partition twice', () => {
    const inFlight = new InFlightPartitions();
    inFlight.claim([pending(0, 1), pending(0, 2)]);

    expect(() => inFlight.claim([pending(0, 3)])).toThrow('partition t-0 is already in flight');
    inFlight.release([pending(0, 1)]);
    expect(inFlight.has('t-0')).toBe(false);
  });
});
