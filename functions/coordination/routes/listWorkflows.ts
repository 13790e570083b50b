import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { WORKFLOW_STATUSES } from '../../../lib/contracts/index.js';
import { callerOf, json } from '../../../lib/handlers/index.js';
import { getDeps } from '../../../lib/orchestration/index.js';
import { visibleSubmitter } from '../../../lib/orchestration/taskAccess.js';
import { listQuery } from './listQuery.js';

/** GET /workflows?status=&limit=: the caller's workflows (every one for an admin). */
export async function listWorkflows(event: APIGatewayProxyEventV2) {
  const query = listQuery(event, WORKFLOW_STATUSES);
  if (!query.ok) return query.response;
  const submittedBy = visibleSubmitter(callerOf(event));
  return json(200, { workflows: await (await getDeps()).workflows.list({ ...(query.status ? { status: query.status } : {}), ...(submittedBy === undefined ? {} : { submittedBy }), limit: query.limit }) });
}
