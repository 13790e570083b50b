import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { TASK_STATUSES, type TaskStatus } from '../../lib/contracts/index.js';
import { callerOf, httpHandler, json, observeHandler } from '../../lib/handlers/index.js';
import { afterAdvance, announceWorkflows, dispatchPending, getDeps, redrive } from '../../lib/orchestration/index.js';
import { redactDeadLetter, redactTask } from '../../lib/orchestration/redactTask.js';
import { mayCall, maySee, visibleSubmitter } from '../../lib/orchestration/taskAccess.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Queries and control: tasks (with history), agents, dead letters, cancel, redrive; 503 naming a
 * service that is down. 403 without the route's scope (ROUTE_SCOPES); without `syntor/admin` a caller
 * sees only the tasks it submitted, and another's task is 404.
 */
export const handler = observeHandler(httpHandler(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const caller = callerOf(event);
  if (!mayCall(caller, event.routeKey)) return json(403, { message: `${event.routeKey} needs a scope this caller does not have` });
  const deps = await getDeps();
  const id = event.pathParameters?.id;
  if (id !== undefined && !UUID.test(id)) return json(400, { message: `"${id}" is not a task or dead letter id (a UUID)` });

  switch (event.routeKey) {
    case 'GET /tasks': {
      const status = event.queryStringParameters?.status;
      if (status !== undefined && !(TASK_STATUSES as readonly string[]).includes(status)) {
        return json(400, { message: `status must be one of ${TASK_STATUSES.join(', ')}; got "${status}"` });
      }
      const limit = Number(event.queryStringParameters?.limit ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return json(400, { message: 'limit must be a whole number from 1 to 1000' });
      const submittedBy = visibleSubmitter(caller);
      const tasks = await deps.tasks.list({ ...(status ? { status: status as TaskStatus } : {}), ...(submittedBy === undefined ? {} : { submittedBy }), limit });
      // A list carries no payloads or results: they can be large, and they are the task's own business.
      return json(200, { tasks: tasks.map(({ payload: _payload, result: _result, ...summary }) => summary) });
    }
    case 'GET /tasks/{id}': {
      const task = await deps.tasks.get(id!);
      return task && maySee(caller, task) ? json(200, { ...redactTask(task), events: await deps.tasks.events(id!) }) : json(404, { message: `No task ${id}` });
    }
    case 'POST /tasks/{id}/cancel': {
      const outcome = await deps.tasks.transition(id!, { to: 'cancelled', from: ['pending', 'assigned', 'running'], actor: 'api', changes: { leaseExpiresAt: null } });
      if (!outcome.applied) {
        return outcome.reason === 'not-found' ? json(404, { message: `No task ${id}` }) : json(409, { message: `Task ${id} is ${outcome.task.status} and cannot be cancelled` });
      }
      if (outcome.from !== 'pending' && outcome.task.assignedAgent) await deps.inFlight.release(outcome.task.assignedAgent, [outcome.task.id]);
      // A workflow step's task: its workflow hears of it now (the sweeper would, if this fails).
      const advance = await deps.workflows.advance([outcome.task.id], 'api', announceWorkflows);
      await afterAdvance(deps, advance);
      if (advance.started.length > 0) await dispatchPending(deps, { actor: 'api' });
      return json(200, redactTask(outcome.task));
    }
    case 'GET /agents': {
      const agents = await deps.agents.list();
      return json(200, {
        agents: await Promise.all(
          agents.map(async (a) => ({ ...a, inFlight: await deps.inFlight.count(a.name), instances: await deps.liveness.aliveInstances(a.name) })),
        ),
      });
    }
    case 'GET /dlq':
      return json(200, { deadLetters: (await deps.deadLetters.list()).map(redactDeadLetter) });
    case 'POST /dlq/{id}/redrive': {
      const outcome = await redrive(deps, id!, 'api');
      if (!outcome.ok) return json(409, { message: outcome.reason });
      if (outcome.taskId) await dispatchPending(deps, { actor: 'api' });
      return json(200, outcome);
    }
    default:
      return json(404, { message: `No route ${event.routeKey}` });
  }
}));
