import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMskRecord } from '../../../../lib/kafka/index.js';
import { kafkaRecordArbitrary } from '../../../fixtures/kafkaRecords.js';
import { recordBytes } from '../../../../local/harness/kafka/payloadSize.js';


describe('the size of a record in the event', () => {
  it('is counted exactly as the JSON Lambda would send, plus its comma', () => {
    fc.assert(
      fc.property(kafkaRecordArbitrary, (r) => {
        expect(recordBytes(r)).toBe(Buffer.byteLength(JSON.stringify(toMskRecord(r))) + 1);
      }),
      { numRuns: 500 },
    );
  });
});
