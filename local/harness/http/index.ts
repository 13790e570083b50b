export { buildHttpEvent } from './buildHttpEvent.js';
export { isLoopbackHost } from './isLoopbackHost.js';
export { HttpResponseInvalidError, HttpTriggerError } from './errors.js';
export { startHttpServer } from './startHttpServer.js';
export { createTokenBucket, type ThrottleLimits, type TokenBucket } from './tokenBucket.js';
export { toHttpResponse } from './toHttpResponse.js';
export type { HttpRequest, HttpResponse, HttpRoute, HttpServer, RequestHeaders, RouteMatch, StartHttpServerOptions } from './types.js';
