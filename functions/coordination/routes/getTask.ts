import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { callerOf, json } from '../../../lib/handlers/index.js';
import { getDeps } from '../../../lib/orchestration/index.js';
import { redactTask } from '../../../lib/orchestration/redactTask.js';
import { maySee } from '../../../lib/orchestration/taskAccess.js';

/** GET /tasks/{id}: the task with its history; 404 for one the caller may not see, exactly as for none. */
export async function getTask(event: APIGatewayProxyEventV2) {
  const id = event.pathParameters!.id!;
  const deps = await getDeps();
  const task = await deps.tasks.get(id);
  return task && maySee(callerOf(event), task) ? json(200, { ...redactTask(task), events: await deps.tasks.events(id) }) : json(404, { message: `No task ${id}` });
}
