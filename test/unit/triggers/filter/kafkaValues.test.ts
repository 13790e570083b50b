import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileFilters, FilterPatternInvalidError, matchesPattern, parseFilterPattern } from '../../../../lib/triggers/filter/index.js';
import { matchesValue, recordValue } from './fixtures.js';

const text = (value: string): Buffer => Buffer.from(value, 'utf8');
const NOT_UTF8 = Buffer.from([0xc3, 0x28, 0xff]);

// Kafka values are UTF-8 text, either JSON or a plain string; a pattern's format for `value` has to
// agree with the message's (https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html).
describe('Kafka value formats', () => {
  it.each([
    ['a plain string, by a plain-string pattern', ['hello'], text('hello'), true],
    ['a plain string, by prefix', [{ prefix: 'INFO' }], text('INFO worker started'), true],
    ['a plain string, by anything-but', [{ 'anything-but': ['error'] }], text('ok'), true],
    ['a plain string, excluded by anything-but', [{ 'anything-but': ['error'] }], text('error'), false],
    ['a plain string, never by fields', { level: ['INFO'] }, text('INFO worker started'), false],
    ['a plain string, never by fields, even exists:false', { level: [{ exists: false }] }, text('hello'), false],
    ['a JSON object, never by a plain-string pattern', [{ 'anything-but': 'x' }], recordValue({ a: 1 }), false],
    ['a JSON object, never by a plain-string exists:false', [{ exists: false }], recordValue({ a: 1 }), false],
    ['a JSON object with whitespace around it', { a: [1] }, text('  {"a":1}\n'), true],
    ['a JSON scalar, as its text', ['42'], text('42'), true],
    ['a JSON scalar, not as a JSON number', [{ numeric: ['>', 0] }], text('42'), false],
    ['a JSON array, as its text (no fields to look into)', { x: [1] }, text('[{"x":1}]'), false],
    ['an empty value, as the empty string', [''], Buffer.alloc(0), true],
    ['an empty value, not as JSON', { x: [{ exists: false }] }, Buffer.alloc(0), false],
    ['non-ASCII UTF-8', { name: ['Zoë'] }, recordValue({ name: 'Zoë' }), true],
    ['a null value (tombstone), by exists:false', [{ exists: false }], null, true],
    ['a null value, not by exists:true', [{ exists: true }], null, false],
    ['a null value, not by the empty string', [''], null, false],
    ['a null value, never by fields', { x: [{ exists: false }] }, null, false],
    ['bytes that are not UTF-8, never by a plain-string pattern', [{ exists: false }], NOT_UTF8, false],
    ['bytes that are not UTF-8, never by anything-but', [{ 'anything-but': 'x' }], NOT_UTF8, false],
    ['bytes that are not UTF-8, never by fields', { x: [{ exists: false }] }, NOT_UTF8, false],
  ])('%s', (_case, valuePattern, value, expected) => {
    expect(matchesValue(valuePattern, value)).toBe(expected);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html and event-ruler's
// "JSON Array Matching" (array-consistent matching).
describe('arrays in the value', () => {
  const staff = recordValue({
    employees: [
      { firstName: 'John', lastName: 'Doe' },
      { firstName: 'Anna', lastName: 'Smith' },
      { firstName: 'Peter', lastName: 'Jones' },
    ],
  });

  it.each([
    ['any element of a leaf array', { tags: ['b'] }, recordValue({ tags: ['a', 'b'] }), true],
    ['no element of a leaf array', { tags: ['z'] }, recordValue({ tags: ['a', 'b'] }), false],
    ['nested leaf arrays', { tags: ['b'] }, recordValue({ tags: [['a'], ['b']] }), true],
    ['anything-but over an array: one element not excluded', { tags: [{ 'anything-but': ['a'] }] }, recordValue({ tags: ['a', 'b'] }), true],
    ['anything-but over an array: every element excluded', { tags: [{ 'anything-but': ['a'] }] }, recordValue({ tags: ['a'] }), false],
    ['numeric over an array', { scores: [{ numeric: ['>=', 90] }] }, recordValue({ scores: [40, 95] }), true],
    ['exists:true on an empty array', { tags: [{ exists: true }] }, recordValue({ tags: [] }), false],
    ['exists:false on an empty array', { tags: [{ exists: false }] }, recordValue({ tags: [] }), true],
    ['a field of one object in an array', { employees: { firstName: ['Anna'] } }, staff, true],
    ['two fields of the same element', { employees: { firstName: ['Anna'], lastName: ['Smith'] } }, staff, true],
    ['two fields of different elements never combine', { employees: { firstName: ['Anna'], lastName: ['Jones'] } }, staff, false],
    ['fields below an array of arrays', { employees: { firstName: ['Peter'] } }, recordValue({ employees: [[{ firstName: 'John' }], [{ firstName: 'Peter' }]] }), true],
  ])('%s', (_case, valuePattern, value, expected) => {
    expect(matchesValue(valuePattern, value)).toBe(expected);
  });
});

describe('nested fields', () => {
  const task = recordValue({ type: 'task.assign', task: { id: 't-1', meta: { priority: 3, owner: { team: 'ops' } } } });

  it.each([
    ['every key at every depth (AND)', { type: ['task.assign'], task: { meta: { priority: [3], owner: { team: ['ops'] } } } }, true],
    ['one nested key failing fails the pattern', { type: ['task.assign'], task: { meta: { owner: { team: ['dev'] } } } }, false],
    ['a nested field that is missing', { task: { meta: { deadline: ['2025-01-01'] } } }, false],
    ['exists:false below a missing ancestor', { task: { review: { by: [{ exists: false }] } } }, true],
    ['exists:false below a leaf', { type: { sub: [{ exists: false }] } }, true],
    ['exists:true below a leaf', { type: { sub: [{ exists: true }] } }, false],
    ['$or nested beside an AND sibling', { type: ['task.assign'], task: { $or: [{ id: ['t-9'] }, { meta: { priority: [{ numeric: ['<', 5] }] } }] } }, true],
    ['$or nested, no branch matching', { task: { $or: [{ id: ['t-9'] }, { meta: { priority: [{ numeric: ['>', 5] }] } }] } }, false],
  ])('%s', (_case, valuePattern, expected) => {
    expect(matchesValue(valuePattern, task)).toBe(expected);
  });

  it('lets $or at the top choose between a JSON and a plain-string form', () => {
    const pattern = parseFilterPattern({ $or: [{ value: { type: ['task.assign'] } }, { value: [{ prefix: 'PING' }] }] });
    expect(matchesPattern(pattern, task)).toBe(true);
    expect(matchesPattern(pattern, text('PING 1'))).toBe(true);
    expect(matchesPattern(pattern, text('PONG 1'))).toBe(false);
  });
});

describe('compileFilters', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('passes every record when the trigger has no patterns', () => {
    const accepts = compileFilters([]);
    expect([recordValue({ a: 1 }), text('plain'), null, NOT_UTF8].map(accepts)).toEqual([true, true, true, true]);
  });

  it('ORs several patterns, given as objects or as FilterCriteria strings', () => {
    const accepts = compileFilters([
      { value: { type: ['task.assign'] } },
      '{ "value": { "type": ["task.cancel"], "reason": [{ "exists": true }] } }',
      { value: ['heartbeat'] },
    ]);
    expect(accepts(recordValue({ type: 'task.assign' }))).toBe(true);
    expect(accepts(recordValue({ type: 'task.cancel', reason: 'timeout' }))).toBe(true);
    expect(accepts(recordValue({ type: 'task.cancel' }))).toBe(false);
    expect(accepts(text('heartbeat'))).toBe(true);
    expect(accepts(text('task.assign'))).toBe(false);
    expect(accepts(null)).toBe(false);
  });

  it('rejects the trigger up front, naming the bad pattern', () => {
    const compile = () => compileFilters([{ value: { a: [1] } }, { value: { amount: [{ numeric: ['>'] }] } }]);
    expect(compile).toThrow(FilterPatternInvalidError);
    expect(compile).toThrow(/^filters\[1\] value\.amount: numeric needs an operator followed by a number/);
  });

  it('decodes and parses each record value once, whatever the number of patterns', () => {
    const accepts = compileFilters([{ value: { a: [2] } }, { value: { b: [2] } }, { value: { c: [2] } }]);
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    expect(accepts(recordValue({ a: 1, b: 1, c: 1 }))).toBe(false);
    expect(decode).toHaveBeenCalledTimes(1);
  });
});

describe('parseFilterPattern', () => {
  it('reads a FilterCriteria Pattern string and an object alike', () => {
    const fromString = parseFilterPattern('{ "value" : { "device_ID" : [ { "prefix": "AB" } ] } }');
    expect(fromString).toEqual({ value: { device_ID: [{ prefix: 'AB' }] } });
    expect(parseFilterPattern({ value: { device_ID: [{ prefix: 'AB' }] } })).toEqual(fromString);
  });

  it('keeps the last of duplicate keys, as Lambda documents', () => {
    expect(parseFilterPattern('{ "value": { "k": ["hello"], "k": ["world"] } }')).toEqual({ value: { k: ['world'] } });
  });

  it('returns a copy that later changes to the input do not reach', () => {
    const input = { value: { type: ['a'] } };
    const pattern = parseFilterPattern(input);
    input.value.type.push('b');
    expect(pattern).toEqual({ value: { type: ['a'] } });
  });
});
