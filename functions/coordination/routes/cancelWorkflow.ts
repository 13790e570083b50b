import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { callerOf, json } from '../../../lib/handlers/index.js';
import { cancelWorkflow as cancel, getDeps } from '../../../lib/orchestration/index.js';
import { maySee } from '../../../lib/orchestration/taskAccess.js';

/** POST /workflows/{id}/cancel: a submitter cancels its own (404 for another's); 409 once it ended. */
export async function cancelWorkflow(event: APIGatewayProxyEventV2) {
  const id = event.pathParameters!.id!;
  const deps = await getDeps();
  const workflow = await deps.workflows.get(id);
  if (!workflow || !maySee(callerOf(event), workflow)) return json(404, { message: `No workflow ${id}` });
  const outcome = await cancel(deps, id, 'api');
  return outcome.applied ? json(200, outcome.view) : json(409, { message: `Workflow ${id} is ${outcome.status ?? 'gone'} and cannot be cancelled` });
}
