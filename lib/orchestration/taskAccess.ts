import { API_SCOPES, scopeOfRoute, type ApiCaller } from '../contracts/index.js';

/**
 * Whether the caller holds the scope the route needs (see ROUTE_SCOPES). The gateway checks JWT
 * scopes first; this repeats it in the handler so a misconfigured route still refuses.
 */
export function mayCall(caller: ApiCaller, routeKey: string): boolean {
  return caller.scopes.includes(scopeOfRoute(routeKey));
}

/**
 * The submitter whose tasks the caller may see: `undefined` (every task) for an admin, else the
 * caller's own id. A task submitted on Kafka belongs to `kafka:<agent>` and one stored before
 * submitters were recorded to nobody, so both are an admin's only through the HTTP API.
 */
export function visibleSubmitter(caller: ApiCaller): string | undefined {
  return caller.scopes.includes(API_SCOPES.admin) ? undefined : caller.id;
}

/**
 * Whether the caller may see the task. The API answers 404 for one it may not, exactly as for one
 * that does not exist, so task ids cannot be probed.
 */
export function maySee(caller: ApiCaller, task: { submittedBy?: string }): boolean {
  const submitter = visibleSubmitter(caller);
  return submitter === undefined || task.submittedBy === submitter;
}
