import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { TASK_STATUSES } from '../../../lib/contracts/index.js';
import { callerOf, json } from '../../../lib/handlers/index.js';
import { getDeps } from '../../../lib/orchestration/index.js';
import { visibleSubmitter } from '../../../lib/orchestration/taskAccess.js';
import { listQuery } from './listQuery.js';

/** GET /tasks?status=&limit=: the caller's tasks (every task for an admin), without payloads or results. */
export async function listTasks(event: APIGatewayProxyEventV2) {
  const query = listQuery(event, TASK_STATUSES);
  if (!query.ok) return query.response;
  const submittedBy = visibleSubmitter(callerOf(event));
  const tasks = await (await getDeps()).tasks.list({ ...(query.status ? { status: query.status } : {}), ...(submittedBy === undefined ? {} : { submittedBy }), limit: query.limit });
  // A list carries no payloads or results: they can be large, and they are the task's own business.
  return json(200, { tasks: tasks.map(({ payload: _payload, result: _result, ...summary }) => summary) });
}
