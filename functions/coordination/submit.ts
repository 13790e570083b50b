import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LIMITS } from '../../lib/contracts/index.js';
import { callerOf, checkBodySize, httpHandler, json, jsonBody, observeHandler } from '../../lib/handlers/index.js';
import { checkSubmission, getDeps, submitTasks } from '../../lib/orchestration/index.js';
import { mayCall, maySee } from '../../lib/orchestration/taskAccess.js';

/**
 * POST /tasks: 201 with the new task (200 with the existing one for a repeated idempotency key), 400
 * naming each bad field, 413 for a body over LIMITS.submissionBodyBytes, 503 naming the service that is down. A 503 may come after the task was
 * committed (dispatching it failed): the client's retry with its idempotency key then gets it, 200.
 * 403 without the `syntor/submit` scope; 409 for an idempotency key another caller's task holds.
 */
export const handler = observeHandler(httpHandler(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const caller = callerOf(event);
  if (!mayCall(caller, 'POST /tasks')) return json(403, { message: 'POST /tasks needs the syntor/submit scope' });
  const size = checkBodySize(event, LIMITS.submissionBodyBytes);
  if (!size.ok) return size.response;
  const body = jsonBody(event);
  if (!body.ok) return body.response;
  const check = checkSubmission(body.body);
  if (!check.ok) return json(400, { message: 'Invalid task submission', errors: check.errors });
  const [result] = await submitTasks(await getDeps(), [check.submission], 'api', caller.id);
  // Keys are unique across callers: answering with the task would hand another caller's id out.
  if (!maySee(caller, result!.task)) return json(409, { message: 'idempotencyKey is already used by another caller\'s task' });
  return json(result!.created ? 201 : 200, { id: result!.task.id, status: result!.task.status, created: result!.created });
}));
