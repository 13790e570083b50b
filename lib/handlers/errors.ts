import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SyntorError } from '../errors/index.js';

/** Base of the handler area's errors. */
export abstract class HandlerAreaError extends SyntorError {}

/**
 * An HTTP request no route of the function matches. Thrown by the router (its `notFoundResponse`)
 * and answered 404 by `httpApi`, which knows the request's route key.
 */
export class HttpRouteNotFoundError extends HandlerAreaError {
  readonly code = 'http-route-not-found';

  constructor(
    readonly method: string,
    readonly path: string,
  ) {
    super(`No route for ${method} ${path}`, { retriable: false });
  }
}

/**
 * A request body the API refuses before any handler sees it: too large (413), missing, not JSON, or
 * JSON no handler should walk (400). `response` is the answer, as the API has always given it.
 */
export class HttpRequestBodyError extends HandlerAreaError {
  readonly code = 'http-request-body-invalid';

  constructor(
    readonly response: APIGatewayProxyStructuredResultV2,
    message: string,
  ) {
    super(message, { retriable: false });
  }
}
