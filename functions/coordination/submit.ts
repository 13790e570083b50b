import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LIMITS } from '../../lib/contracts/index.js';
import { checkBodySize, httpHandler, json, jsonBody, observeHandler } from '../../lib/handlers/index.js';
import { checkSubmission, getDeps, submitTasks } from '../../lib/orchestration/index.js';

/**
 * POST /tasks: 201 with the new task (200 with the existing one for a repeated idempotency key), 400
 * naming each bad field, 413 for a body over LIMITS.submissionBodyBytes, 503 naming the service that is down. A 503 may come after the task was
 * committed (dispatching it failed): the client's retry with its idempotency key then gets it, 200.
 */
export const handler = observeHandler(httpHandler(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const size = checkBodySize(event, LIMITS.submissionBodyBytes);
  if (!size.ok) return size.response;
  const body = jsonBody(event);
  if (!body.ok) return body.response;
  const check = checkSubmission(body.body);
  if (!check.ok) return json(400, { message: 'Invalid task submission', errors: check.errors });
  const [result] = await submitTasks(await getDeps(), [check.submission], 'api');
  return json(result!.created ? 201 : 200, { id: result!.task.id, status: result!.task.status, created: result!.created });
}));
