import middy, { type MiddlewareObj, type Request } from '@middy/core';
import httpRouterHandler, { type Route } from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { MIDDY_OPTIONS } from './constants.js';
import { HttpRouteNotFoundError } from './errors.js';
import { json } from './http.js';
import { outageTo503, type OutageTo503Options } from './middleware/outageTo503.js';
import { syntorHandler } from './syntorHandler.js';

type HttpEvent = APIGatewayProxyEventV2;
type HttpResult = APIGatewayProxyStructuredResultV2;

/** One route of an HTTP function: API Gateway's method and path template, and its handler. */
export type HttpRoute = Route<HttpEvent, HttpResult>;

export interface HttpApiOptions extends OutageTo503Options {
  routes: HttpRoute[];
  /** Middlewares every route shares, run before the route is chosen (a scope check, say); they may answer early. */
  use?: MiddlewareObj<HttpEvent, HttpResult>[];
}

/**
 * One route's handler, as Middy, for route-level middlewares (`jsonRequestBody`, `dispatchAfter`).
 *
 * @example
 * export const submitTask = httpRoute(async (event) => json(201, await submit(event.body))).use(jsonRequestBody({ limitBytes }));
 */
export function httpRoute<E = HttpEvent, C extends Context = Context>(fn: (event: E, context: C) => Promise<HttpResult>) {
  return middy<E, HttpResult, Error, C>(fn, MIDDY_OPTIONS);
}

function answerNoRoute(request: Request<HttpEvent, HttpResult>): void {
  if (request.response === undefined && request.error instanceof HttpRouteNotFoundError) {
    request.response = json(404, { message: `No route ${request.event.routeKey}` });
  }
}

/**
 * An HTTP function: `@middy/http-router` over `routes` (matched on the request's method and path,
 * as API Gateway matched its route key), behind `observability`, `invocationDeadline` and
 * `outageTo503`. A request no route matches is 404 `{ message: "No route <routeKey>" }`.
 *
 * @example
 * export const handler = httpApi({ routes: [{ method: 'GET', path: '/agents', handler: listAgents }], use: [routeAccess()] });
 */
export function httpApi(options: HttpApiOptions): (event: HttpEvent, context: Context) => Promise<HttpResult> {
  const router = middy<HttpEvent, HttpResult>(
    httpRouterHandler<HttpEvent, HttpResult>({
      routes: options.routes,
      notFoundResponse: ({ method, path }) => {
        throw new HttpRouteNotFoundError(method, path);
      },
    }),
    MIDDY_OPTIONS,
  )
    .use({ onError: answerNoRoute })
    .use(options.use ?? []);
  return syntorHandler<HttpEvent, HttpResult>((event, context) => router(event, context)).use(outageTo503(options));
}
