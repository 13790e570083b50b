import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMskRecord, type KafkaRecord } from '../../../../lib/kafka/index.js';
import { recordBytes } from '../../../../local/harness/kafka/payloadSize.js';

const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a));
const record: fc.Arbitrary<KafkaRecord> = fc.record({
  topic: fc.stringMatching(/^[a-zA-Z0-9._-]{1,40}$/),
  partition: fc.integer({ min: 0, max: 10_000 }),
  offset: fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }).map(String),
  timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  timestampType: fc.constantFrom('CREATE_TIME' as const, 'LOG_APPEND_TIME' as const),
  key: fc.option(bytes(64), { nil: null }),
  value: fc.option(bytes(2_000), { nil: null }),
  headers: fc.array(fc.record({ key: fc.string({ maxLength: 12 }), value: bytes(16) }), { maxLength: 4 }),
});

describe('the size of a record in the event', () => {
  it('is counted exactly as the JSON Lambda would send, plus its comma', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(recordBytes(r)).toBe(Buffer.byteLength(JSON.stringify(toMskRecord(r))) + 1);
      }),
      { numRuns: 500 },
    );
  });
});
