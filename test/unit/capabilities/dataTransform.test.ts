import { afterEach, describe, expect, it } from 'vitest';
import { CapabilityInputError, dataTransform, runCapability } from '../../../lib/capabilities/index.js';
import { buildCapabilityContext } from './fixtures.js';

const people = [
  { id: 1, name: 'Ada', age: 36, address: { city: 'London', zip: 'N1' }, tags: ['math', 'poetry'] },
  { id: 2, name: 'Alan', age: 41, address: { city: 'Manchester' }, tags: ['math'] },
  { id: 3, name: 'Grace', age: 85, tags: [] },
  { id: 4, name: 'Edsger', age: null, address: { city: 'Austin' } },
];

async function transform(records: unknown[], steps: unknown[]) {
  return (await runCapability(dataTransform, { records, steps }, buildCapabilityContext().ctx)) as { records: Record<string, unknown>[]; count: number };
}

async function inputErrorOf(payload: unknown): Promise<CapabilityInputError> {
  const error = await runCapability(dataTransform, payload, buildCapabilityContext().ctx).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CapabilityInputError);
  return error as CapabilityInputError;
}

const ids = (output: { records: Record<string, unknown>[] }) => output.records.map((record) => record.id);

describe('data.transform steps', () => {
  it('pick keeps only the named fields, nested ones by dotted path', async () => {
    const output = await transform(people.slice(0, 3), [{ type: 'pick', fields: ['name', 'address.city'] }]);

    expect(output).toEqual({
      records: [{ name: 'Ada', address: { city: 'London' } }, { name: 'Alan', address: { city: 'Manchester' } }, { name: 'Grace' }],
      count: 3,
    });
  });

  it('pick reads array elements by index', async () => {
    const output = await transform(people.slice(0, 2), [{ type: 'pick', fields: ['tags.0', 'tags.5'] }]);

    expect(output.records).toEqual([{ tags: { 0: 'math' } }, { tags: { 0: 'math' } }]);
  });

  it('omit removes the named fields and leaves the rest', async () => {
    const output = await transform([people[0]], [{ type: 'omit', fields: ['tags', 'address.zip', 'missing.path'] }]);

    expect(output.records).toEqual([{ id: 1, name: 'Ada', age: 36, address: { city: 'London' } }]);
  });

  it('rename moves fields, also between nesting levels, and swaps in one step', async () => {
    const output = await transform(
      [{ a: 1, b: 2, address: { city: 'Paris' } }],
      [{ type: 'rename', fields: { a: 'b', b: 'a', 'address.city': 'city', missing: 'never' } }],
    );

    expect(output.records).toEqual([{ a: 2, b: 1, address: {}, city: 'Paris' }]);
  });

  it.each([
    { operator: 'eq', field: 'name', value: 'Alan', expected: [2] },
    { operator: 'eq', field: 'address', value: { city: 'Manchester' }, expected: [2] },
    { operator: 'ne', field: 'address.city', value: 'London', expected: [2, 3, 4] },
    { operator: 'gt', field: 'age', value: 40, expected: [2, 3] },
    { operator: 'gte', field: 'age', value: 41, expected: [2, 3] },
    { operator: 'lt', field: 'age', value: 41, expected: [1] },
    { operator: 'lte', field: 'age', value: 41, expected: [1, 2] },
    { operator: 'gt', field: 'name', value: 'B', expected: [3, 4] },
    { operator: 'in', field: 'address.city', value: ['Austin', 'London'], expected: [1, 4] },
    { operator: 'contains', field: 'tags', value: 'math', expected: [1, 2] },
    { operator: 'contains', field: 'name', value: 'd', expected: [1, 4] },
    { operator: 'exists', field: 'address.zip', value: undefined, expected: [1] },
    { operator: 'exists', field: 'address', value: false, expected: [3] },
    { operator: 'eq', field: 'age', value: null, expected: [4] },
  ])('filter $field $operator $value', async ({ operator, field, value, expected }) => {
    const step = value === undefined ? { type: 'filter', field, operator } : { type: 'filter', field, operator, value };

    expect(ids(await transform(people, [step]))).toEqual(expected);
  });

  it('map sets a constant or copies another field, on dotted paths', async () => {
    const output = await transform(people.slice(0, 3), [
      { type: 'map', field: 'meta.source', value: 'import' },
      { type: 'map', field: 'city', from: 'address.city' },
    ]);

    expect(output.records.map((record) => [record.meta, record.city])).toEqual([
      [{ source: 'import' }, 'London'],
      [{ source: 'import' }, 'Manchester'],
      [{ source: 'import' }, undefined],
    ]);
    expect(people[0]).not.toHaveProperty('meta');
  });

  it.each([
    { direction: 'asc', field: 'age', expected: [1, 2, 3, 4] },
    { direction: 'desc', field: 'age', expected: [3, 2, 1, 4] },
    { direction: 'asc', field: 'name', expected: [1, 2, 4, 3] },
    { direction: 'desc', field: 'address.city', expected: [2, 1, 4, 3] },
  ])('sort by $field $direction keeps missing and null values last', async ({ direction, field, expected }) => {
    expect(ids(await transform([...people].reverse(), [{ type: 'sort', field, direction }]))).toEqual(expected);
  });

  it('sort is stable and ascending by default', async () => {
    const records = [
      { id: 'a', group: 2 },
      { id: 'b', group: 1 },
      { id: 'c', group: 2 },
      { id: 'd', group: 1 },
    ];

    expect(ids(await transform(records, [{ type: 'sort', field: 'group' }]))).toEqual(['b', 'd', 'a', 'c']);
  });

  it('limit keeps the first n records', async () => {
    expect(await transform(people, [{ type: 'limit', n: 2 }])).toMatchObject({ count: 2, records: [{ id: 1 }, { id: 2 }] });
    expect(await transform(people, [{ type: 'limit', n: 0 }])).toEqual({ records: [], count: 0 });
  });

  it('chains steps in order and never changes the input records', async () => {
    const input = structuredClone(people);

    const output = await transform(input, [
      { type: 'filter', field: 'address', operator: 'exists' },
      { type: 'map', field: 'city', from: 'address.city' },
      { type: 'rename', fields: { name: 'fullName' } },
      { type: 'sort', field: 'fullName', direction: 'desc' },
      { type: 'pick', fields: ['fullName', 'city'] },
      { type: 'limit', n: 2 },
    ]);

    expect(output).toEqual({ records: [{ fullName: 'Edsger', city: 'Austin' }, { fullName: 'Alan', city: 'Manchester' }], count: 2 });
    expect(input).toEqual(people);
  });

  it('returns the records unchanged with no steps', async () => {
    expect(await transform(people, [])).toEqual({ records: people, count: 4 });
  });
});

describe('data.transform refusals', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    { step: { type: 'pick', fields: ['__proto__.polluted'] }, path: 'steps.0.fields.0' },
    { step: { type: 'omit', fields: ['a.constructor'] }, path: 'steps.0.fields.0' },
    { step: { type: 'map', field: 'constructor.prototype.polluted', value: 1 }, path: 'steps.0.field' },
    { step: { type: 'map', field: 'x', from: '__proto__' }, path: 'steps.0.from' },
    { step: { type: 'filter', field: 'prototype', operator: 'exists' }, path: 'steps.0.field' },
    { step: { type: 'sort', field: 'a.__proto__' }, path: 'steps.0.field' },
    { step: { type: 'rename', fields: { a: '__proto__.polluted' } }, path: 'steps.0.fields.a' },
  ])('refuses a prototype path in $step.type', async ({ step, path }) => {
    const error = await inputErrorOf({ records: [{ a: 1 }], steps: [step] });

    expect(error.fields).toEqual([{ path, message: expect.stringMatching(/path segment "(__proto__|constructor|prototype)" is not allowed/) }]);
  });

  it('refuses a "__proto__" key in a rename as JSON delivers it, rather than dropping it', async () => {
    const payload: unknown = JSON.parse('{"records":[{"a":1}],"steps":[{"type":"rename","fields":{"__proto__":"x"}}]}');

    const error = await inputErrorOf(payload);

    expect(error.fields.map((field) => field.path)).toEqual(['steps.0.fields.__proto__']);
  });

  it('treats a "__proto__" key inside a record as data, never as the prototype', async () => {
    const records: unknown = JSON.parse('[{"__proto__":{"polluted":true},"a":{"__proto__":{"polluted":true}}}]');

    const output = await transform(records as unknown[], [
      { type: 'map', field: 'a.b', value: 1 },
      { type: 'rename', fields: { a: 'c' } },
      { type: 'pick', fields: ['c'] },
    ]);

    expect(Object.getPrototypeOf(output.records[0])).toBe(Object.prototype);
    expect(Object.getPrototypeOf(output.records[0]!.c)).toBe(Object.prototype);
  });

  it.each([
    { step: { type: 'pick', fields: [] }, path: 'steps.0.fields', message: /at least one field/ },
    { step: { type: 'pick', fields: ['a..b'] }, path: 'steps.0.fields.0', message: /empty segment/ },
    { step: { type: 'rename', fields: {} }, path: 'steps.0.fields', message: /at least one field/ },
    { step: { type: 'rename', fields: { a: 3 } }, path: 'steps.0.fields.a', message: /must be a string/ },
    { step: { type: 'filter', field: 'a', operator: 'gt', value: true }, path: 'steps.0.value', message: /number or a string/ },
    { step: { type: 'filter', field: 'a', operator: 'in', value: 'x' }, path: 'steps.0.value', message: /array/ },
    { step: { type: 'filter', field: 'a', operator: 'eq' }, path: 'steps.0.value', message: /needs a value/ },
    { step: { type: 'filter', field: 'a', operator: 'like', value: 'x' }, path: 'steps.0.operator', message: /Invalid option/ },
    { step: { type: 'map', field: 'a' }, path: 'steps.0.field', message: /either "value".*or "from"/ },
    { step: { type: 'map', field: 'a', value: 1, from: 'b' }, path: 'steps.0.field', message: /not both/ },
    { step: { type: 'sort', field: 'a', direction: 'up' }, path: 'steps.0.direction', message: /Invalid option/ },
    { step: { type: 'limit', n: -1 }, path: 'steps.0.n', message: /must not be negative/ },
    { step: { type: 'eval', code: 'process.exit()' }, path: 'steps.0.type', message: /Invalid discriminator/ },
    { step: { type: 'pick', fields: ['a'], feilds: ['b'] }, path: 'steps.0', message: /Unrecognized key: "feilds"/ },
  ])('refuses $step with an error on $path', async ({ step, path, message }) => {
    const error = await inputErrorOf({ records: [{ a: 1 }], steps: [step] });

    expect(error.fields.map((field) => field.path)).toEqual([path]);
    expect(error.message).toMatch(message);
  });

  it('refuses records that are not objects', async () => {
    const error = await inputErrorOf({ records: [{ a: 1 }, [1, 2], 'x'], steps: [] });

    expect(error.fields.map((field) => field.path)).toEqual(['records.1', 'records.2']);
  });

  it('names the step when a value blocks a nested set', async () => {
    const error = await inputErrorOf({ records: [{ a: 5 }], steps: [{ type: 'limit', n: 9 }, { type: 'map', field: 'a.b', value: 1 }] });

    expect(error.fields).toEqual([{ path: 'steps.1.field', message: '"a" is not an object, so no field can be set below it' }]);
  });
});
