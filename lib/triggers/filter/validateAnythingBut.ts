import { DOCS } from './constants.js';
import { isPlainObject } from './isPlainObject.js';
import { describe, fail } from './patternProblem.js';

const SHAPES = 'a string, a number, a list of only strings or only numbers, or { "prefix": "..." }';

/**
 * `anything-but` takes one string or number, a non-empty list of strings or of numbers (not mixed,
 * no null or booleans), or `{ "prefix": "..." }` (DOCS.eventRuler). Lambda's own table shows only the
 * list form; the prefix form is EventBridge's (DOCS.eventBridgeOperators), accepted here because the
 * harness promises it. The other EventBridge forms (suffix, equals-ignore-case, wildcard) are rejected.
 */
export function validateAnythingBut(operand: unknown, path: string): void {
  if (typeof operand === 'string' || isFiniteNumber(operand)) return;
  if (Array.isArray(operand)) return validateList(operand, path);
  if (!isPlainObject(operand)) fail(path, `anything-but needs ${SHAPES}; got ${describe(operand)}`);

  const keys = Object.keys(operand);
  if (keys.length !== 1) fail(path, `anything-but takes an object with exactly one key ("prefix"); got ${keys.length}`);
  const [inner] = keys as [string];
  if (inner === 'suffix' || inner === 'equals-ignore-case' || inner === 'wildcard') {
    fail(path, `anything-but with "${inner}" is an EventBridge form that Lambda's filter syntax does not list (${DOCS.filterSyntax})`);
  }
  if (inner !== 'prefix') fail(path, `unsupported anything-but operator "${inner}"; only "prefix" is allowed`);
  const prefix = operand[inner];
  if (typeof prefix !== 'string' || prefix === '') fail(path, 'anything-but prefix must be a non-empty string');
}

function validateList(list: readonly unknown[], path: string): void {
  if (list.length === 0) fail(path, 'anything-but list must not be empty');
  if (!list.every((item) => typeof item === 'string' || isFiniteNumber(item))) {
    fail(path, 'anything-but list may hold only strings or only numbers (no null, booleans, lists or objects)');
  }
  const strings = list.filter((item) => typeof item === 'string').length;
  if (strings !== 0 && strings !== list.length) fail(path, 'anything-but list must not mix strings and numbers');
}

function isFiniteNumber(candidate: unknown): candidate is number {
  return typeof candidate === 'number' && Number.isFinite(candidate);
}
