import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from '../../../lib/handlers/index.js';

/**
 * `?status=&limit=` of a list route: a status from `statuses` (or none) and a limit from 1 to 1000
 * (default 100), or the 400 saying which is wrong.
 *
 * @example
 * const query = listQuery(event, TASK_STATUSES);
 * if (!query.ok) return query.response;
 */
export function listQuery<S extends string>(
  event: APIGatewayProxyEventV2,
  statuses: readonly S[],
): { ok: true; status: S | undefined; limit: number } | { ok: false; response: APIGatewayProxyStructuredResultV2 } {
  const status = event.queryStringParameters?.status;
  if (status !== undefined && !(statuses as readonly string[]).includes(status)) {
    return { ok: false, response: json(400, { message: `status must be one of ${statuses.join(', ')}; got "${status}"` }) };
  }
  const limit = Number(event.queryStringParameters?.limit ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { ok: false, response: json(400, { message: 'limit must be a whole number from 1 to 1000' }) };
  return { ok: true, status: status as S | undefined, limit };
}
