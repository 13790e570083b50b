import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { callerOf, json } from '../../../lib/handlers/index.js';
import { getDeps } from '../../../lib/orchestration/index.js';
import { maySee } from '../../../lib/orchestration/taskAccess.js';

/** GET /workflows/{id}: the workflow with every step; 404 for one the caller may not see, exactly as for none. */
export async function getWorkflow(event: APIGatewayProxyEventV2) {
  const id = event.pathParameters!.id!;
  const workflow = await (await getDeps()).workflows.get(id);
  return workflow && maySee(callerOf(event), workflow) ? json(200, workflow) : json(404, { message: `No workflow ${id}` });
}
