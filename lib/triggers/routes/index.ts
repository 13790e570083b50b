export { ANY_METHOD } from './constants.js';
export { compileRoute } from './compileRoute.js';
export { HttpRouteInvalidError } from './errors.js';
export { matchRoute } from './matchRoute.js';
export type { CompiledRoute, RouteMatch, RouteSegment, RouteSpec } from './types.js';
