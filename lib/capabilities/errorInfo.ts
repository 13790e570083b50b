import { LIMITS, truncateText, type ErrorInfo } from '../contracts/index.js';
import { CapabilityFailedError, CapabilityInputError, CapabilityOutputInvalidError } from './errors.js';

/**
 * The error of a failed attempt as it travels in a `task.complete` message: its class name as the
 * code, its message, whether to retry, and the bad fields when there are any. Never a stack trace.
 * A message longer than `LIMITS.errorMessageBytes` (a response body echoed into an error, say) is
 * cut with a marker, so the outcome that reports it still fits on the broker.
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  const info = describe(error);
  return { ...info, message: truncateText(info.message, LIMITS.errorMessageBytes) };
}

function describe(error: unknown): ErrorInfo {
  if (error instanceof CapabilityInputError || error instanceof CapabilityOutputInvalidError) {
    return { code: error.name, message: error.message, retriable: error.retriable, details: { fields: error.fields } };
  }
  if (error instanceof CapabilityFailedError && error.code !== undefined) {
    return { code: error.code, message: error.message, retriable: error.retriable, ...(error.details === undefined ? {} : { details: error.details }) };
  }
  if (error instanceof Error) {
    const retriable = (error as { retriable?: unknown }).retriable;
    return { code: error.name, message: error.message, retriable: typeof retriable === 'boolean' ? retriable : true };
  }
  return { code: 'Error', message: String(error), retriable: true };
}
