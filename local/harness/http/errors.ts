import { SyntorError } from '../../../lib/errors/index.js';
/** Base of this package's errors; none is retriable: the configuration or the handler has to change. */
export abstract class HttpTriggerError extends SyntorError {
  override readonly retriable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A handler returned a structured response API Gateway cannot map, which it answers with a 500. */
export class HttpResponseInvalidError extends HttpTriggerError {
  readonly code = 'http-response-invalid';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`invalid Lambda response: ${reason}`, options);
  }
}
