import { SyntorError } from '../../errors/index.js';
/**
 * Thrown when a filter pattern would be rejected by Lambda at mapping creation. Never retriable: the
 * trigger's configuration has to change.
 */
export class FilterPatternInvalidError extends SyntorError {
  override readonly name = 'FilterPatternInvalidError';
  readonly code = 'filter-pattern-invalid';
  override readonly retriable = false;

  constructor(
    /** The pattern as given, object or JSON string. */
    readonly pattern: unknown,
    /** Where in the pattern the problem is, e.g. `value.amount`; `pattern` for the whole thing. */
    readonly path: string,
    /** What is wrong there. */
    readonly reason: string,
    options?: { cause?: unknown; filterIndex?: number },
  ) {
    const where = options?.filterIndex === undefined ? '' : `filters[${options.filterIndex}] `;
    super(`${where}${path}: ${reason}`, options);
  }
}
