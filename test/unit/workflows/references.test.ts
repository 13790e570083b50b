import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findReferences, resolveReferences } from '../../../lib/workflows/references.js';

describe('references', () => {
  it('finds references at any depth, with where they sit', () => {
    const { references, problems } = findReferences({ a: [{ b: { $from: 'clone.result.path' } }], c: { $from: 'split.children.1' } });
    expect(problems).toEqual([]);
    expect(references).toEqual([
      { field: 'payload.a.0.b', step: 'clone', source: 'result', path: ['path'] },
      { field: 'payload.c', step: 'split', source: 'children', path: ['1'] },
    ]);
  });

  it('resolves to the value, whole results and array indexes included, keeping null and false', () => {
    const outputs = { a: { result: { list: [{ x: null }, { x: false }], n: 0 }, children: [] } };
    const resolved = resolveReferences({ all: { $from: 'a.result' }, first: { $from: 'a.result.list.0.x' }, second: { $from: 'a.result.list.1.x' }, n: { $from: 'a.result.n' } }, (s) => outputs[s as 'a']);
    expect(resolved).toEqual({ ok: true, payload: { all: outputs.a.result, first: null, second: false, n: 0 } });
  });

  it('does not read inherited properties', () => {
    const resolved = resolveReferences({ v: { $from: 'a.result.constructor' } }, () => ({ result: {}, children: [] }));
    expect(resolved.ok).toBe(false);
  });

  it('leaves a payload without references as it was', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const payload = { value } as Record<string, unknown>;
        fc.pre(!JSON.stringify(value).includes('$from'));
        expect(resolveReferences(payload, () => undefined)).toEqual({ ok: true, payload });
      }),
    );
  });
});
