import { SyntorError } from '../errors/index.js';
import type { TaskStatus } from '../contracts/index.js';

/** Base of the store's errors. `retriable` is true for infrastructure trouble (connection lost, timeouts). */
export abstract class StoreError extends SyntorError {}

/** A transition the lifecycle never allows (e.g. completed → running): a bug in the caller, not a race. */
export class StoreIllegalTransitionError extends StoreError {
  readonly code = 'store-illegal-transition';

  constructor(
    readonly taskId: string,
    readonly to: TaskStatus,
    readonly from: readonly TaskStatus[],
  ) {
    super(`Task ${taskId}: no legal transition to "${to}" from [${from.join(', ')}]`, { retriable: false });
  }
}

/** Migrations could not be applied. */
export class StoreMigrationError extends StoreError {
  readonly code = 'store-migration-failed';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { retriable: false, ...options });
  }
}
