import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonNumber } from '../../../../lib/triggers/filter/JsonNumber.js';
import { parseJson } from '../../../../lib/triggers/filter/parseJson.js';
import type { JsonValue } from '../../../../lib/triggers/filter/types.js';

/** The record-value parser read back as `JSON.parse` would give it. */
function plain(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return value.value;
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, field]) => [key, plain(field)]));
  if (Array.isArray(value)) return (value as readonly JsonValue[]).map(plain);
  return value;
}

function jsonParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

// Near-JSON: valid documents with a few characters inserted, so both parsers see plenty of each kind.
const almostJson = fc
  .tuple(fc.json(), fc.nat(), fc.nat({ max: 2 }), fc.string({ maxLength: 2 }))
  .map(([text, at, drop, insert]) => {
    const index = at % (text.length + 1);
    return text.slice(0, index) + insert + text.slice(index + drop);
  });

describe('parseJson (record values)', () => {
  it('accepts exactly what JSON.parse accepts, and reads the same values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), almostJson), (text) => {
        const expected = jsonParse(text);
        const parsed = parseJson(text);
        expect(parsed !== undefined).toBe(expected.ok);
        if (expected.ok && parsed !== undefined) expect(plain(parsed)).toEqual(expected.value);
      }),
      { numRuns: 500 },
    );
  });

  it.each(['300', '300.0', '3.0e2', '-0', '1E+2'])('keeps the written form of %s', (text) => {
    const parsed = parseJson(`{"n":${text}}`);
    expect(parsed instanceof Map && parsed.get('n')).toEqual(new JsonNumber(text));
  });

  it.each(['{"a":1,}', '[01]', '{"a" 1}', '"\t"', 'nul', '[1]]', '{"a":.5}', ''])('rejects %j', (text) => {
    expect(parseJson(text)).toBeUndefined();
  });
});
