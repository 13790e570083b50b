import { DOCS, UNDOCUMENTED_OPERATORS } from './constants.js';
import { isPlainObject } from './isPlainObject.js';
import { describe, fail } from './patternProblem.js';
import { validateAnythingBut } from './validateAnythingBut.js';
import { validateNumeric } from './validateNumeric.js';

/** A field's array of alternatives: non-empty, each a JSON scalar or a one-key operator object. */
export function validateMatchRules(rules: readonly unknown[], path: string): void {
  if (rules.length === 0) fail(path, 'empty arrays are not allowed; list at least one value to match');
  for (const rule of rules) validateMatchRule(rule, path);
}

function validateMatchRule(rule: unknown, path: string): void {
  if (rule === null || typeof rule === 'string' || typeof rule === 'boolean') return;
  if (typeof rule === 'number') {
    if (!Number.isFinite(rule)) fail(path, `numbers must be finite; got ${String(rule)}`);
    return;
  }
  if (!isPlainObject(rule)) {
    fail(path, `a match value must be a string, number, true, false, null or an operator object; got ${describe(rule)}`);
  }
  const keys = Object.keys(rule);
  if (keys.length !== 1) {
    fail(path, `an operator object takes exactly one key; got ${keys.length}${keys.length ? ` (${keys.join(', ')})` : ''}`);
  }
  const [operator] = keys as [string];
  validateOperator(operator, rule[operator], path);
}

function validateOperator(operator: string, operand: unknown, path: string): void {
  switch (operator) {
    case 'prefix':
    case 'suffix':
      if (isPlainObject(operand)) {
        fail(path, `${operator} with an object (e.g. equals-ignore-case) is an EventBridge form that Lambda's filter syntax does not list (${DOCS.filterSyntax})`);
      }
      if (typeof operand !== 'string') fail(path, `${operator} must be a string; got ${describe(operand)}`);
      return;
    case 'equals-ignore-case':
      if (typeof operand !== 'string') fail(path, `equals-ignore-case must be a string; got ${describe(operand)}`);
      return;
    case 'exists':
      if (typeof operand !== 'boolean') fail(path, `exists must be true or false; got ${describe(operand)}`);
      return;
    case 'numeric':
      return validateNumeric(operand, path);
    case 'anything-but':
      return validateAnythingBut(operand, path);
    default:
      if ((UNDOCUMENTED_OPERATORS as readonly string[]).includes(operator)) {
        fail(path, `"${operator}" is an EventBridge operator that Lambda's filter syntax does not list (${DOCS.filterSyntax})`);
      }
      fail(path, `unrecognized operator "${operator}"`);
  }
}
