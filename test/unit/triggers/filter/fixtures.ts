import { matchesPattern, parseFilterPattern } from '../../../../lib/triggers/filter/index.js';

/** A record value as a Kafka producer writes it: raw JSON text, or a value to serialise. */
export function recordValue(value: string | object): Buffer {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
}

/** Wraps the part of a pattern that applies to the message into a Kafka pattern and matches it. */
export function matchesValue(valuePattern: unknown, value: Buffer | null): boolean {
  return matchesPattern(parseFilterPattern({ value: valuePattern }), value);
}
