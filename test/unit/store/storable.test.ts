import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storableJson, storableText } from '../../../lib/store/postgres/storable.js';

// What PostgreSQL refuses: U+0000 anywhere, and a UTF-16 surrogate without its pair (in jsonb).
// eslint-disable-next-line no-control-regex
const unstorable = (text: string) => /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('storableText', () => {
  it.each([
    ['a NUL', 'a\u0000b', 'a\\u0000b'],
    ['a lone high surrogate', 'x\ud800y', 'x\\ud800y'],
    ['a lone low surrogate', '\udc00', '\\udc00'],
    ['a high surrogate at the end', 'end\udbff', 'end\\udbff'],
  ])('writes %s out as its escape', (_what, input, expected) => {
    expect(storableText(input)).toBe(expected);
  });

  it('keeps every other character, surrogate pairs included', () => {
    expect(storableText('naïve 😀 \t\n\u0001')).toBe('naïve 😀 \t\n\u0001');
  });

  it('always yields storable text, and changes nothing already storable', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const stored = storableText(text);
        expect(unstorable(stored)).toBe(false);
        if (!unstorable(text)) expect(stored).toBe(text);
      }),
    );
  });
});

describe('storableJson', () => {
  it('makes values and keys storable at any depth', () => {
    const json = storableJson({ 'k\u0000': ['v\u0000', { deep: '\ud800' }], ok: 'fine', n: 1, nothing: null });
    expect(JSON.parse(json)).toEqual({ 'k\\u0000': ['v\\u0000', { deep: '\\ud800' }], ok: 'fine', n: 1, nothing: null });
    expect(json).not.toMatch(/(?<!\\)\\u0000|(?<!\\)\\ud800/);
  });

  it('round-trips JSON with nothing to escape unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        fc.pre(!unstorable(text) && !/\\u0000|\\ud[89a-f]/i.test(text));
        expect(storableJson(value)).toBe(text);
      }),
    );
  });
});
