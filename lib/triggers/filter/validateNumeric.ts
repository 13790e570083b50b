import { NUMERIC_OPERATORS, type NumericOperator } from './constants.js';
import { describe, fail } from './patternProblem.js';

const NEEDS_PAIR = 'numeric needs an operator followed by a number, e.g. [">", 0, "<=", 5]';

/**
 * `numeric` takes one `[operator, number]` pair, or a range: `>`/`>=` low, then `<`/`<=` high, with
 * low < high. These are the checks event-ruler's compiler makes (DOCS.eventRuler).
 */
export function validateNumeric(operand: unknown, path: string): void {
  if (!Array.isArray(operand)) fail(path, `numeric must be an array, e.g. [">", 0, "<=", 5]; got ${describe(operand)}`);
  const [first, low, second, high] = operand as unknown[];
  checkPair(first, low, path);
  if (operand.length === 2) return;
  if (first !== '>' && first !== '>=') {
    fail(path, `numeric "${String(first)}" takes a single number; a range starts with ">" or ">="`);
  }
  if (operand.length !== 4) fail(path, `numeric takes 2 or 4 elements, got ${operand.length}`);
  if (second !== '<' && second !== '<=') {
    fail(path, `numeric range must end with "<" or "<=" and a number; got ${describe(second)}`);
  }
  checkPair(second, high, path);
  if ((low as number) >= (high as number)) {
    fail(path, `numeric range bottom (${String(low)}) must be less than its top (${String(high)})`);
  }
}

function checkPair(operator: unknown, bound: unknown, path: string): void {
  if (typeof operator === 'string' && !isNumericOperator(operator)) {
    fail(path, `numeric operator must be one of ${NUMERIC_OPERATORS.join(', ')}; got ${describe(operator)}`);
  }
  if (typeof operator !== 'string' || typeof bound !== 'number' || !Number.isFinite(bound)) fail(path, NEEDS_PAIR);
}

export function isNumericOperator(candidate: unknown): candidate is NumericOperator {
  return (NUMERIC_OPERATORS as readonly unknown[]).includes(candidate);
}
