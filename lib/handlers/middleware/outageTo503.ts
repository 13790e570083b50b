import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dependencyOutage } from '../../errors/dependencyOutage.js';
import { getLogger } from '../../observability/logger.js';
import { serviceUnavailable } from '../http.js';

export interface OutageTo503Options {
  /** @default 5 */
  readonly retryAfterSeconds?: number;
}

const defaults = { retryAfterSeconds: 5 } satisfies Required<OutageTo503Options>;

/**
 * Answers 503 with `Retry-After` when a dependency is down (the error `dependencyOutage` recognises,
 * through `cause`), naming the service. Any other error is left alone: the invocation fails and API
 * Gateway answers 500, so a bug is never dressed up as an outage.
 *
 * @example
 * export const handler = middy(listTasks).use(outageTo503({ retryAfterSeconds: 2 }));
 */
export function outageTo503(options: OutageTo503Options = {}): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const { retryAfterSeconds } = { ...defaults, ...options };

  function answerOutageWith503(request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>): void {
    if (request.response !== undefined) return;
    const service = dependencyOutage(request.error);
    if (service === undefined) return;
    const route = request.event?.routeKey;
    getLogger().warn({ err: request.error, service, route }, `${route}: ${service} unavailable, answering 503`);
    // Set, not returned: a returned value would end the onError chain before `observability` saw it.
    request.response = serviceUnavailable(service, retryAfterSeconds);
  }

  return { onError: answerOutageWith503 };
}
