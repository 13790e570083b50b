import { decodeRecordValue } from './decodeRecordValue.js';
import { FilterPatternInvalidError } from './errors.js';
import { matchRecord } from './matchRecord.js';
import { parseFilterPattern } from './parseFilterPattern.js';
import type { FilterPattern } from './types.js';

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
  const parsed = patterns.map(parseAt);
  if (parsed.length === 0) return () => true;
  return (value) => {
    const record = decodeRecordValue(value);
    return parsed.some((pattern) => matchRecord(pattern, record));
  };
}

function parseAt(input: unknown, filterIndex: number): FilterPattern {
  try {
    return parseFilterPattern(input);
  } catch (error) {
    if (!(error instanceof FilterPatternInvalidError)) throw error;
    throw new FilterPatternInvalidError(input, error.path, error.reason, { cause: error, filterIndex });
  }
}
