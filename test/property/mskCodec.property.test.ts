import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kafkaRecordArbitrary } from '../fixtures/kafkaRecords.js';
import { buildMskEvent, decodeMessage, MskRecordDecodeError, readMskEvent, type KafkaRecord } from '../../lib/kafka/index.js';


const recordArb = kafkaRecordArbitrary;

/** Records as they come off partitions: offsets ascending within each partition. */
const batchArb = fc.array(recordArb, { maxLength: 30 }).map((records) => {
  const next = new Map<string, bigint>();
  return records.map((r) => {
    const tp = `${r.topic}-${r.partition}`;
    const offset = next.get(tp) ?? BigInt(r.offset) % 1_000_000n;
    next.set(tp, offset + 1n);
    return { ...r, offset: String(offset) };
  });
});

function byPartition(records: KafkaRecord[]) {
  const groups: Record<string, KafkaRecord[]> = {};
  for (const r of records) (groups[`${r.topic}-${r.partition}`] ??= []).push(r);
  return groups;
}

describe('MSK codec properties', () => {
  it('encode → decode is the identity for arbitrary keys, values and headers (per partition, in order)', () => {
    fc.assert(
      fc.property(batchArb, (records) => {
        const decoded = readMskEvent(JSON.parse(JSON.stringify(buildMskEvent(records))));
        expect(byPartition(decoded)).toEqual(byPartition(records));
      }),
      { numRuns: 300 },
    );
  });

  it('every record sits under its own topic-partition key', () => {
    fc.assert(
      fc.property(batchArb, (records) => {
        const event = buildMskEvent(records);
        for (const [key, group] of Object.entries(event.records)) {
          for (const r of group) expect(key).toBe(`${r.topic}-${r.partition}`);
        }
        expect(Object.values(event.records).flat()).toHaveLength(records.length);
      }),
    );
  });

  it('malformed values always give the typed error, never another exception', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        try {
          decodeMessage(record);
          // Random bytes are never a valid SYNTOR envelope.
          expect.unreachable();
        } catch (error) {
          expect(error).toBeInstanceOf(MskRecordDecodeError);
          expect((error as MskRecordDecodeError).origin).toEqual({ topic: record.topic, partition: record.partition, offset: record.offset });
        }
      }),
      { numRuns: 300 },
    );
  });
});
