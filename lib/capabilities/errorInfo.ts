import { LIMITS, truncateText, type ErrorInfo } from '../contracts/index.js';
import { SyntorError } from '../errors/index.js';
import { CapabilityFailedError, CapabilityInputError, CapabilityOutputInvalidError } from './errors.js';

/** The code of an error that declares none (a plain or third-party `Error`, a thrown string). */
export const UNDECLARED_ERROR_CODE = 'Error';

/**
 * The error of a failed attempt as it travels in a `task.complete` message: its declared code (never
 * its class name, which a bundle renames), its message, whether to retry, and the bad fields when there
 * are any. Never a stack trace. A message longer than `LIMITS.errorMessageBytes` (a response body
 * echoed into an error, say) is cut with a marker, so the outcome that reports it still fits on the broker.
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  const info = describe(error);
  return { ...info, message: truncateText(info.message, LIMITS.errorMessageBytes) };
}

function describe(error: unknown): ErrorInfo {
  if (error instanceof CapabilityInputError || error instanceof CapabilityOutputInvalidError) {
    return { code: error.code, message: error.message, retriable: error.retriable, details: { fields: error.fields } };
  }
  if (error instanceof CapabilityFailedError) {
    return { code: error.code, message: error.message, retriable: error.retriable, ...(error.details === undefined ? {} : { details: error.details }) };
  }
  if (error instanceof SyntorError) return { code: error.code, message: error.message, retriable: error.retriable };
  if (error instanceof Error) {
    const { code, retriable } = error as { code?: unknown; retriable?: unknown };
    // Someone else's error: its own string code when it has one (a SQLSTATE, ECONNRESET), else a generic one.
    return { code: typeof code === 'string' && code !== '' ? code : UNDECLARED_ERROR_CODE, message: error.message, retriable: typeof retriable === 'boolean' ? retriable : true };
  }
  return { code: UNDECLARED_ERROR_CODE, message: String(error), retriable: true };
}
