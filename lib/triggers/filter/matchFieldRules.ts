import { isJsonObject } from './decodeRecordValue.js';
import { isPlainObject } from './isPlainObject.js';
import { matchLeaf } from './matchLeaf.js';
import type { JsonLeaf, JsonValue } from './types.js';

/**
 * A field against its array of alternatives (ORed). An array in the event matches if any of its
 * leaves does, nested arrays included (DOCS.eventBridgeArrays). Objects are not leaves:
 * `exists: true` needs at least one leaf and `exists: false` needs none, so a field holding an object
 * or an empty array "does not exist" (event-ruler README: exists works on leaf nodes only).
 */
export function matchFieldRules(rules: readonly unknown[], field: JsonValue | undefined): boolean {
  const leaves = leavesOf(field);
  return rules.some((rule) => {
    const exists = isPlainObject(rule) ? rule['exists'] : undefined;
    if (typeof exists === 'boolean') return exists === leaves.length > 0;
    return leaves.some((leaf) => matchLeaf(rule, leaf));
  });
}

function leavesOf(field: JsonValue | undefined): readonly JsonLeaf[] {
  if (field === undefined || isJsonObject(field)) return [];
  if (Array.isArray(field)) return (field as readonly JsonValue[]).flatMap(leavesOf);
  return [field as JsonLeaf];
}
