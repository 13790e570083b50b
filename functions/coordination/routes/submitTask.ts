import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LIMITS } from '../../../lib/contracts/index.js';
import { callerOf, httpRoute, json, jsonRequestBody, parsedBody } from '../../../lib/handlers/index.js';
import { checkSubmission, checkTaskTypes, getDeps, submitTasks } from '../../../lib/orchestration/index.js';
import { maySee } from '../../../lib/orchestration/taskAccess.js';

/**
 * POST /tasks: 201 with the new task (200 with the existing one for a repeated idempotency key), 400
 * naming each bad field (a type no registered agent runs included), 413 for a body over LIMITS.submissionBodyBytes. A 503 may come after the
 * task was committed (dispatching it failed): the client's retry with its idempotency key then gets
 * it, 200. 409 for an idempotency key another caller's task holds.
 */
export const submitTask = httpRoute(async (event: APIGatewayProxyEventV2) => {
  const check = checkSubmission(parsedBody(event));
  if (!check.ok) return json(400, { message: 'Invalid task submission', errors: check.errors });
  const deps = await getDeps();
  const unknown = await checkTaskTypes(deps.agents, [{ field: 'type', type: check.submission.type }]);
  if (unknown.length > 0) return json(400, { message: 'Invalid task submission', errors: unknown });
  const caller = callerOf(event);
  const [result] = await submitTasks(deps, [check.submission], 'api', caller.id);
  // Keys are unique across callers: answering with the task would hand another caller's id out.
  if (!maySee(caller, result!.task)) return json(409, { message: 'idempotencyKey is already used by another caller\'s task' });
  return json(result!.created ? 201 : 200, { id: result!.task.id, status: result!.task.status, created: result!.created });
}).use(jsonRequestBody({ limitBytes: LIMITS.submissionBodyBytes }));
