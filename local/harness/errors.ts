import { SyntorError } from '../../lib/errors/index.js';
/** Base of the harness's errors; `retriable` says whether the harness retries the invocation. */
export class HarnessError extends SyntorError {}

/** The handler ran past the function's timeout. Lambda reports "Task timed out after N seconds" and retries. */
export class HandlerTimeoutError extends HarnessError {
  constructor(
    readonly functionId: string,
    readonly timeoutSeconds: number,
  ) {
    super(`${functionId}: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`, { retriable: true });
  }
}

/** The handler threw or rejected. */
export class HandlerFailedError extends HarnessError {
  constructor(
    readonly functionId: string,
    options: { cause: unknown },
  ) {
    const cause = options.cause;
    super(`${functionId}: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`, { retriable: true, cause });
  }
}

/** The manifest points at a module or export that is not a function. */
export class HandlerNotFoundError extends HarnessError {
  constructor(
    readonly functionId: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${functionId}: ${detail}`, { retriable: false, ...options });
  }
}

/** What the user asked for on the command line cannot be done (unknown agent, bad count…). */
export class HarnessUsageError extends HarnessError {
  constructor(message: string) {
    super(message, { retriable: false });
  }
}
