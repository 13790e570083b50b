import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMskEvent, localEventSource } from '../../lib/kafka/index.js';
import { packRecords, unpackRecords } from '../../local/harness/environment/packRecords.js';
import { kafkaRecordArbitrary } from '../fixtures/kafkaRecords.js';

const sources = [undefined, localEventSource('msk'), localEventSource('self-managed', ['b-1:9092', 'b-2:9092'])];

describe('Kafka records packed for an execution environment', () => {
  it.each(sources)('build there the very event JSON the harness would send (source %o)', (source) => {
    fc.assert(
      fc.property(fc.array(kafkaRecordArbitrary, { maxLength: 20 }), (records) => {
        // Prepare
        const packed = packRecords(records);

        // Act: the buffers cross a thread as postMessage hands them over
        const received = structuredClone(packed, { transfer: [packed.numbers.buffer, packed.bytes.buffer] });
        const event = buildMskEvent(unpackRecords(received), source);

        // Assess
        expect(JSON.stringify(event)).toBe(JSON.stringify(buildMskEvent(records, source)));
      }),
      { numRuns: 300 },
    );
  });
});
