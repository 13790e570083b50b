import { HarnessError } from '../errors.js';

/** The handler module could not be loaded in a new environment (Lambda's `Runtime.ImportModuleError`). */
export class EnvironmentInitError extends HarnessError {
  readonly code = 'environment-init-failed';

  constructor(
    readonly functionId: string,
    detail: string,
  ) {
    super(`${functionId}: the execution environment could not start: ${detail}`, { retriable: true });
  }
}

/**
 * The environment died during an invocation: out of memory (its manifest's `memoryMb`), an uncaught
 * exception or an unhandled rejection, or `process.exit` (Lambda's `Runtime.ExitError`). It is discarded.
 */
export class EnvironmentCrashedError extends HarnessError {
  readonly code = 'environment-crashed';

  constructor(
    readonly functionId: string,
    readonly reason: string,
  ) {
    super(`${functionId}: the execution environment crashed: ${reason}`, { retriable: true });
  }
}

/** A handler's return value that Lambda could not serialise as JSON (a BigInt, a cycle). */
export class HandlerResultNotJsonError extends HarnessError {
  readonly code = 'handler-result-not-json';

  constructor(functionId: string, detail: string) {
    super(`${functionId}: the handler's result is not JSON-serialisable: ${detail}`, { retriable: false });
  }
}
