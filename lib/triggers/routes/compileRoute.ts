import { ROUTE_METHODS } from './constants.js';
import { HttpRouteInvalidError } from './errors.js';
import type { CompiledRoute, RouteSegment, RouteSpec } from './types.js';

const METHODS: ReadonlySet<string> = new Set(ROUTE_METHODS);
const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;
const compiled = new WeakMap<RouteSpec, CompiledRoute>();

/**
 * Splits a route path into static segments, `{name}` parameters and a trailing greedy `{name+}`, which
 * "must be at the end of the resource path" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
 *
 * @example
 * compileRoute({ method: 'GET', path: '/files/{path+}' });
 * // { routeKey: 'GET /files/{path+}', segments: [static files, greedy path], greedy: true, route }
 * compileRoute({ method: 'GET', path: '/files/{path+}/meta' });
 * // throws HttpRouteInvalidError: invalid route "GET /files/{path+}/meta": the greedy parameter {path+} must be the last segment
 *
 * @throws HttpRouteInvalidError
 */
export function compileRoute<R extends RouteSpec>(route: R): CompiledRoute<R> {
  const cached = compiled.get(route);
  if (cached) return cached as CompiledRoute<R>;
  const routeKey = `${route.method} ${route.path}`;
  if (!METHODS.has(route.method)) throw new HttpRouteInvalidError(routeKey, `unknown method "${route.method}"`);
  if (!route.path.startsWith('/')) throw new HttpRouteInvalidError(routeKey, 'the path must start with "/"');
  const names = new Set<string>();
  const parts = route.path.split('/').slice(1);
  const segments = parts.map((part, i): RouteSegment => {
    const param = PARAM.exec(part);
    if (!param) {
      if (/[{}]/.test(part)) throw new HttpRouteInvalidError(routeKey, `"${part}" is neither a literal segment nor {name} / {name+}`);
      return { kind: 'static', text: part };
    }
    const [, name = '', plus] = param;
    if (names.has(name)) throw new HttpRouteInvalidError(routeKey, `the parameter "${name}" appears twice`);
    names.add(name);
    if (!plus) return { kind: 'param', name };
    if (i !== parts.length - 1) throw new HttpRouteInvalidError(routeKey, `the greedy parameter {${name}+} must be the last segment`);
    return { kind: 'greedy', name };
  });
  const result = { route, routeKey, segments, greedy: segments.at(-1)?.kind === 'greedy' };
  compiled.set(route, result);
  return result;
}
