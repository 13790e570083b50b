export { compileFilters } from './compileFilters.js';
export { FilterPatternInvalidError } from './errors.js';
export { matchesPattern } from './matchesPattern.js';
export { parseFilterPattern } from './parseFilterPattern.js';
export type { FilterPattern } from './types.js';
