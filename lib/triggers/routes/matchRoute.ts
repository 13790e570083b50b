import { compileRoute } from './compileRoute.js';
import { ANY_METHOD } from './constants.js';
import { decodeComponent } from './decodeComponent.js';
import type { CompiledRoute, RouteMatch, RouteSegment, RouteSpec } from './types.js';

/**
 * The route API Gateway would pick for a request: "the most-specific match", full matches before greedy
 * `{proxy+}` ones (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.evaluation).
 * Among full matches a literal segment beats a `{param}` at the first place they differ (`GET /pets/dog/1`
 * before `GET /pets/dog/{id}`); among greedy ones the longer literal prefix wins (`/pets/{proxy+}` before
 * `/{proxy+}`); then a route for the method beats `ANY`; then the earlier route. Path parameters are
 * URL-decoded, as "API Gateway decodes URL-encoded request parameters".
 *
 * @example
 * matchRoute(routes, 'GET', '/tasks/a%20b'); // { route: GET /tasks/{id}, pathParameters: { id: 'a b' } }
 *
 * @param path the raw path, without the query string.
 * @throws HttpRouteInvalidError when a route itself is invalid.
 */
export function matchRoute<R extends RouteSpec>(routes: readonly R[], method: string, path: string): RouteMatch<R> | undefined {
  const parts = path.split('/').slice(1);
  let best: { compiled: CompiledRoute<R>; pathParameters: Record<string, string> } | undefined;
  for (const route of routes) {
    const compiled = compileRoute(route);
    if (route.method !== method && route.method !== ANY_METHOD) continue;
    const pathParameters = matchSegments(compiled.segments, parts);
    if (pathParameters && (!best || compare(compiled, best.compiled) < 0)) best = { compiled, pathParameters };
  }
  return best && { route: best.compiled.route, pathParameters: best.pathParameters };
}

function matchSegments(segments: readonly RouteSegment[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i).join('/');
      if (rest === '') return undefined;
      params[segment.name] = decodeComponent(rest);
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 'static') {
      if (decodeComponent(part) !== segment.text) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.name] = decodeComponent(part);
    }
  }
  return parts.length === segments.length ? params : undefined;
}

const RANK = { static: 2, param: 1, greedy: 0 } as const;

/** Negative when `a` is the more specific route. */
function compare(a: CompiledRoute, b: CompiledRoute): number {
  if (a.greedy !== b.greedy) return a.greedy ? 1 : -1;
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const difference = rank(b.segments[i]) - rank(a.segments[i]);
    if (difference !== 0) return difference;
  }
  return (a.route.method === ANY_METHOD ? 1 : 0) - (b.route.method === ANY_METHOD ? 1 : 0);
}

function rank(segment: RouteSegment | undefined): number {
  return segment === undefined ? -1 : RANK[segment.kind];
}
