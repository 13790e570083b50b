import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMskEvent, decodeMessage, MskRecordDecodeError, readMskEvent, type KafkaRecord } from '../../lib/kafka/index.js';

const bytes = (min = 0) => fc.uint8Array({ minLength: min, maxLength: 256 }).map((a) => Buffer.from(a));

const recordArb: fc.Arbitrary<KafkaRecord> = fc.record({
  topic: fc.stringMatching(/^[a-zA-Z0-9._-]{1,40}$/),
  partition: fc.integer({ min: 0, max: 99 }),
  offset: fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }).map(String),
  timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  timestampType: fc.constantFrom('CREATE_TIME' as const, 'LOG_APPEND_TIME' as const),
  key: fc.option(bytes(), { nil: null }),
  // Lambda cannot tell an empty value from a null one (both arrive as ""), so only non-empty values round-trip as bytes.
  value: fc.option(bytes(1), { nil: null }),
  headers: fc.array(fc.record({ key: fc.string({ minLength: 1, maxLength: 20 }), value: bytes() }), { maxLength: 5 }),
});

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
