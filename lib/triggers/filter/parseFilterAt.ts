import { FilterPatternInvalidError } from './errors.js';
import { parseFilterPattern } from './parseFilterPattern.js';
import type { FilterPattern } from './types.js';

/**
 * {@link parseFilterPattern} for the pattern at `filterIndex` of a trigger's `filters`, whose error says
 * which one it is: `filters[1] value.amount: …`.
 */
export function parseFilterAt(input: unknown, filterIndex: number): FilterPattern {
  try {
    return parseFilterPattern(input);
  } catch (error) {
    if (!(error instanceof FilterPatternInvalidError)) throw error;
    throw new FilterPatternInvalidError(input, error.path, error.reason, { cause: error, filterIndex });
  }
}
