import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { dependencyOutage } from '../errors/dependencyOutage.js';
import { getLogger } from '../observability/logger.js';
import { serviceUnavailable } from './http.js';

type HttpFunction = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HttpHandlerOptions {
  /** @default 5 */
  readonly retryAfterSeconds?: number;
}

/**
 * An HTTP handler that answers 503 with `Retry-After` when a dependency is down (the error
 * `dependencyOutage` recognises, through `cause`), naming the service. Any other error is rethrown:
 * the invocation fails and API Gateway answers 500, so a bug is never dressed up as an outage.
 *
 * @example
 * export const handler = observeHandler(httpHandler(async (event) => json(200, await deps.tasks.list())));
 */
export function httpHandler(fn: HttpFunction, options: HttpHandlerOptions = {}): HttpFunction {
  return async function answerOutagesWith503(event, context) {
    try {
      return await fn(event, context);
    } catch (error) {
      const service = dependencyOutage(error);
      if (service === undefined) throw error;
      getLogger().warn({ err: error, service, route: event.routeKey }, `${event.routeKey}: ${service} unavailable, answering 503`);
      return serviceUnavailable(service, options.retryAfterSeconds);
    }
  };
}
