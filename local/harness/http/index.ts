export { buildHttpEvent } from './buildHttpEvent.js';
export { isLoopbackHost } from './isLoopbackHost.js';
export { HttpResponseInvalidError, HttpRouteInvalidError, HttpTriggerError } from './errors.js';
export { matchRoute } from './matchRoute.js';
export { startHttpServer } from './startHttpServer.js';
export { createTokenBucket, type ThrottleLimits, type TokenBucket } from './tokenBucket.js';
export { toHttpResponse } from './toHttpResponse.js';
export type { HttpRequest, HttpResponse, HttpRoute, HttpServer, RequestHeaders, RouteMatch, StartHttpServerOptions } from './types.js';
