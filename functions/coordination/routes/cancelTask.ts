import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpRoute, json, type DispatchAfterContext } from '../../../lib/handlers/index.js';
import { afterAdvance, announceWorkflows, getDeps } from '../../../lib/orchestration/index.js';
import { redactTask } from '../../../lib/orchestration/redactTask.js';
import { dispatchAfterApi } from './dispatchAfterApi.js';

/** POST /tasks/{id}/cancel (admin): 409 for a task already ended; a workflow's next steps are dispatched after. */
export const cancelTask = httpRoute(async (event: APIGatewayProxyEventV2, context: DispatchAfterContext) => {
  const id = event.pathParameters!.id!;
  const deps = await getDeps();
  const outcome = await deps.tasks.transition(id, { to: 'cancelled', from: ['pending', 'assigned', 'running'], actor: 'api', changes: { leaseExpiresAt: null } });
  if (!outcome.applied) {
    return outcome.reason === 'not-found' ? json(404, { message: `No task ${id}` }) : json(409, { message: `Task ${id} is ${outcome.task.status} and cannot be cancelled` });
  }
  if (outcome.from !== 'pending' && outcome.task.assignedAgent) await deps.inFlight.release(outcome.task.assignedAgent, [outcome.task.id]);
  // A workflow step's task: its workflow hears of it now (the sweeper would, if this fails).
  const advance = await deps.workflows.advance([outcome.task.id], 'api', announceWorkflows);
  await afterAdvance(deps, advance);
  if (advance.started.length > 0) context.dispatchAfter();
  return json(200, redactTask(outcome.task));
}).use(dispatchAfterApi());
