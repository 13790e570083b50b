import { SyntorError } from '../../../lib/errors/index.js';
/** Base of this package's errors; none is retriable: the configuration or the handler has to change. */
export abstract class HttpTriggerError extends SyntorError {
  override readonly retriable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A route API Gateway would not accept: bad method, a greedy parameter not at the end, a duplicate route key. */
export class HttpRouteInvalidError extends HttpTriggerError {
  readonly code = 'http-route-invalid';

  constructor(
    /** `GET /tasks/{id}` */
    readonly routeKey: string,
    readonly reason: string,
  ) {
    super(`invalid route "${routeKey}": ${reason}`);
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
