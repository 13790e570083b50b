import { decodeRecordValue } from './decodeRecordValue.js';
import { matchRecord } from './matchRecord.js';
import { parseFilterAt } from './parseFilterAt.js';

/**
 * Validates a trigger's patterns up front and returns its record filter. Patterns are ORed; with none,
 * every record passes (DOCS.filterSyntax). Each record's value is decoded and parsed once, whatever
 * the number of patterns.
 *
 * @example
 * const accepts = compileFilters(['{ "value": { "type": ["task.assign"] } }']);
 * accepts(Buffer.from('{"type":"task.assign"}')); // true
 */
export function compileFilters(patterns: readonly unknown[]): (value: Buffer | null) => boolean {
  const parsed = patterns.map(parseFilterAt);
  if (parsed.length === 0) return () => true;
  return (value) => {
    const record = decodeRecordValue(value);
    return parsed.some((pattern) => matchRecord(pattern, record));
  };
}
