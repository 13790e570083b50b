import { describe, expect, it } from 'vitest';
import { matchesValue, recordValue } from './fixtures.js';

// Rows of Lambda's comparison-operator table, each with a message that matches and one that does not:
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-syntax
// Messages are raw JSON text so that a number's written form (300 vs 300.0) reaches the matcher.
const cases: [operator: string, valuePattern: unknown, message: string, expected: boolean][] = [
  ['Null', { UserID: [null] }, '{"UserID":null}', true],
  ['Null', { UserID: [null] }, '{"UserID":"null"}', false],
  ['Null', { UserID: [null] }, '{}', false],
  ['Empty', { LastName: [''] }, '{"LastName":""}', true],
  ['Empty', { LastName: [''] }, '{"LastName":"Doe"}', false],
  ['Equals', { Name: ['Alice'] }, '{"Name":"Alice"}', true],
  ['Equals is case-sensitive', { Name: ['Alice'] }, '{"Name":"alice"}', false],
  ['Equals (ignore case)', { Name: [{ 'equals-ignore-case': 'alice' }] }, '{"Name":"ALICE"}', true],
  ['Equals (ignore case)', { Name: [{ 'equals-ignore-case': 'alice' }] }, '{"Name":"Alicia"}', false],
  ['And', { Location: ['New York'], Day: ['Monday'] }, '{"Location":"New York","Day":"Monday"}', true],
  ['And', { Location: ['New York'], Day: ['Monday'] }, '{"Location":"New York","Day":"Tuesday"}', false],
  ['Or', { PaymentType: ['Credit', 'Debit'] }, '{"PaymentType":"Debit"}', true],
  ['Or', { PaymentType: ['Credit', 'Debit'] }, '{"PaymentType":"Cash"}', false],
  ['Or (multiple fields)', { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, '{"Location":"Paris","Day":"Monday"}', true],
  ['Or (multiple fields)', { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, '{"Location":"Paris","Day":"Friday"}', false],
  ['Not', { Weather: [{ 'anything-but': ['Raining'] }] }, '{"Weather":"Sunny"}', true],
  ['Not', { Weather: [{ 'anything-but': ['Raining'] }] }, '{"Weather":"Raining"}', false],
  ['Not never matches a missing field', { Weather: [{ 'anything-but': ['Raining'] }] }, '{}', false],
  ['Not matches null', { Weather: [{ 'anything-but': 'Raining' }] }, '{"Weather":null}', true],
  ['Numeric (equals)', { Price: [{ numeric: ['=', 100] }] }, '{"Price":100}', true],
  ['Numeric (equals) compares values', { Price: [{ numeric: ['=', 100] }] }, '{"Price":1.0e2}', true],
  ['Numeric (equals) needs a JSON number', { Price: [{ numeric: ['=', 100] }] }, '{"Price":"100"}', false],
  ['Numeric (range)', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, '{"Price":20}', true],
  ['Numeric (range)', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, '{"Price":10.5}', true],
  ['Numeric (range) excludes an open bottom', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, '{"Price":10}', false],
  ['Numeric (range)', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, '{"Price":20.01}', false],
  ['Exists', { ProductName: [{ exists: true }] }, '{"ProductName":"Kettle"}', true],
  ['Exists', { ProductName: [{ exists: true }] }, '{"Colour":"Red"}', false],
  ['Exists works on leaves only', { ProductName: [{ exists: true }] }, '{"ProductName":{"en":"Kettle"}}', false],
  ['Does not exist', { ProductName: [{ exists: false }] }, '{"Colour":"Red"}', true],
  ['Does not exist', { ProductName: [{ exists: false }] }, '{"ProductName":"Kettle"}', false],
  ['Does not exist holds for an object (not a leaf)', { ProductName: [{ exists: false }] }, '{"ProductName":{"en":"Kettle"}}', true],
  ['Begins with', { Region: [{ prefix: 'us-' }] }, '{"Region":"us-east-1"}', true],
  ['Begins with', { Region: [{ prefix: 'us-' }] }, '{"Region":"eu-west-1"}', false],
  ['Ends with', { FileName: [{ suffix: '.png' }] }, '{"FileName":"cat.png"}', true],
  ['Ends with', { FileName: [{ suffix: '.png' }] }, '{"FileName":"cat.png.jpg"}', false],
  // "For numbers, Lambda also uses string representation. 300, 300.0, and 3.0e2 are not considered equal."
  ['Numbers by string representation', { Price: [300] }, '{"Price":300}', true],
  ['Numbers by string representation', { Price: [300] }, '{"Price":300.0}', false],
  ['Numbers by string representation', { Price: [300] }, '{"Price":3.0e2}', false],
  ['A number is not its string', { Price: [300] }, '{"Price":"300"}', false],
  ['Booleans are JSON literals', { Enabled: [true] }, '{"Enabled":true}', true],
  ['Booleans are JSON literals', { Enabled: [true] }, '{"Enabled":"true"}', false],
];

describe('Lambda filter rule syntax, documented examples', () => {
  it.each(cases)('%s: %j against %s gives %s', (_operator, valuePattern, message, expected) => {
    expect(matchesValue(valuePattern, recordValue(message))).toBe(expected);
  });
});

// The example on the Kafka filtering page: https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html
describe('Kafka filtering page example', () => {
  const message = recordValue({ device_ID: 'AB1234', session: { start_time: 'yyyy-mm-ddThh:mm:ss', duration: 162 } });

  it.each([
    [{ device_ID: [{ prefix: 'AB' }] }, true],
    [{ device_ID: [{ prefix: 'CD' }] }, false],
    [{ session: { duration: [{ numeric: ['>', 100] }] } }, true],
    [{ device_ID: [{ prefix: 'AB' }], session: { duration: [{ numeric: ['<', 100] }] } }, false],
  ])('%j gives %s', (valuePattern, expected) => {
    expect(matchesValue(valuePattern, message)).toBe(expected);
  });
});
