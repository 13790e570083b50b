import { JsonNumber } from './JsonNumber.js';
import { isPlainObject } from './isPlainObject.js';
import type { JsonLeaf } from './types.js';

/**
 * `anything-but` matches any present leaf the operand does not exclude, null included (EventBridge
 * matches `{ "state": null }` against `{ "anything-but": "initializing" }`). Excluded numbers compare by
 * value, as event-ruler stores them as comparable numbers (DOCS.eventRuler); a missing field never
 * reaches here, so it never matches.
 */
export function matchAnythingBut(operand: unknown, leaf: JsonLeaf): boolean {
  if (Array.isArray(operand)) return !operand.some((excluded) => sameValue(excluded, leaf));
  if (isPlainObject(operand)) {
    const prefix = operand['prefix'];
    return !(typeof leaf === 'string' && typeof prefix === 'string' && leaf.startsWith(prefix));
  }
  return !sameValue(operand, leaf);
}

function sameValue(excluded: unknown, leaf: JsonLeaf): boolean {
  if (typeof excluded === 'number') return leaf instanceof JsonNumber && leaf.value === excluded;
  return typeof leaf === 'string' && excluded === leaf;
}
