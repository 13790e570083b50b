import { OPERATORS, OR_KEY, UNDOCUMENTED_OPERATORS } from './constants.js';
import { isPlainObject } from './isPlainObject.js';
import { describe, fail, fieldPath } from './patternProblem.js';
import { validateMatchRules } from './validateMatchRule.js';

const RESERVED_IN_OR: readonly string[] = [...OPERATORS, ...UNDOCUMENTED_OPERATORS];

/**
 * An object of fields: every key is a field whose value is nested fields (object) or alternatives
 * (array), or `$or`. Empty objects and arrays are rejected, as event-ruler's compiler does
 * (DOCS.eventRuler); inside `$or` an operator name cannot be a field name.
 */
export function validateFields(node: unknown, path: string, insideOr: boolean): void {
  if (!isPlainObject(node)) fail(path, `must be an object of fields; got ${describe(node)}`);
  const keys = Object.keys(node);
  if (keys.length === 0) fail(path, 'empty objects are not allowed');

  for (const key of keys) {
    const child = node[key];
    const childPath = fieldPath(path, key);
    if (key === OR_KEY) {
      validateOr(child, childPath, (branch, branchPath) => validateFields(branch, branchPath, true));
    } else if (insideOr && RESERVED_IN_OR.includes(key)) {
      fail(childPath, `"${key}" is an operator name and cannot be used as a field inside ${OR_KEY}`);
    } else if (Array.isArray(child)) {
      validateMatchRules(child, childPath);
    } else if (isPlainObject(child)) {
      validateFields(child, childPath, insideOr);
    } else {
      fail(childPath, `must be an object (nested fields) or an array (values to match); got ${describe(child)}`);
    }
  }
}

/** `$or` is an array of at least two objects, each checked by `validateBranch`. */
export function validateOr(
  candidate: unknown,
  path: string,
  validateBranch: (branch: Record<string, unknown>, branchPath: string) => void,
): void {
  if (!Array.isArray(candidate) || candidate.length < 2 || !candidate.every(isPlainObject)) {
    fail(path, `${OR_KEY} must be an array of at least 2 objects; got ${describe(candidate)}`);
  }
  candidate.forEach((branch, index) => validateBranch(branch, `${path}[${index}]`));
}
