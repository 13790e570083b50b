import { KAFKA_DATA_KEY, OR_KEY } from './constants.js';
import { isPlainObject } from './isPlainObject.js';
import { matchFieldRules } from './matchFieldRules.js';
import { matchObjectPattern } from './matchObjectPattern.js';
import type { FilterPattern, RecordValue } from './types.js';

/** A validated Kafka pattern against a decoded record value. */
export function matchRecord(pattern: FilterPattern, record: RecordValue): boolean {
  return Object.entries(pattern).every(([key, spec]) => {
    if (key === OR_KEY) return Array.isArray(spec) && spec.some((branch) => isPlainObject(branch) && matchRecord(branch, record));
    return key === KAFKA_DATA_KEY && matchValue(spec, record);
  });
}

/**
 * The pattern's format for `value` must agree with the message's: fields (an object) need a JSON
 * message, alternatives (an array) need a plain string. On a mismatch, or bytes that are not UTF-8,
 * Lambda evaluates only the metadata filters (DOCS.messageFormats); a Kafka pattern has none besides
 * `value`, and we read that as "the pattern does not match", as the harness issue states: a value
 * that is not JSON is matched only by patterns that do not look inside it. A null value (tombstone)
 * is an absent field, so only `[{ "exists": false }]` matches it.
 */
function matchValue(spec: unknown, record: RecordValue): boolean {
  if (Array.isArray(spec)) {
    if (record.kind === 'text') return matchFieldRules(spec, record.text);
    return record.kind === 'absent' && matchFieldRules(spec, undefined);
  }
  return record.kind === 'json' && isPlainObject(spec) && matchObjectPattern(spec, record.json);
}
