import { describe, expect, it } from 'vitest';
import { FilterPatternInvalidError, parseFilterPattern } from '../../../../lib/triggers/filter/index.js';

// What Lambda rejects at CreateEventSourceMapping: Kafka's `value`-only rule
// (https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html), the operator table
// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-syntax) and the
// structural checks of event-ruler's JsonRuleCompiler, which EventBridge-style filtering runs on.
const cases: [message: string | RegExp, input: unknown][] = [
  [/^pattern: is not valid JSON \(/, '{ "value": '],
  ['pattern: must be a JSON object like { "value": { ... } }; got ["value"]', '["value"]'],
  ['pattern: must be a JSON object like { "value": { ... } }; got null', null],
  [/^pattern: must be a JSON object/, new Date(0)],
  ['pattern: empty objects are not allowed; a Kafka pattern filters on "value"', {}],
  [/^key: Kafka event source mappings only filter on "value", not "key" \(https:/, { key: ['k1'] }],
  [/^topic: Kafka event source mappings only filter on "value"/, { value: { a: [1] }, topic: ['orders'] }],
  [/^\$or\[1\]\.partition: Kafka event source mappings only filter on "value"/, { $or: [{ value: { a: [1] } }, { partition: [0] }] }],
  [/^value: must be an object \(fields of a JSON message\) or an array/, { value: 'AB' }],
  ['value: empty objects are not allowed', { value: {} }],
  ['value: empty arrays are not allowed; list at least one value to match', { value: [] }],
  [/^value\.type: must be an object \(nested fields\) or an array \(values to match\); got "task.assign"/, { value: { type: 'task.assign' } }],
  ['value.a.b: empty objects are not allowed', { value: { a: { b: {} } } }],
  [/^value\.a: a match value must be a string, number, true, false, null or an operator object; got \["x"\]$/, { value: { a: [['x']] } }],
  ['value.a: numbers must be finite; got NaN', { value: { a: [Number.NaN] } }],
  ['value.a: an operator object takes exactly one key; got 0', { value: { a: [{}] } }],
  ['value.a: an operator object takes exactly one key; got 2 (prefix, suffix)', { value: { a: [{ prefix: 'x', suffix: 'y' }] } }],
  ['value.a: prefix must be a string; got 1', { value: { a: [{ prefix: 1 }] } }],
  ['value.a: suffix must be a string; got null', { value: { a: [{ suffix: null }] } }],
  [/^value\.a: prefix with an object \(e\.g\. equals-ignore-case\) is an EventBridge form that Lambda's filter syntax does not list/, { value: { a: [{ prefix: { 'equals-ignore-case': 'x' } }] } }],
  ['value.a: equals-ignore-case must be a string; got ["x"]', { value: { a: [{ 'equals-ignore-case': ['x'] }] } }],
  ['value.a: exists must be true or false; got "yes"', { value: { a: [{ exists: 'yes' }] } }],
  ['value.amount: numeric must be an array, e.g. [">", 0, "<=", 5]; got ">5"', { value: { amount: [{ numeric: '>5' }] } }],
  [/^value\.amount: numeric needs an operator followed by a number/, { value: { amount: [{ numeric: [] }] } }],
  [/^value\.amount: numeric needs an operator followed by a number/, { value: { amount: [{ numeric: ['>'] }] } }],
  [/^value\.amount: numeric needs an operator followed by a number/, { value: { amount: [{ numeric: ['>', '5'] }] } }],
  [/^value\.amount: numeric needs an operator followed by a number/, { value: { amount: [{ numeric: [5, '>'] }] } }],
  ['value.amount: numeric operator must be one of =, <, <=, >, >=; got "!="', { value: { amount: [{ numeric: ['!=', 5] }] } }],
  ['value.amount: numeric "<" takes a single number; a range starts with ">" or ">="', { value: { amount: [{ numeric: ['<', 5, '>', 1] }] } }],
  ['value.amount: numeric takes 2 or 4 elements, got 3', { value: { amount: [{ numeric: ['>', 0, '<'] }] } }],
  ['value.amount: numeric range must end with "<" or "<=" and a number; got ">="', { value: { amount: [{ numeric: ['>', 0, '>=', 5] }] } }],
  ['value.amount: numeric range bottom (5) must be less than its top (5)', { value: { amount: [{ numeric: ['>', 5, '<=', 5] }] } }],
  ['value.amount: numeric takes 2 or 4 elements, got 6', { value: { amount: [{ numeric: ['>', 0, '<', 5, '=', 1] }] } }],
  [/^value\.s: anything-but needs a string, a number, a list of only strings or only numbers/, { value: { s: [{ 'anything-but': null }] } }],
  ['value.s: anything-but list must not be empty', { value: { s: [{ 'anything-but': [] }] } }],
  ['value.s: anything-but list may hold only strings or only numbers (no null, booleans, lists or objects)', { value: { s: [{ 'anything-but': ['stopped', null] }] } }],
  ['value.s: anything-but list must not mix strings and numbers', { value: { s: [{ 'anything-but': ['stopped', 5] }] } }],
  ['value.s: anything-but prefix must be a non-empty string', { value: { s: [{ 'anything-but': { prefix: '' } }] } }],
  [/^value\.s: anything-but with "suffix" is an EventBridge form that Lambda's filter syntax does not list/, { value: { s: [{ 'anything-but': { suffix: '.png' } }] } }],
  ['value.s: unsupported anything-but operator "contains"; only "prefix" is allowed', { value: { s: [{ 'anything-but': { contains: 'x' } }] } }],
  ['value.s: anything-but takes an object with exactly one key ("prefix"); got 2', { value: { s: [{ 'anything-but': { prefix: 'a', suffix: 'b' } }] } }],
  [/^value\.path: "wildcard" is an EventBridge operator that Lambda's filter syntax does not list/, { value: { path: [{ wildcard: 'dir/*.png' }] } }],
  [/^value\.ip: "cidr" is an EventBridge operator that Lambda's filter syntax does not list/, { value: { ip: [{ cidr: '10.0.0.0/24' }] } }],
  ['value.s: unrecognized operator "contains"', { value: { s: [{ contains: 'x' }] } }],
  ['value.$or: $or must be an array of at least 2 objects; got [{"a":[1]}]', { value: { $or: [{ a: [1] }] } }],
  [/^value\.\$or: \$or must be an array of at least 2 objects/, { value: { $or: { a: [1] } } }],
  [/^value\.\$or: \$or must be an array of at least 2 objects/, { value: { $or: [{ a: [1] }, ['b']] } }],
  ['value.$or[1]: empty objects are not allowed', { value: { $or: [{ a: [1] }, {}] } }],
  ['value.$or[1].numeric: "numeric" is an operator name and cannot be used as a field inside $or', { value: { $or: [{ a: [1] }, { numeric: [1] }] } }],
  [/^\$or: \$or must be an array of at least 2 objects/, { $or: [{ value: { a: [1] } }] }],
  [/^pattern: is 4\d{3} characters; Lambda allows at most 4096/, `{ "value": ["${'x'.repeat(4096)}"] }`],
  [/^pattern: is 4\d{3} characters as JSON; Lambda allows at most 4096/, { value: ['x'.repeat(4096)] }],
];

describe('parseFilterPattern rejects what Lambda rejects', () => {
  it.each(cases)('%s', (message, input) => {
    expect(() => parseFilterPattern(input)).toThrow(message);
  });

  it('throws a FilterPatternInvalidError that carries the pattern, the place and the reason', () => {
    const input = '{ "value": { "amount": [ { "numeric": [ ">" ] } ] } }';
    try {
      parseFilterPattern(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FilterPatternInvalidError);
      expect(error).toMatchObject({
        name: 'FilterPatternInvalidError',
        retriable: false,
        pattern: input,
        path: 'value.amount',
        reason: expect.stringMatching(/^numeric needs an operator followed by a number/) as unknown,
      });
    }
  });
});
