import { decodeRecordValue } from './decodeRecordValue.js';
import { matchRecord } from './matchRecord.js';
import type { FilterPattern } from './types.js';

/**
 * Whether a Kafka record's raw value passes one pattern from {@link parseFilterPattern}.
 *
 * @example
 * const pattern = parseFilterPattern({ value: { device_ID: [{ prefix: 'AB' }] } });
 * matchesPattern(pattern, Buffer.from('{"device_ID":"AB1234"}')); // true
 * matchesPattern(pattern, Buffer.from('AB1234'));                 // false: not JSON
 */
export function matchesPattern(pattern: FilterPattern, value: Buffer | null): boolean {
  return matchRecord(pattern, decodeRecordValue(value));
}
