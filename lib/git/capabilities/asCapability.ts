import { CapabilityFailedError } from '../../capabilities/errors.js';
import { GitError } from '../errors.js';

/**
 * Runs one git operation for a capability: a `GitError` becomes a failure with the git code (say
 * `merge-conflict`), its details and its `retriable`; anything else is left to `runCapability`.
 */
export async function asCapability<T>(capability: string, signal: AbortSignal, operation: () => Promise<T>): Promise<T> {
  signal.throwIfAborted();
  try {
    return await operation();
  } catch (error) {
    if (error instanceof GitError) {
      throw new CapabilityFailedError(capability, error.message, { code: error.code, retriable: error.retriable, ...(error.details ? { details: error.details } : {}) });
    }
    throw error;
  }
}
