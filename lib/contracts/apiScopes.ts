/**
 * The OAuth scopes of the HTTP API and the one table saying which route needs which. The CDK app
 * puts each route's scope on it as a JWT `authorizationScopes`, and the coordination API checks it
 * again (defence in depth beside the gateway), so the two can never disagree.
 */
export const API_SCOPES = {
  /** Submit tasks and workflows, and cancel one's own workflows. */
  submit: 'syntor/submit',
  /** Read one's own tasks, and the agents. */
  read: 'syntor/read',
  /** Every task, cancel, dead letters and redrive. */
  admin: 'syntor/admin',
} as const;

export type ApiScope = (typeof API_SCOPES)[keyof typeof API_SCOPES];

export const ALL_API_SCOPES: readonly ApiScope[] = Object.values(API_SCOPES);

/** Route → scope, keyed by API Gateway's route key (`METHOD path`). */
export const ROUTE_SCOPES: Readonly<Record<string, ApiScope>> = {
  'POST /tasks': API_SCOPES.submit,
  'GET /tasks': API_SCOPES.read,
  'GET /tasks/{id}': API_SCOPES.read,
  'GET /agents': API_SCOPES.read,
  'POST /tasks/{id}/cancel': API_SCOPES.admin,
  // A submitter cancels its own workflows (the handler answers 404 for another's).
  'POST /workflows': API_SCOPES.submit,
  'POST /workflows/{id}/cancel': API_SCOPES.submit,
  'GET /workflows': API_SCOPES.read,
  'GET /workflows/{id}': API_SCOPES.read,
  'GET /dlq': API_SCOPES.admin,
  'POST /dlq/{id}/redrive': API_SCOPES.admin,
};

/** Who is calling the HTTP API, and with which scopes (see `callerOf`). */
export interface ApiCaller {
  /** The JWT `sub`, the IAM principal's ARN, or `local` under the harness. */
  readonly id: string;
  readonly scopes: readonly string[];
}

/**
 * The scope a route needs. A route nobody has classified (an agent's own, say) needs `syntor/admin`:
 * failing closed means a new route is usable by operators until someone decides who else may call it.
 *
 * @example
 * scopeOfRoute('GET /tasks'); // 'syntor/read'
 */
export function scopeOfRoute(routeKey: string): ApiScope {
  return ROUTE_SCOPES[routeKey] ?? API_SCOPES.admin;
}
