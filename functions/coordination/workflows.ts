import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LIMITS, WORKFLOW_STATUSES, type WorkflowStatus } from '../../lib/contracts/index.js';
import { callerOf, checkBodySize, httpHandler, json, jsonBody, observeHandler } from '../../lib/handlers/index.js';
import { cancelWorkflow, getDeps, submitWorkflow } from '../../lib/orchestration/index.js';
import { mayCall, maySee, visibleSubmitter } from '../../lib/orchestration/taskAccess.js';
import { checkWorkflow } from '../../lib/workflows/checkWorkflow.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Workflows: POST /workflows (201, or 200 for a repeated idempotency key; 400 naming each bad field
 * or graph problem), GET /workflows?status=&limit=, GET /workflows/{id} with every step, POST
 * /workflows/{id}/cancel (409 once it ended). A caller without `syntor/admin` sees and cancels only
 * its own; another's is 404.
 */
export const handler = observeHandler(httpHandler(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const caller = callerOf(event);
  if (!mayCall(caller, event.routeKey)) return json(403, { message: `${event.routeKey} needs a scope this caller does not have` });
  const id = event.pathParameters?.id;
  if (id !== undefined && !UUID.test(id)) return json(400, { message: `"${id}" is not a workflow id (a UUID)` });
  const deps = await getDeps();

  switch (event.routeKey) {
    case 'POST /workflows': {
      const size = checkBodySize(event, LIMITS.submissionBodyBytes * 4);
      if (!size.ok) return size.response;
      const body = jsonBody(event);
      if (!body.ok) return body.response;
      const check = checkWorkflow(body.body);
      if (!check.ok) return json(400, { message: 'Invalid workflow', errors: check.errors });
      const { workflow, created } = await submitWorkflow(deps, check.workflow, 'api', caller.id);
      if (!maySee(caller, workflow)) return json(409, { message: "idempotencyKey is already used by another caller's workflow" });
      return json(created ? 201 : 200, { ...workflow, created });
    }
    case 'GET /workflows': {
      const status = event.queryStringParameters?.status;
      if (status !== undefined && !(WORKFLOW_STATUSES as readonly string[]).includes(status)) {
        return json(400, { message: `status must be one of ${WORKFLOW_STATUSES.join(', ')}; got "${status}"` });
      }
      const limit = Number(event.queryStringParameters?.limit ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return json(400, { message: 'limit must be a whole number from 1 to 1000' });
      const submittedBy = visibleSubmitter(caller);
      return json(200, { workflows: await deps.workflows.list({ ...(status ? { status: status as WorkflowStatus } : {}), ...(submittedBy === undefined ? {} : { submittedBy }), limit }) });
    }
    case 'GET /workflows/{id}': {
      const workflow = await deps.workflows.get(id!);
      return workflow && maySee(caller, workflow) ? json(200, workflow) : json(404, { message: `No workflow ${id}` });
    }
    case 'POST /workflows/{id}/cancel': {
      const workflow = await deps.workflows.get(id!);
      if (!workflow || !maySee(caller, workflow)) return json(404, { message: `No workflow ${id}` });
      const outcome = await cancelWorkflow(deps, id!, 'api');
      return outcome.applied ? json(200, outcome.view) : json(409, { message: `Workflow ${id} is ${outcome.status ?? 'gone'} and cannot be cancelled` });
    }
    default:
      return json(404, { message: `No route ${event.routeKey}` });
  }
}));
