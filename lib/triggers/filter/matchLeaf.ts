import { JsonNumber } from './JsonNumber.js';
import { isPlainObject } from './isPlainObject.js';
import { matchAnythingBut } from './matchAnythingBut.js';
import { matchNumeric } from './matchNumeric.js';
import type { JsonLeaf } from './types.js';

/**
 * One alternative of a field against one present leaf value. `exists` is decided by the caller, which
 * knows whether the field has leaves at all. String operators apply to strings only and `numeric` to
 * JSON numbers only (DOCS.eventBridgeOperators).
 */
export function matchLeaf(rule: unknown, leaf: JsonLeaf): boolean {
  if (!isPlainObject(rule)) return equalsLiteral(rule, leaf);
  const [entry] = Object.entries(rule);
  if (entry === undefined) return false;
  const [operator, operand] = entry;
  switch (operator) {
    case 'prefix':
      return typeof leaf === 'string' && typeof operand === 'string' && leaf.startsWith(operand);
    case 'suffix':
      return typeof leaf === 'string' && typeof operand === 'string' && leaf.endsWith(operand);
    case 'equals-ignore-case':
      return typeof leaf === 'string' && typeof operand === 'string' && leaf.toLowerCase() === operand.toLowerCase();
    case 'anything-but':
      return matchAnythingBut(operand, leaf);
    case 'numeric':
      return leaf instanceof JsonNumber && Array.isArray(operand) && matchNumeric(operand, leaf.value);
    case 'exists':
      return operand === true;
    default:
      return false;
  }
}

/**
 * Exact match is character by character, and numbers compare by their string representation: 300,
 * 300.0 and 3.0e2 are not equal (DOCS.filterSyntax). A pattern number is written as JSON writes it.
 */
function equalsLiteral(expected: unknown, leaf: JsonLeaf): boolean {
  if (typeof expected === 'number') return leaf instanceof JsonNumber && leaf.text === JSON.stringify(expected);
  return expected === leaf;
}
