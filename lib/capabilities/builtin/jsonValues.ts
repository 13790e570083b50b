/** Structural equality of JSON values (objects by own keys, arrays by position). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
}

function typeRank(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return 0;
    case 'string':
      return 1;
    case 'boolean':
      return 2;
    default:
      return 3;
  }
}

/**
 * Orders two present, non-null values: numbers, then strings (by code unit, the same on every machine,
 * unlike localeCompare), then booleans; objects and arrays compare equal among themselves.
 */
export function compareJson(a: unknown, b: unknown): number {
  const rank = typeRank(a) - typeRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') {
    const other = b as typeof a;
    return a < other ? -1 : a > other ? 1 : 0;
  }
  return 0;
}

/** Whether `field` and `value` are ordered as the operator says; only numbers with numbers and strings with strings. */
export function orderedAs(field: unknown, operator: 'gt' | 'gte' | 'lt' | 'lte', value: unknown): boolean {
  const comparable = (typeof field === 'number' && typeof value === 'number') || (typeof field === 'string' && typeof value === 'string');
  if (!comparable) return false;
  const order = compareJson(field, value);
  switch (operator) {
    case 'gt':
      return order > 0;
    case 'gte':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'lte':
      return order <= 0;
  }
}
