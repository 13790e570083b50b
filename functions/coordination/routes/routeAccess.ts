import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { callerOf, json } from '../../../lib/handlers/index.js';
import { mayCall } from '../../../lib/orchestration/taskAccess.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RouteAccessOptions {
  /** What an `{id}` in the path names, for the 400 a non-UUID gets: `"x" is not a <idName> (a UUID)`. */
  readonly idName?: string;
  /** The 403's message. @default `${routeKey} needs a scope this caller does not have` */
  forbidden?(routeKey: string): string;
}

const defaults = {
  idName: 'task id',
  forbidden: (routeKey: string) => `${routeKey} needs a scope this caller does not have`,
} satisfies Required<RouteAccessOptions>;

/**
 * What every coordination route checks before its handler: 403 without the route's scope
 * (ROUTE_SCOPES; the gateway checks JWT scopes first, this refuses a misconfigured route too), then
 * 400 for an `{id}` that is not a UUID. Runs before the router, so a request no route matches is
 * refused as the admin-only route it would be (`scopeOfRoute`).
 *
 * @example
 * httpApi({ routes, use: [routeAccess({ idName: 'workflow id' })] });
 */
export function routeAccess(options: RouteAccessOptions = {}): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const { idName, forbidden } = { ...defaults, ...options };

  function refuseWithoutScopeOrId({ event }: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>): APIGatewayProxyStructuredResultV2 | undefined {
    if (!mayCall(callerOf(event), event.routeKey)) return json(403, { message: forbidden(event.routeKey) });
    const id = event.pathParameters?.id;
    if (id !== undefined && !UUID.test(id)) return json(400, { message: `"${id}" is not a ${idName} (a UUID)` });
    return undefined;
  }

  // Used by `httpApi` before its router, where answering early skips only the router.
  return { before: refuseWithoutScopeOrId };
}
