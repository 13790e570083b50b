import { OR_KEY } from './constants.js';
import { isJsonObject } from './decodeRecordValue.js';
import { isPlainObject } from './isPlainObject.js';
import { matchFieldRules } from './matchFieldRules.js';
import type { JsonObject, JsonValue } from './types.js';

const NO_FIELDS: JsonObject = new Map();

/**
 * An object of pattern fields against an event node: every field must match (AND), at any depth, and
 * one branch of each `$or` must.
 *
 * An array node matches when one of its elements matches the whole object, so fields from different
 * elements never combine; event-ruler calls this array-consistent matching (DOCS.eventRuler README).
 * A node that is missing, a leaf or an empty array has no fields, so only `exists: false` can hold
 * below it: EventBridge matches `exists: false` when an ancestor of the field is absent.
 */
export function matchObjectPattern(pattern: Readonly<Record<string, unknown>>, node: JsonValue | undefined): boolean {
  if (Array.isArray(node) && node.length > 0) {
    return (node as readonly JsonValue[]).some((element) => matchObjectPattern(pattern, element));
  }
  const fields = isJsonObject(node) ? node : NO_FIELDS;
  return Object.entries(pattern).every(([key, spec]) => {
    if (key === OR_KEY) {
      return Array.isArray(spec) && spec.some((branch) => isPlainObject(branch) && matchObjectPattern(branch, fields));
    }
    if (Array.isArray(spec)) return matchFieldRules(spec, fields.get(key));
    return isPlainObject(spec) && matchObjectPattern(spec, fields.get(key));
  });
}
