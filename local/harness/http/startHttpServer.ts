import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_API_STAGE, LAMBDA_SYNC_PAYLOAD } from '../../../lib/contracts/index.js';
import { compileRoute, HttpRouteInvalidError } from '../../../lib/triggers/index.js';
import { INTEGRATION_TIMEOUT_MS, MAX_PAYLOAD_BYTES } from './constants.js';
import { DEFAULT_BODY_CONTENT_TYPES } from './contentTypePolicy.js';
import { createRequestHandler } from './handleRequest.js';
import { allowedHosts } from './hostPolicy.js';
import { createTokenBucket, type TokenBucket } from './tokenBucket.js';
import type { HttpRoute, HttpServer, StartHttpServerOptions } from './types.js';

/**
 * Serves the routes as an API Gateway HTTP API ($default stage, payload format 2.0, Lambda proxy
 * integrations) on a local port, answering only its own Host names, never another origin's web page, only
 * JSON bodies, and with `apiToken` only requests that carry it. Each route is throttled at the deployed
 * stage's rate and burst, and Lambda's 6 MB synchronous payload quotas apply to its events and results.
 *
 * @example
 * const server = await startHttpServer({ port: 0, routes: [{ method: 'GET', path: '/tasks/{id}', functionId: 'tasks-get', invoke }] });
 * await fetch(`http://127.0.0.1:${server.port}/tasks/42`);
 * await server.close();
 *
 * @throws HttpRouteInvalidError for a route API Gateway would reject, before listening.
 */
export async function startHttpServer(options: StartHttpServerOptions): Promise<HttpServer> {
  checkRoutes(options.routes);
  const host = options.host ?? '127.0.0.1';
  // The allowed Host values name the bound port, known only once listening (port 0 picks one).
  const policy = {
    allowedHosts: new Set<string>(),
    ...(options.apiToken === undefined ? {} : { apiToken: options.apiToken }),
    bodyContentTypes: options.bodyContentTypes ?? DEFAULT_BODY_CONTENT_TYPES,
  };
  const handle = createRequestHandler({
    policy,
    routes: [...options.routes],
    log: (line) => {
      try {
        options.log?.(line);
      } catch {
        // A failing logger must not take requests down with it.
      }
    },
    integrationTimeoutMs: options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS,
    maxPayloadBytes: options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES,
    maxEventBytes: options.maxEventBytes ?? LAMBDA_SYNC_PAYLOAD.requestBytes,
    maxResultBytes: options.maxResultBytes ?? LAMBDA_SYNC_PAYLOAD.responseBytes,
    admit: admission(options.routes, options.throttle ?? HTTP_API_STAGE.throttle),
    ...(options.console ? { console: options.console } : {}),
  });
  let closing = false;
  const server = createServer((request, response) => {
    // Once closing, no connection is kept alive after its answer, so close() waits only for answers in flight.
    if (closing) response.shouldKeepAlive = false;
    response.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  for (const allowed of allowedHosts({ host, port, extra: options.allowedHosts ?? [] })) policy.allowedHosts.add(allowed);
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/** The stage's default route throttling applies to each route on its own: a bucket per route. */
function admission(routes: readonly HttpRoute[], throttle: StartHttpServerOptions['throttle']): (route: HttpRoute) => boolean {
  if (throttle === false || throttle === undefined) return () => true;
  const buckets = new Map<HttpRoute, TokenBucket>(routes.map((route) => [route, createTokenBucket(throttle)]));
  return (route) => buckets.get(route)?.tryTake() ?? true;
}

function checkRoutes(routes: readonly HttpRoute[]): void {
  const seen = new Set<string>();
  for (const route of routes) {
    const { routeKey } = compileRoute(route);
    // Routes differing only in parameter names (/tasks/{id}, /tasks/{taskId}) would match the same requests.
    const shape = routeKey.replace(/\{[^}]*?(\+?)\}/g, '{$1}');
    if (seen.has(shape)) throw new HttpRouteInvalidError(routeKey, 'another route has the same method and path');
    seen.add(shape);
  }
}
