import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { MIDDY_OPTIONS } from './constants.js';
import { outageTo503, type OutageTo503Options } from './middleware/outageTo503.js';

type HttpFunction = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export type HttpHandlerOptions = OutageTo503Options;

/**
 * `fn` answering 503 with `Retry-After` for an outage (see `outageTo503`); any other error fails the
 * invocation. Functions routed by `httpApi` get this already.
 *
 * @example
 * const handler = httpHandler(async () => json(200, await deps.tasks.list()));
 */
export function httpHandler(fn: HttpFunction, options: HttpHandlerOptions = {}): HttpFunction {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(fn, MIDDY_OPTIONS).use(outageTo503(options));
}
