import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesPattern, parseFilterPattern } from '../../../../lib/triggers/filter/index.js';
import { matchesValue, recordValue } from './fixtures.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const fieldName = fc.string({ minLength: 1, maxLength: 6 }).filter((key) => key !== '$or' && key !== '__proto__');
const scalar = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { message } = fc.letrec<{ json: Json; message: Record<string, Json> }>((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('json'), { maxLength: 3 }), tie('message')),
  message: fc.dictionary(fieldName, tie('json'), { maxKeys: 4 }),
}));

/** A pattern naming every leaf of the message with its own value; arrays give their leaves as alternatives. */
function patternOf(node: Record<string, Json>): Record<string, unknown> | undefined {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const leaves = leavesOf(value);
    if (leaves.length > 0) fields[key] = leaves;
    else if (isObject(value)) {
      const nested = patternOf(value);
      if (nested !== undefined) fields[key] = nested;
    }
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function leavesOf(value: Json): Json[] {
  if (Array.isArray(value)) return value.flatMap(leavesOf);
  return isObject(value) ? [] : [value];
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

describe('filter properties', () => {
  it('a pattern made of a message’s own leaf values matches that message', () => {
    fc.assert(
      fc.property(message, (event) => {
        const valuePattern = patternOf(event);
        fc.pre(valuePattern !== undefined);
        expect(matchesPattern(parseFilterPattern({ value: valuePattern }), recordValue(event))).toBe(true);
      }),
    );
  });

  it('anything-but [x] never matches x, alone or in an array', () => {
    const excluded = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(excluded, (x) => {
        const valuePattern = { field: [{ 'anything-but': [x] }] };
        expect(matchesValue(valuePattern, recordValue({ field: x }))).toBe(false);
        expect(matchesValue(valuePattern, recordValue({ field: [x, x] }))).toBe(false);
      }),
    );
  });

  it('a pattern string parses to the same pattern as its object', () => {
    fc.assert(
      fc.property(message, (event) => {
        const valuePattern = patternOf(event);
        fc.pre(valuePattern !== undefined);
        const pattern = { value: valuePattern };
        expect(parseFilterPattern(JSON.stringify(pattern))).toEqual(parseFilterPattern(pattern));
      }),
    );
  });
});
