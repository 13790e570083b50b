import { CapabilityFailedError } from '../capabilities/errors.js';
import { jsonBytes, LIMITS, type ErrorInfo } from '../contracts/index.js';

/** The code of an attempt whose result was too large to report. */
export const RESULT_TOO_LARGE = 'result-too-large';

/**
 * Throws when a capability's result is larger, serialized, than `LIMITS.resultBytes`: the attempt
 * fails without retry (the same input makes the same result) instead of the outcome failing to
 * publish and the whole batch of tasks running again on every retry.
 *
 * @throws CapabilityFailedError with code `result-too-large`, naming the size and the limit.
 */
export function checkResultSize(capability: string, result: unknown, limitBytes: number = LIMITS.resultBytes): void {
  const bytes = jsonBytes(result);
  if (bytes <= limitBytes) return;
  throw new CapabilityFailedError(capability, `the result is ${bytes} bytes serialized; the limit is ${limitBytes} bytes`, {
    retriable: false,
    code: RESULT_TOO_LARGE,
    details: { bytes, limitBytes },
  });
}

/**
 * An error whose details would not fit in an outcome (a capability's own `details`, e.g. a list of
 * conflicting paths) keeps its code and message and says how large the details were instead.
 */
export function fitErrorInfo(info: ErrorInfo, limitBytes: number = LIMITS.resultBytes): ErrorInfo {
  if (info.details === undefined) return info;
  const bytes = jsonBytes(info.details);
  if (bytes <= limitBytes) return info;
  return { ...info, details: { omitted: `the details were ${bytes} bytes serialized; the limit is ${limitBytes} bytes` } };
}
