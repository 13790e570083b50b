import { SyntorError } from '../../errors/index.js';

/**
 * A route API Gateway would not accept: bad method, a greedy parameter not at the end, a duplicate
 * route key. Never retriable: the trigger's configuration has to change.
 */
export class HttpRouteInvalidError extends SyntorError {
  override readonly name = 'HttpRouteInvalidError';
  readonly code = 'http-route-invalid';
  override readonly retriable = false;

  constructor(
    /** `GET /tasks/{id}` */
    readonly routeKey: string,
    readonly reason: string,
  ) {
    super(`invalid route "${routeKey}": ${reason}`);
  }
}
