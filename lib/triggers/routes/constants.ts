/**
 * Where each rule this package checks is written down. Comments elsewhere cite these by name.
 */
export const DOCS = {
  /** Route syntax (`{name}`, a trailing greedy `{name+}`), route selection, URL-decoded parameters. */
  routes: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html',
} as const;

/** Methods a route may name; `ANY` matches every method that has no route of its own. */
export const ANY_METHOD = 'ANY';

export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', ANY_METHOD] as const;
