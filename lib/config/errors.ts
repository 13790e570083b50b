import { SyntorError } from '../errors/index.js';
/** Thrown at start-up when a `SYNTOR_*` variable is missing or malformed. Never retriable. */
export class ConfigInvalidError extends SyntorError {
  override readonly name = 'ConfigInvalidError';
  readonly code = 'config-invalid';
  override readonly retriable = false;

  constructor(
    /** One entry per bad variable: the variable name and what was expected. */
    readonly problems: readonly { variable: string; expected: string; received?: string }[],
    options?: { cause?: unknown },
  ) {
    super(
      `Invalid configuration:\n${problems
        .map((p) => `  ${p.variable}: ${p.expected}${p.received === undefined ? '' : ` (got "${p.received}")`}`)
        .join('\n')}`,
      options,
    );
  }
}
