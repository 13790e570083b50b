import { describe, expect, it } from 'vitest';
import { deletePath, getPath, PathBlockedError, pathProblem, setPath } from '../../../lib/capabilities/builtin/recordPath.js';

describe('record paths', () => {
  it.each([
    ['a', undefined],
    ['a.b.c', undefined],
    ['items.0.sku', undefined],
    ['', /empty segment/],
    ['a.', /empty segment/],
    ['.a', /empty segment/],
    ['__proto__', /"__proto__" is not allowed/],
    ['a.constructor.x', /"constructor" is not allowed/],
    ['x.prototype', /"prototype" is not allowed/],
    [Array(33).fill('a').join('.'), /deeper than 32/],
  ])('pathProblem(%j)', (path, problem) => {
    const found = pathProblem(path);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it('reads own properties only, never the prototype chain', () => {
    const record = { a: { b: 1 }, list: [{ sku: 'x' }] };

    expect(getPath(record, 'a.b')).toEqual({ found: true, value: 1 });
    expect(getPath(record, 'list.0.sku')).toEqual({ found: true, value: 'x' });
    expect(getPath(record, 'list.1.sku')).toEqual({ found: false });
    expect(getPath(record, 'a.toString')).toEqual({ found: false });
    expect(getPath(record, 'hasOwnProperty')).toEqual({ found: false });
  });

  it('sets by copying along the path, creating objects, and leaves the input unchanged', () => {
    const record = { a: { b: 1, keep: true }, other: { x: 1 } };

    const updated = setPath(record, 'a.c.d', 2);

    expect(updated).toEqual({ a: { b: 1, keep: true, c: { d: 2 } }, other: { x: 1 } });
    expect(record).toEqual({ a: { b: 1, keep: true }, other: { x: 1 } });
    expect(updated.other).toBe(record.other);
  });

  it('refuses to set below a value that is not an object, naming it', () => {
    expect(() => setPath({ a: [1] }, 'a.b', 1)).toThrow(new PathBlockedError('a'));
    expect(() => setPath({ a: { b: 'text' } }, 'a.b.c', 1)).toThrow('"a.b" is not an object');
  });

  it('deletes by copying, and returns the same record when there is nothing to delete', () => {
    const record = { a: { b: 1, c: 2 }, n: 5 };

    expect(deletePath(record, 'a.b')).toEqual({ a: { c: 2 }, n: 5 });
    expect(deletePath(record, 'a.zz')).toBe(record);
    expect(deletePath(record, 'n.x')).toBe(record);
    expect(record).toEqual({ a: { b: 1, c: 2 }, n: 5 });
  });
});
