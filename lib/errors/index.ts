/**
 * The base of every SYNTOR error. `code` is what travels — a task's error code, the `code` label of
 * the task metrics, a dead letter's error — and is a string literal declared with each class: never
 * the class name, which a minifier renames (a bundled `CapabilityInputError` is called `t`; issue 12,
 * item 8). `name` is the class name, for logs only. `cause` is kept, and `retriable` says whether
 * doing the same thing again may succeed (infrastructure trouble) or not (bad input, a bug) — which
 * decides between a retry and the dead-letter path.
 *
 * @example
 * export class StoreMigrationError extends StoreError {
 *   readonly code = 'store-migration-failed';
 * }
 */
export abstract class SyntorError extends Error {
  /** Stable, explicit and the same in source and bundle; kebab-case for new errors. */
  abstract readonly code: string;
  readonly retriable: boolean;

  constructor(message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
  }
}
