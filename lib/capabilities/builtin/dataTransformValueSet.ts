/**
 * A JSON value written so that two values `jsonEqual` holds for get the same string: object keys
 * sorted, arrays by position, `-0` as `0` (as `===` treats them).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Membership by JSON equality in constant time per lookup: what `in` needs to stay linear in records. */
export interface JsonValueSet {
  has(value: unknown): boolean;
}

export function jsonValueSet(values: readonly unknown[]): JsonValueSet {
  // Primitives go straight into a Set (no string built per lookup); objects and arrays by canonical form.
  const primitives = new Set<unknown>();
  const structured = new Set<string>();
  for (const value of values) {
    if (typeof value === 'object' && value !== null) structured.add(canonicalJson(value));
    else primitives.add(value);
  }
  return {
    has(value) {
      if (typeof value === 'object' && value !== null) return structured.size > 0 && structured.has(canonicalJson(value));
      return primitives.has(value);
    },
  };
}
