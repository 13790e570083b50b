import type { SerializedError } from './types.js';

/** An error as Lambda's runtime reports it (type, message, stack), keeping SYNTOR's `code` and `retriable`. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, retriable } = error as { code?: unknown; retriable?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof retriable === 'boolean' ? { retriable } : {}),
  };
}

/** The error again on the harness's side of the boundary: same name, message, code and retriable. */
export function deserializeError(serialized: SerializedError): Error {
  const error = new Error(serialized.message) as Error & { code?: string; retriable?: boolean };
  error.name = serialized.name;
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  if (serialized.code !== undefined) error.code = serialized.code;
  if (serialized.retriable !== undefined) error.retriable = serialized.retriable;
  return error;
}
