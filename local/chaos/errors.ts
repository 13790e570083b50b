import { SyntorError } from '../../lib/errors/index.js';

/** Base of the chaos suite's errors; `code` is stable for scripts (never derived from the class name). */
export class ChaosError extends SyntorError {
  constructor(
    readonly code: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { retriable: false, ...options });
  }
}

/** A program the suite needs to run its own services (java, initdb, redis-server) is not installed. */
export class ChaosPrerequisiteError extends ChaosError {
  constructor(readonly missing: readonly string[]) {
    super('CHAOS_PREREQUISITE_MISSING', `The chaos suite cannot run its own services: ${missing.join('; ')}`);
  }
}

/** One of the suite's own services did not start or come back in time. */
export class ChaosServiceError extends ChaosError {
  constructor(
    readonly service: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super('CHAOS_SERVICE_FAILED', `${service}: ${message}`, options);
  }
}

/** The command line asked for something the suite cannot do. */
export class ChaosUsageError extends ChaosError {
  constructor(message: string) {
    super('CHAOS_USAGE', message);
  }
}
