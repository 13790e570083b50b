/**
 * The base of every SYNTOR error: `name` is the class name, `cause` is kept, and `retriable` says
 * whether doing the same thing again may succeed (infrastructure trouble) or not (bad input, a bug) —
 * which decides between a retry and the dead-letter path.
 */
export class SyntorError extends Error {
  readonly retriable: boolean;

  constructor(message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
  }
}
